package dev.warren.amqp.codec.content;

import dev.warren.amqp.codec.AmqpCodecException;
import dev.warren.amqp.codec.Bytes;
import dev.warren.amqp.codec.ReplyCode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BasicPropertiesTest {

    @Test
    void deliveryModeAndPriorityAreOctets() {
        assertThatThrownBy(() -> BasicProperties.builder().deliveryMode(256).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("deliveryMode");
        assertThatThrownBy(() -> BasicProperties.builder().priority(-1).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("priority");
        assertThat(BasicProperties.builder().priority(255).deliveryMode(0).build().priority()).isEqualTo(255);
    }

    @Test
    void headersAreCopiedAndCannotBeChanged() {
        Map<String, Object> headers = new HashMap<>();
        headers.put("a", 1);
        BasicProperties properties = BasicProperties.builder().headers(headers).build();
        headers.put("b", 2);
        assertThat(properties.headers()).containsOnlyKeys("a");
        assertThatThrownBy(() -> properties.headers().put("c", 3)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void theBuilderAddsHeadersOneByOneAndCopiesFromExistingProperties() {
        BasicProperties first = BasicProperties.builder().header("a", 1).header("b", "two").messageId("m").build();
        BasicProperties second = first.toBuilder().header("c", true).build();
        assertThat(first.headers()).containsOnlyKeys("a", "b");
        assertThat(second.headers()).containsOnlyKeys("a", "b", "c");
        assertThat(second.messageId()).isEqualTo("m");
        assertThat(second.toBuilder().build()).isEqualTo(second);
    }

    @Test
    void emptyPropertiesWriteOnlyAZeroFlagWord() {
        assertThat(BasicProperties.EMPTY.isEmpty()).isTrue();
        assertThat(BasicProperties.builder().build().isEmpty()).isTrue();
        assertThat(BasicProperties.persistentText().isEmpty()).isFalse();
        for (BasicProperties empty : new BasicProperties[] {BasicProperties.EMPTY, BasicProperties.builder().build()}) {
            ByteBuf out = Unpooled.buffer();
            BasicPropertiesCodec.encode(out, empty);
            assertThat(Bytes.drain(out)).containsExactly(0, 0);
        }
    }

    @Test
    void persistentTextIsDeliveryMode2AndTextPlain() {
        assertThat(BasicProperties.persistentText().deliveryMode()).isEqualTo(BasicProperties.PERSISTENT);
        assertThat(BasicProperties.persistentText().contentType()).isEqualTo("text/plain");
        assertThat(BasicProperties.builder().persistent().build().deliveryMode()).isEqualTo(2);
    }

    @Test
    void propertiesAreWrittenInSpecificationOrderAfterTheirFlags() {
        BasicProperties properties = BasicProperties.builder()
                .clusterId("c").timestamp(Instant.ofEpochSecond(1)).priority(9).contentType("t").build();
        ByteBuf out = Unpooled.buffer();
        BasicPropertiesCodec.encode(out, properties);
        assertThat(Bytes.drain(out)).containsExactly(Bytes.of(
                0x88, 0x44,                     // flags: content-type 15, priority 11, timestamp 6, cluster-id 2
                0x01, "t",                      // content-type
                0x09,                           // priority
                Bytes.int64(1),                 // timestamp
                0x01, "c"));                    // cluster-id
    }

    @Test
    void decodingEmptyFlagsGivesTheSharedEmptyProperties() {
        assertThat(BasicPropertiesCodec.decode(Unpooled.wrappedBuffer(Bytes.of(0, 0)), 64))
                .isSameAs(BasicProperties.EMPTY);
    }

    @Test
    void missingOrIncompleteFlagWordsAreASyntaxError() {
        for (byte[] bytes : new byte[][] {Bytes.of(), Bytes.of(0x80), Bytes.of(0x00, 0x01), Bytes.of(0x00, 0x01, 0x00)}) {
            assertThatThrownBy(() -> BasicPropertiesCodec.decode(Unpooled.wrappedBuffer(bytes), 64))
                    .as(Bytes.hex(bytes)).isInstanceOfSatisfying(AmqpCodecException.class,
                            e -> assertThat(e.replyCode()).isEqualTo(ReplyCode.SYNTAX_ERROR));
        }
    }

    @Test
    void contentHeadersCheckTheirClassId() {
        assertThatThrownBy(() -> new ContentHeader(65536, 0, BasicProperties.EMPTY))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ContentHeader(60, 0, null)).isInstanceOf(NullPointerException.class);
        assertThat(ContentHeader.basic(5, BasicProperties.EMPTY).classId()).isEqualTo(ContentHeader.BASIC_CLASS_ID);
    }
}

package dev.warren.amqp.codec.table;

import dev.warren.amqp.codec.AmqpCodecException;
import dev.warren.amqp.codec.ReplyCode;
import dev.warren.amqp.codec.content.BasicProperties;
import dev.warren.amqp.codec.method.BasicMethod;
import dev.warren.amqp.codec.method.ConnectionMethod;
import dev.warren.amqp.codec.method.QueueMethod;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.warren.amqp.codec.Bytes.of;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShortStringsTest {

    private static final String TOO_LONG = "q".repeat(256);

    @Test
    void writingMoreThan255BytesIsAnIllegalArgument() {
        ByteBuf out = Unpooled.buffer();
        try {
            assertThatThrownBy(() -> ShortStrings.write(out, TOO_LONG))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("256");
            assertThatThrownBy(() -> ShortStrings.write(out, "ß".repeat(128))) // 128 chars, 256 bytes
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("256");
            assertThat(out.readableBytes()).as("nothing written").isZero();
        } finally {
            out.release();
        }
    }

    @Test
    void aMethodArgumentTooLongForAShortStringIsRejectedNamingTheField() {
        assertThatThrownBy(() -> new QueueMethod.Declare(TOO_LONG, false, false, false, false, false, Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("queue.declare queue")
                .hasMessageContaining("256");
        assertThatThrownBy(() -> new BasicMethod.Publish("", TOO_LONG, false, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("basic.publish routing-key");
        assertThatThrownBy(() -> new ConnectionMethod.Open("€".repeat(86)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("connection.open virtual-host");
        assertThatThrownBy(() -> new BasicMethod.Publish(null, "q", false, false))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("basic.publish exchange");
    }

    @Test
    void aPropertyTooLongForAShortStringIsRejectedNamingTheProperty() {
        assertThatThrownBy(() -> BasicProperties.builder().correlationId(TOO_LONG).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("correlationId");
        assertThatThrownBy(() -> BasicProperties.builder().appId("😀".repeat(64)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("appId");
    }

    @Test
    void aTableNameTooLongForAShortStringIsRejected() {
        ByteBuf out = Unpooled.buffer();
        try {
            assertThatThrownBy(() -> FieldTables.writeTable(out, Map.of(TOO_LONG, 1)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("field table name");
        } finally {
            out.release();
        }
    }

    @Test
    void requireShortStringReturnsAValidValue() {
        assertThat(ShortStrings.requireShortString("a".repeat(255), "x")).hasSize(255);
        assertThat(ShortStrings.requireShortString("€".repeat(85), "x")).hasSize(85);
        assertThatThrownBy(() -> ShortStrings.requireShortString(null, "the name"))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("the name");
    }

    @Test
    void readingALengthBeyondTheBytesLeftIsASyntaxError() {
        assertSyntaxError(of(5, "abc"));
        assertSyntaxError(of());
    }

    @Test
    void readingALongStringLengthBeyondTheBytesLeftIsASyntaxError() {
        ByteBuf in = Unpooled.wrappedBuffer(of(0xFF, 0xFF, 0xFF, 0xFF, "abc"));
        assertThatThrownBy(() -> ShortStrings.readLong(in)).isInstanceOfSatisfying(AmqpCodecException.class,
                e -> assertThat(e.replyCode()).isEqualTo(ReplyCode.SYNTAX_ERROR));
        ByteBuf shortLength = Unpooled.wrappedBuffer(of(0, 0, 0));
        assertThatThrownBy(() -> ShortStrings.readLong(shortLength)).isInstanceOf(AmqpCodecException.class);
    }

    @Test
    void readingAnEmptyStringConsumesOnlyItsLength() {
        ByteBuf in = Unpooled.wrappedBuffer(of(0, 7));
        assertThat(ShortStrings.read(in)).isEmpty();
        assertThat(in.readByte()).isEqualTo((byte) 7);
    }

    private static void assertSyntaxError(byte[] bytes) {
        ByteBuf in = Unpooled.wrappedBuffer(bytes);
        assertThatThrownBy(() -> ShortStrings.read(in)).isInstanceOfSatisfying(AmqpCodecException.class,
                e -> assertThat(e.replyCode()).isEqualTo(ReplyCode.SYNTAX_ERROR));
    }
}

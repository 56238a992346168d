package dev.warren.amqp.codec.method;

import dev.warren.amqp.codec.AmqpCodecException;
import dev.warren.amqp.codec.Bytes;
import dev.warren.amqp.codec.ReplyCode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Records refuse values their wire type cannot carry, naming the argument. */
class MethodArgumentsTest {

    @Test
    void unsignedShortsAre0To65535() {
        assertThatThrownBy(() -> new ConnectionMethod.Tune(65536, 0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("channel-max");
        assertThatThrownBy(() -> new ChannelMethod.Close(-1, "", 0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reply-code");
        assertThatThrownBy(() -> new BasicMethod.Qos(0, 65536, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("prefetch-count");
    }

    @Test
    void unsignedIntsAre0To4294967295() {
        assertThatThrownBy(() -> new ConnectionMethod.TuneOk(0, 4294967296L, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("frame-max");
        assertThatThrownBy(() -> new QueueMethod.DeclareOk("q", -1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("message-count");
        assertThatThrownBy(() -> new BasicMethod.Qos(-1, 0, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("prefetch-size");
    }

    @Test
    void octetsAre0To255() {
        assertThatThrownBy(() -> new ConnectionMethod.Start(256, 9, Map.of(),
                dev.warren.amqp.codec.table.LongString.EMPTY, dev.warren.amqp.codec.table.LongString.EMPTY))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("version-major");
    }

    @Test
    void theMaximaRoundTrip() {
        assertRoundTrip(new ConnectionMethod.Tune(65535, 4294967295L, 65535));
        assertRoundTrip(new QueueMethod.DeclareOk("q", 4294967295L, 4294967295L));
        assertRoundTrip(new BasicMethod.Ack(-1L, true)); // delivery tags are unsigned 64-bit; -1 is 2^64-1
    }

    @Test
    void aNullTableArgumentIsWrittenAndReadAsAnEmptyTable() {
        QueueMethod.Declare declare = new QueueMethod.Declare("q", false, false, false, false, false, null);
        assertThat(declare.arguments()).isEmpty();
        assertRoundTrip(declare);
    }

    @Test
    void bytesAfterTheLastArgumentAreIgnored() {
        ByteBuf payload = Unpooled.wrappedBuffer(Bytes.of(0x00, 0x3C, 0x00, 0x50, Bytes.int64(5), 0x01, 0xAB));
        assertThat(MethodDecoder.decode(payload, 64)).isEqualTo(new BasicMethod.Ack(5, true));
    }

    @Test
    void unusedBitsAreIgnored() {
        ByteBuf payload = Unpooled.wrappedBuffer(Bytes.of(0x00, 0x3C, 0x00, 0x50, Bytes.int64(5), 0xFE));
        assertThat(MethodDecoder.decode(payload, 64)).isEqualTo(new BasicMethod.Ack(5, false));
    }

    @Test
    void unknownIdsAreCommandInvalid() {
        ByteBuf payload = Unpooled.wrappedBuffer(Bytes.of(0x00, 0x0A, 0x00, 0x0C));
        assertThatThrownBy(() -> MethodDecoder.decode(payload, 64)).isInstanceOfSatisfying(AmqpCodecException.class,
                e -> assertThat(e.replyCode()).isEqualTo(ReplyCode.COMMAND_INVALID));
    }

    private static void assertRoundTrip(Method method) {
        ByteBuf buf = Unpooled.buffer();
        try {
            method.encode(buf);
            assertThat(MethodDecoder.decode(buf, 64)).isEqualTo(method);
        } finally {
            buf.release();
        }
    }
}

package dev.warren.amqp.codec.frame;

import dev.warren.amqp.codec.Bytes;
import dev.warren.amqp.codec.CodecLimits;
import dev.warren.amqp.codec.RecordingAllocator;
import dev.warren.amqp.codec.TestChannels;
import dev.warren.amqp.codec.content.BasicProperties;
import dev.warren.amqp.codec.content.ContentHeader;
import dev.warren.amqp.codec.method.BasicMethod;
import dev.warren.amqp.codec.method.QueueMethod;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static dev.warren.amqp.codec.Bytes.of;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommandEncoderTest {

    private static final Map<String, Object> UNWRITABLE = Map.of("bad", new Object());

    @Test
    void frameMaxStartsAtTheMinimumEveryPeerAccepts() {
        assertThat(new CommandEncoder().frameMax()).isEqualTo(CodecLimits.MIN_FRAME_SIZE);
    }

    @Test
    void bodiesAreSplitAtTheFrameMaxSet() {
        CommandEncoder encoder = new CommandEncoder();
        encoder.setFrameMax(131072);
        assertThat(encoder.frameMax()).isEqualTo(131072);
        byte[] body = new byte[131072 * 2];
        EmbeddedChannel channel = new EmbeddedChannel(encoder);
        channel.writeOutbound(new Command(1, new BasicMethod.Publish("", "q", false, false),
                ContentHeader.basic(body.length, BasicProperties.EMPTY), Unpooled.wrappedBuffer(body)));
        List<int[]> frames = FrameScanner.scan(TestChannels.drainOutbound(channel));
        // method, header, and 262144 bytes in frames of at most 131064: 3 body frames
        assertThat(frames).extracting(f -> f[0]).containsExactly(1, 2, 3, 3, 3);
        assertThat(frames).allSatisfy(f -> assertThat(f[2] + Frame.OVERHEAD).isLessThanOrEqualTo(131072));
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void aFrameMaxThatCannotHoldOneBodyByteIsRejected() {
        CommandEncoder encoder = new CommandEncoder();
        for (int frameMax : new int[] {Integer.MIN_VALUE, -1, 0, 1, Frame.OVERHEAD}) {
            assertThatThrownBy(() -> encoder.setFrameMax(frameMax)).as("frame-max %d", frameMax)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(String.valueOf(frameMax));
        }
        assertThat(encoder.frameMax()).isEqualTo(CodecLimits.MIN_FRAME_SIZE);
        encoder.setFrameMax(Frame.OVERHEAD + 1);
        assertThat(encoder.frameMax()).isEqualTo(Frame.OVERHEAD + 1);
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void theFrameWritersRejectAFrameMaxThatCannotHoldOneBodyByteInsteadOfLooping() {
        byte[] body = of("0123456789");
        for (int frameMax : new int[] {0, Frame.OVERHEAD}) {
            ByteBuf out = Unpooled.buffer();
            try {
                assertThatThrownBy(() -> FrameWriter.writeBodyFrames(out, 1, body, 0, body.length, frameMax))
                        .isInstanceOf(IllegalArgumentException.class);
                assertThatThrownBy(() -> FrameWriter.bodyFrameCount(10, frameMax))
                        .isInstanceOf(IllegalArgumentException.class);
            } finally {
                out.release();
            }
            ByteBuf prefix = Unpooled.buffer();
            ByteBuf bodyBuf = Unpooled.copiedBuffer(body);
            assertThatThrownBy(() -> FrameWriter.appendBody(Unpooled.buffer().alloc(), prefix, 1, bodyBuf, frameMax))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(prefix.refCnt()).as("prefix released").isZero();
            assertThat(bodyBuf.refCnt()).as("body released").isZero();
        }
    }

    @Test
    void aCommandWhoseArgumentsCannotBeWrittenFailsItsWriteAndLeaksNothing() {
        assertFailsAndLeaksNothing(Command.of(1,
                new QueueMethod.Declare("q", false, true, false, false, false, UNWRITABLE)));
        assertFailsAndLeaksNothing(new MethodFrame(1,
                new QueueMethod.Declare("q", false, true, false, false, false, UNWRITABLE)));
    }

    @Test
    void aHeaderWhosePropertiesCannotBeWrittenFailsItsWriteAndLeaksNothing() {
        BasicProperties properties = BasicProperties.builder().headers(UNWRITABLE).build();
        ByteBuf body = Unpooled.copiedBuffer(of("body"));
        assertFailsAndLeaksNothing(new Command(1, new BasicMethod.Publish("", "q", false, false),
                ContentHeader.basic(4, properties), body));
        assertThat(body.refCnt()).as("the body was released").isZero();
        assertFailsAndLeaksNothing(new ContentHeaderFrame(1, ContentHeader.basic(4, properties)));
    }

    private static void assertFailsAndLeaksNothing(Object message) {
        RecordingAllocator allocator = new RecordingAllocator(PooledByteBufAllocator.DEFAULT);
        EmbeddedChannel channel = TestChannels.encoding();
        channel.config().setAllocator(allocator);
        ChannelFuture write = channel.writeOneOutbound(message);
        channel.flushOutbound();
        assertThat(write.cause()).as("write of %s", message).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(Object.class.getName());
        assertThat(channel.outboundMessages()).isEmpty();
        assertThat(allocator.unreleased()).as("buffers allocated for %s and not released", message).isEmpty();
        channel.finishAndReleaseAll();
    }

    @Test
    void encodedBuffersPassThroughUntouched() {
        EmbeddedChannel channel = TestChannels.encoding();
        ByteBuf encoded = Unpooled.copiedBuffer(of(1, 2, 3));
        channel.writeOutbound(encoded);
        Object out = channel.readOutbound();
        assertThat(out).isSameAs(encoded);
        encoded.release();
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void messagesItDoesNotKnowPassThrough() {
        EmbeddedChannel channel = TestChannels.encoding();
        channel.writeOutbound("not a frame");
        Object out = channel.readOutbound();
        assertThat(out).isEqualTo("not a frame");
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void aContentBodyFrameIsWrittenAndReleased() {
        ByteBuf payload = Unpooled.copiedBuffer(of("abc"));
        assertThat(TestChannels.encode(8192, new ContentBodyFrame(7, payload))).containsExactly(of(
                0x03,                           // frame type 3: body
                0x00, 0x07,                     // channel 7
                0x00, 0x00, 0x00, 0x03,         // payload size 3
                "abc",                          // payload
                0xCE));                         // frame-end
        assertThat(payload.refCnt()).isZero();
    }

    @Test
    void aContentHeaderFrameIsWrittenAsTheDecoderReadsIt() {
        ContentHeader header = ContentHeader.basic(12345, BasicProperties.persistentText());
        byte[] bytes = TestChannels.encode(8192, new ContentHeaderFrame(3, header));
        EmbeddedChannel decoder = TestChannels.framesOnly(CodecLimits.DEFAULTS);
        assertThat(TestChannels.feed(decoder, bytes)).containsExactly(new ContentHeaderFrame(3, header));
        assertThat(decoder.finishAndReleaseAll()).isFalse();
    }

    @Test
    void aCommandWithAnEmptyBodyHasNoBodyFrame() {
        byte[] bytes = TestChannels.encode(8192, new Command(1, new BasicMethod.Publish("", "q", false, false),
                ContentHeader.basic(0, BasicProperties.EMPTY), Unpooled.EMPTY_BUFFER));
        assertThat(FrameScanner.scan(bytes)).extracting(f -> f[0]).containsExactly(1, 2);
    }

    @Test
    void theHeaderAnnouncesTheBodysActualSize() {
        // The header of a command may say anything; what goes on the wire is the size of the body.
        byte[] bytes = TestChannels.encode(8192, new Command(1, new BasicMethod.Publish("", "q", false, false),
                ContentHeader.basic(999, BasicProperties.EMPTY), Unpooled.copiedBuffer(of("four"))));
        EmbeddedChannel decoder = TestChannels.decoding();
        List<Object> out = TestChannels.feed(decoder, bytes);
        try {
            Command command = (Command) out.get(0);
            assertThat(command.header().bodySize()).isEqualTo(4);
            assertThat(Bytes.readable(command.body())).containsExactly(of("four"));
        } finally {
            TestChannels.releaseAll(out);
        }
    }
}

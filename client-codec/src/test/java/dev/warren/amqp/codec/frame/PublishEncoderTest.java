package dev.warren.amqp.codec.frame;

import dev.warren.amqp.codec.Bytes;
import dev.warren.amqp.codec.CodecArbitraries;
import dev.warren.amqp.codec.CodecLimits;
import dev.warren.amqp.codec.Deep;
import dev.warren.amqp.codec.RecordingAllocator;
import dev.warren.amqp.codec.TestChannels;
import dev.warren.amqp.codec.content.BasicProperties;
import dev.warren.amqp.codec.content.ContentHeader;
import dev.warren.amqp.codec.method.BasicMethod;
import dev.warren.amqp.codec.table.EncodedShortString;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The publish hot path: both {@link PublishEncoder} overloads and the {@link CommandEncoder} agree. */
class PublishEncoderTest {

    private static final ByteBufAllocator ALLOC = PooledByteBufAllocator.DEFAULT;

    @Provide
    Arbitrary<String> shortStrings() {
        return CodecArbitraries.shortStrings();
    }

    @Provide
    Arbitrary<BasicProperties> properties() {
        return Arbitraries.oneOf(Arbitraries.just(BasicProperties.EMPTY), CodecArbitraries.basicProperties(
                CodecArbitraries.warrenTables(1, Long.MAX_VALUE), Long.MAX_VALUE));
    }

    @Provide
    Arbitrary<Integer> bodySizes() {
        int copy = FrameWriter.COPY_BODY_THRESHOLD;
        return Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.integers().between(0, 64)),
                Tuple.of(1, Arbitraries.integers().between(copy - 2, copy + 2)),
                Tuple.of(1, Arbitraries.integers().between(8180, 8200)),
                Tuple.of(1, Arbitraries.integers().between(0, 40_000)));
    }

    @Provide
    Arbitrary<Integer> frameMaxes() {
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.integers().between(9, 64)),
                Tuple.of(2, Arbitraries.of(CodecLimits.MIN_FRAME_SIZE, CodecLimits.DEFAULT_MAX_FRAME_SIZE)),
                Tuple.of(1, Arbitraries.integers().between(CodecLimits.MIN_FRAME_SIZE, 140_000)));
    }

    @Property(tries = 300)
    void thePublishEncodersAndTheCommandEncoderWriteTheSameFrames(
            @ForAll @IntRange(min = 1, max = 0xFFFF) int channel, @ForAll("shortStrings") String exchange,
            @ForAll("shortStrings") String routingKey, @ForAll boolean mandatory,
            @ForAll("properties") BasicProperties properties, @ForAll("bodySizes") int bodySize,
            @ForAll("frameMaxes") int frameMax, @ForAll @IntRange(max = 3) int offset) {
        if (frameMax < 100) {
            bodySize %= 300; // a few dozen frames make the point; thousands only make it slow
        }
        byte[] body = new byte[bodySize];
        new java.util.Random(bodySize).nextBytes(body);
        byte[] array = new byte[offset + bodySize + 2];
        System.arraycopy(body, 0, array, offset, bodySize);

        byte[] fromArray = Bytes.drain(PublishEncoder.encode(ALLOC, channel, EncodedShortString.of(exchange),
                EncodedShortString.of(routingKey), mandatory, properties, array, offset, bodySize, frameMax));
        byte[] fromBuffer = Bytes.drain(PublishEncoder.encode(ALLOC, channel, EncodedShortString.of(exchange),
                EncodedShortString.of(routingKey), mandatory, properties, Unpooled.copiedBuffer(body), frameMax));
        BasicMethod.Publish publish = new BasicMethod.Publish(exchange, routingKey, mandatory, false);
        byte[] fromCommand = TestChannels.encode(frameMax, new Command(channel, publish,
                ContentHeader.basic(bodySize, properties), Unpooled.copiedBuffer(body)));

        assertThat(fromBuffer).isEqualTo(fromArray);
        assertThat(fromCommand).isEqualTo(fromArray);

        List<int[]> frames = FrameScanner.scan(fromArray);
        int bodyFrames = bodySize == 0 ? 0 : (bodySize + frameMax - 9) / (frameMax - 8);
        assertThat(frames).hasSize(2 + bodyFrames);
        for (int[] frame : frames.subList(2, frames.size())) {
            assertThat(frame[0]).isEqualTo(Frame.BODY);
            assertThat(frame[1]).isEqualTo(channel);
            assertThat(frame[2] + Frame.OVERHEAD).isLessThanOrEqualTo(frameMax);
        }

        FrameDecoder decoder = new FrameDecoder(CodecLimits.DEFAULTS.withMaxFrameSize(1 << 20));
        decoder.setMaxFrameSize(1 << 20);
        EmbeddedChannel inbound = new EmbeddedChannel(decoder, new CommandAssembler(CodecLimits.DEFAULTS));
        List<Object> out = TestChannels.feed(inbound, fromArray);
        try {
            assertThat(out).hasSize(1);
            Command command = (Command) out.get(0);
            assertThat(command.channel()).isEqualTo(channel);
            assertThat(command.method()).isEqualTo(publish);
            assertThat(Deep.normalize(command.header().properties()))
                    .isEqualTo(Deep.normalize(CodecArbitraries.expectedDecoded(properties)));
            assertThat(Bytes.readable(command.body())).isEqualTo(body);
        } finally {
            TestChannels.releaseAll(out);
        }
    }

    @Example
    void aLargeBufferBodyIsLinkedIntoTheFramesNotCopied() {
        int size = FrameWriter.COPY_BODY_THRESHOLD + 1;
        ByteBuf body = Unpooled.buffer(size).writeZero(size);
        body.retain(); // one reference for the encoder, one for this test
        ByteBuf encoded = PublishEncoder.encode(ALLOC, 1, EncodedShortString.EMPTY, EncodedShortString.of("q"),
                false, BasicProperties.EMPTY, body, 131072);
        try {
            body.setByte(0, 'X');
            byte[] bytes = Bytes.readable(encoded);
            int firstBodyByte = FrameScanner.scan(bytes).get(2)[3];
            assertThat(bytes[firstBodyByte]).as("the encoded frames see a change to the body").isEqualTo((byte) 'X');
        } finally {
            encoded.release();
        }
        assertThat(body.refCnt()).isEqualTo(1);
        body.release();
    }

    @Example
    void aSmallBufferBodyIsCopiedAndReleased() {
        ByteBuf body = Unpooled.buffer(16).writeZero(16);
        body.retain();
        ByteBuf encoded = PublishEncoder.encode(ALLOC, 1, EncodedShortString.EMPTY, EncodedShortString.of("q"),
                false, BasicProperties.EMPTY, body, 131072);
        try {
            assertThat(body.refCnt()).as("the encoder released its reference").isEqualTo(1);
            body.setByte(0, 'X');
            byte[] bytes = Bytes.readable(encoded);
            assertThat(bytes[FrameScanner.scan(bytes).get(2)[3]]).isZero();
        } finally {
            encoded.release();
            body.release();
        }
    }

    @Example
    void theArrayMayBeReusedAsSoonAsEncodeReturns() {
        byte[] body = new byte[10_000];
        ByteBuf encoded = PublishEncoder.encode(ALLOC, 1, EncodedShortString.EMPTY, EncodedShortString.of("q"),
                false, BasicProperties.EMPTY, body, 0, body.length, 131072);
        try {
            Arrays.fill(body, (byte) 'X');
            byte[] bytes = Bytes.readable(encoded);
            assertThat(bytes[FrameScanner.scan(bytes).get(2)[3]]).isZero();
        } finally {
            encoded.release();
        }
    }

    @Example
    void propertiesThatCannotBeWrittenFailTheEncodeAndLeakNothing() {
        BasicProperties properties = BasicProperties.builder().headers(Map.of("bad", new Object())).build();
        RecordingAllocator allocator = new RecordingAllocator(ALLOC);
        ByteBuf body = Unpooled.copiedBuffer(new byte[5000]);
        assertThatThrownBy(() -> PublishEncoder.encode(allocator, 1, EncodedShortString.EMPTY,
                EncodedShortString.of("q"), false, properties, body, 131072))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(body.refCnt()).isZero();
        assertThatThrownBy(() -> PublishEncoder.encode(allocator, 1, EncodedShortString.EMPTY,
                EncodedShortString.of("q"), false, properties, new byte[5], 0, 5, 131072))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(allocator.unreleased()).isEmpty();
    }

    @Example
    void bodyFrameCountIsTheCeilingOfTheBodyOverTheFramePayload() {
        assertThat(FrameWriter.bodyFrameCount(0, 8192)).isZero();
        assertThat(FrameWriter.bodyFrameCount(1, 9)).isEqualTo(1);
        assertThat(FrameWriter.bodyFrameCount(2, 9)).isEqualTo(2);
        assertThat(FrameWriter.bodyFrameCount(8184, 8192)).isEqualTo(1);
        assertThat(FrameWriter.bodyFrameCount(8185, 8192)).isEqualTo(2);
        assertThat(FrameWriter.bodyFrameCount(64L * 1024 * 1024, 131072)).isEqualTo(513);
    }

    @Example
    void propertiesThatDoNotFitFrameMaxAreTheCallersErrorAndNothingLeaks() {
        BasicProperties huge = BasicProperties.builder().header("big", "x".repeat(20_000)).build();
        EncodedShortString queue = EncodedShortString.of("q");
        assertThatThrownBy(() -> PublishEncoder.encode(PooledByteBufAllocator.DEFAULT, 1, EncodedShortString.EMPTY,
                queue, false, huge, new byte[3], 0, 3, 8192))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("message properties").hasMessageContaining("8192");
        ByteBuf body = Unpooled.buffer(4).writeInt(7);
        assertThatThrownBy(() -> PublishEncoder.encode(PooledByteBufAllocator.DEFAULT, 1, EncodedShortString.EMPTY,
                queue, false, huge, body, 8192)).isInstanceOf(IllegalArgumentException.class);
        assertThat(body.refCnt()).as("the body is released on failure").isZero();
    }

    @Example
    void aMethodFrameLargerThanFrameMaxFailsTheWriteNotTheConnection() {
        EmbeddedChannel channel = new EmbeddedChannel(new CommandEncoder());
        channel.pipeline().get(CommandEncoder.class).setFrameMax(8192);
        var declare = new dev.warren.amqp.codec.method.QueueMethod.Declare("q", false, false, false, false, false,
                Map.of("x-big", "y".repeat(10_000)));
        var future = channel.writeOneOutbound(Command.of(1, declare));
        channel.flushOutbound();
        assertThat(future.cause()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("queue.declare");
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Example
    void encodeIntoAppendsTheSameBytesAsEncodeAndLeavesTheBufferUntouchedOnError() {
        EncodedShortString exchange = EncodedShortString.of("ex");
        EncodedShortString queue = EncodedShortString.of("rk");
        BasicProperties props = BasicProperties.builder().contentType("text/plain").build();
        byte[] body = new byte[20_000];
        Arrays.fill(body, (byte) 7);
        ByteBuf alone = PublishEncoder.encode(PooledByteBufAllocator.DEFAULT, 3, exchange, queue, true, props, body,
                0, body.length, 8192);
        ByteBuf batch = Unpooled.buffer(16);
        try {
            batch.writeByte(0x55);
            PublishEncoder.encodeInto(batch, 3, exchange, queue, true, props, body, 0, body.length, 8192);
            PublishEncoder.encodeInto(batch, 3, "ex", "rk", true, props, body, 0, body.length, 8192);
            assertThat(batch.readByte()).isEqualTo((byte) 0x55);
            assertThat(Bytes.readable(batch.readSlice(alone.readableBytes()))).isEqualTo(Bytes.readable(alone));
            assertThat(Bytes.readable(batch)).isEqualTo(Bytes.readable(alone));
            int before = batch.writerIndex();
            BasicProperties huge = BasicProperties.builder().header("big", "x".repeat(20_000)).build();
            assertThatThrownBy(() -> PublishEncoder.encodeInto(batch, 3, "ex", "rk", false, huge, body, 0, 1, 8192))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(batch.writerIndex()).isEqualTo(before);
        } finally {
            alone.release();
            batch.release();
        }
    }
}

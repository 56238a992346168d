package dev.warren.amqp.benchmarks.codec;

import dev.warren.amqp.benchmarks.jmh.EventLoopThreadsExecutor;
import dev.warren.amqp.benchmarks.jmh.JmhArgs;
import dev.warren.amqp.codec.CodecLimits;
import dev.warren.amqp.codec.content.BasicProperties;
import dev.warren.amqp.codec.content.ContentHeader;
import dev.warren.amqp.codec.frame.Command;
import dev.warren.amqp.codec.frame.CommandAssembler;
import dev.warren.amqp.codec.frame.FrameDecoder;
import dev.warren.amqp.codec.frame.FrameWriter;
import dev.warren.amqp.codec.method.BasicMethod;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.embedded.EmbeddedChannel;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The consume hot path: the bytes of basic.deliver, its content header and one 16-byte body frame (a 103-byte buffer,
 * encoded once in {@link #setUp}) go through {@link FrameDecoder} and {@link CommandAssembler}, and the resulting
 * {@link Command} is released.
 *
 * <p>{@link #deliver} measures the codec itself: the two handlers sit in the pipeline of an {@link EmbeddedChannel}
 * built once, followed by a handler that only keeps the command; each operation fires the same pooled buffer
 * (retained, reader index rewound) into the pipeline, as a read of one buffer holding the three frames would.
 * Included: three frames decoded (method record, three short strings, content header, a retained slice for the
 * body), the command assembled, Netty's {@code ByteToMessageDecoder} bookkeeping and two context hops. Not
 * included: socket reads, buffer allocation for the read, {@code channelReadComplete}.
 *
 * <p>{@link #deliverViaWriteInbound} is the same work driven the way codec tests drive it,
 * {@code writeInbound} then {@code readInbound}, to show what {@link EmbeddedChannel} itself adds.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {JmhArgs.LEAK_DETECTION_DISABLED, JmhArgs.EVENT_LOOP_EXECUTOR,
        JmhArgs.EVENT_LOOP_EXECUTOR_CLASS, JmhArgs.HEAP_MIN, JmhArgs.HEAP_MAX})
public class DeliverDecodeBenchmark {

    static final int CHANNEL = 1;
    static final int FRAME_MAX = CodecLimits.DEFAULT_MAX_FRAME_SIZE;
    /** Deliveries per read buffer in {@link #deliverBatchOf16}. */
    static final int BATCH = 16;

    /** {@code empty}: no properties; {@code typical}: content type and delivery mode. */
    @Param({"empty", "typical"})
    public String properties;

    private ByteBuf encoded;
    private ByteBuf batch;
    private EmbeddedChannel direct;
    private ChannelPipeline directPipeline;
    private Capture capture;
    private EmbeddedChannel embedded;

    @Setup(Level.Trial)
    public void setUp() {
        EventLoopThreadsExecutor.warnUnlessEventLoopLike();
        BasicProperties props = switch (properties) {
            case "empty" -> BasicProperties.EMPTY;
            case "typical" -> BasicProperties.builder()
                    .contentType("application/json")
                    .deliveryMode(BasicProperties.PERSISTENT)
                    .build();
            default -> throw new IllegalArgumentException("properties: " + properties);
        };
        BasicMethod.Deliver deliver = new BasicMethod.Deliver("amq.ctag-Xp3nGq7VqJQ1sZl0h0Y3Vw", 42L, false,
                "orders", "orders.created.eu-west");
        byte[] body = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        ByteBuf frames = FrameWriter.encodeCommand(UnpooledByteBufAllocator.DEFAULT, CHANNEL, deliver,
                ContentHeader.basic(body.length, props), Unpooled.wrappedBuffer(body), FRAME_MAX);
        encoded = PooledByteBufAllocator.DEFAULT.directBuffer(frames.readableBytes()).writeBytes(frames);
        frames.release();
        batch = PooledByteBufAllocator.DEFAULT.directBuffer(BATCH * encoded.readableBytes());
        for (int i = 1; i <= BATCH; i++) {
            BasicMethod.Deliver next = new BasicMethod.Deliver(deliver.consumerTag(), i, false, deliver.exchange(),
                    deliver.routingKey());
            ByteBuf one = FrameWriter.encodeCommand(UnpooledByteBufAllocator.DEFAULT, CHANNEL, next,
                    ContentHeader.basic(body.length, props), Unpooled.wrappedBuffer(body), FRAME_MAX);
            batch.writeBytes(one);
            one.release();
        }

        capture = new Capture();
        direct = newChannel(capture);
        directPipeline = direct.pipeline();
        embedded = newChannel(null);

        // Check once that every path produces the deliveries and leaves the buffers as it found them.
        Command viaPipeline = deliver();
        Command viaWriteInbound = deliverViaWriteInbound();
        for (Command command : new Command[] {viaPipeline, viaWriteInbound}) {
            if (command == null || !command.method().equals(deliver) || command.body().readableBytes() != 16) {
                throw new IllegalStateException("unexpected decode result: " + command);
            }
        }
        batch.retain();
        directPipeline.fireChannelRead(batch);
        if (capture.count != BATCH) {
            throw new IllegalStateException("decoded " + capture.count + " of " + BATCH + " deliveries");
        }
        for (int i = 0; i < BATCH; i++) {
            Command command = capture.commands[i];
            if (((BasicMethod.Deliver) command.method()).deliveryTag() != i + 1) {
                throw new IllegalStateException("unexpected decode result: " + command);
            }
            command.release();
        }
        capture.count = 0;
        checkRefCnt();
    }

    private EmbeddedChannel newChannel(Capture last) {
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.config().setAllocator(PooledByteBufAllocator.DEFAULT);
        FrameDecoder decoder = new FrameDecoder(CodecLimits.DEFAULTS);
        decoder.setMaxFrameSize(FRAME_MAX);
        channel.pipeline().addLast(FrameDecoder.NAME, decoder);
        channel.pipeline().addLast(CommandAssembler.NAME, new CommandAssembler(CodecLimits.DEFAULTS));
        if (last != null) {
            channel.pipeline().addLast("capture", last);
        }
        return channel;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        direct.finishAndReleaseAll();
        embedded.finishAndReleaseAll();
        checkRefCnt();
        encoded.release();
        batch.release();
    }

    private void checkRefCnt() {
        if (encoded.refCnt() != 1 || batch.refCnt() != 1) {
            throw new IllegalStateException("input buffer refCnts are " + encoded.refCnt() + " and "
                    + batch.refCnt() + ", expected 1");
        }
    }

    /** Frame decoding and command assembly through a pipeline built once; see the class comment. */
    @Benchmark
    public Command deliver() {
        directPipeline.fireChannelRead(encoded.readerIndex(0).retain());
        Command command = capture.commands[0];
        capture.commands[0] = null;
        capture.count = 0;
        command.release();
        return command;
    }

    /**
     * As {@link #deliver}, with {@value #BATCH} deliveries (tags 1 to 16) in one read buffer, as the reads of a
     * busy consumer carry them; the score is per delivery. The per-read costs (the input buffer's reference
     * count, the decoder's bookkeeping) are spread over the batch.
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void deliverBatchOf16(Blackhole blackhole) {
        directPipeline.fireChannelRead(batch.readerIndex(0).retain());
        Command[] commands = capture.commands;
        for (int i = 0; i < BATCH; i++) {
            Command command = commands[i];
            commands[i] = null;
            command.release();
            blackhole.consume(command);
        }
        capture.count = 0;
    }

    /** The same through {@code EmbeddedChannel.writeInbound}/{@code readInbound}, for comparison. */
    @Benchmark
    public Command deliverViaWriteInbound() {
        embedded.writeInbound(encoded.readerIndex(0).retain());
        Command command = embedded.readInbound();
        command.release();
        return command;
    }

    /** Last handler of the pipeline: keeps the commands for the benchmark method to take and release. */
    static final class Capture extends ChannelInboundHandlerAdapter {
        final Command[] commands = new Command[BATCH];
        int count;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            commands[count++] = (Command) msg;
        }
    }
}

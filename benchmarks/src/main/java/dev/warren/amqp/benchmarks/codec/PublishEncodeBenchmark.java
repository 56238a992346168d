package dev.warren.amqp.benchmarks.codec;

import dev.warren.amqp.benchmarks.jmh.EventLoopThreadsExecutor;
import dev.warren.amqp.benchmarks.jmh.JmhArgs;
import dev.warren.amqp.codec.CodecLimits;
import dev.warren.amqp.codec.content.BasicProperties;
import dev.warren.amqp.codec.frame.PublishEncoder;
import dev.warren.amqp.codec.table.EncodedShortString;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The publish hot path: {@link PublishEncoder} writing basic.publish, its content header and one body frame of a
 * 16-byte body into one pooled buffer, which each operation releases again. What is measured is the encoder plus
 * one pooled allocate/release pair (a thread-cache hit); with {@code -prof gc}, {@code gc.alloc.rate.norm} shows
 * what the encoder allocates on the heap beyond the recycled pooled buffer.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {JmhArgs.LEAK_DETECTION_DISABLED, JmhArgs.EVENT_LOOP_EXECUTOR,
        JmhArgs.EVENT_LOOP_EXECUTOR_CLASS, JmhArgs.HEAP_MIN, JmhArgs.HEAP_MAX})
public class PublishEncodeBenchmark {

    static final int CHANNEL = 1;
    static final int FRAME_MAX = CodecLimits.DEFAULT_MAX_FRAME_SIZE;
    static final int BODY_SIZE = 16;
    /** What {@code PublishEncoder} asks the allocator for in {@link #publishEmptyProperties}. */
    static final int BASELINE_CAPACITY = 12 + 7 + 23 + 22 + 16 + 8;

    private final ByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;
    private EncodedShortString exchange;
    private EncodedShortString routingKey;
    private BasicProperties typicalProperties;
    private byte[] body;
    private ByteBuf bodyBuf;
    private ReusedBufferAllocator reused;

    @Setup(Level.Trial)
    public void setUp() {
        EventLoopThreadsExecutor.warnUnlessEventLoopLike();
        exchange = EncodedShortString.of("orders");
        routingKey = EncodedShortString.of("orders.created.eu-west");
        typicalProperties = BasicProperties.builder()
                .contentType("application/json")
                .deliveryMode(BasicProperties.PERSISTENT)
                .build();
        body = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        bodyBuf = alloc.directBuffer(BODY_SIZE).writeBytes(body);
        reused = new ReusedBufferAllocator(alloc.directBuffer(512));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (bodyBuf.refCnt() != 1) {
            throw new IllegalStateException("body buffer refCnt is " + bodyBuf.refCnt() + ", expected 1");
        }
        bodyBuf.release();
        reused.close();
    }

    /**
     * Control: only the pooled allocate and release of a buffer of the size {@link #publishEmptyProperties}
     * asks for, so that the encoder's own share of that benchmark can be told apart.
     */
    @Benchmark
    public int baselineAllocateRelease() {
        ByteBuf out = alloc.buffer(BASELINE_CAPACITY);
        int capacity = out.capacity();
        out.release();
        return capacity;
    }

    /** basic.publish + header without properties + 16-byte body from a byte[]: the goal's case. */
    @Benchmark
    public int publishEmptyProperties() {
        ByteBuf out = PublishEncoder.encode(alloc, CHANNEL, exchange, routingKey, false, BasicProperties.EMPTY,
                body, 0, BODY_SIZE, FRAME_MAX);
        int written = out.writerIndex();
        out.release();
        return written;
    }

    /**
     * {@link #publishEmptyProperties} without the allocator: the encoder writes into the same pooled buffer every
     * time and nothing is released (see {@link ReusedBufferAllocator}), so this is the encoder's own cost.
     */
    @Benchmark
    public int publishEmptyPropertiesEncodeOnly() {
        ByteBuf out = PublishEncoder.encode(reused, CHANNEL, exchange, routingKey, false, BasicProperties.EMPTY,
                body, 0, BODY_SIZE, FRAME_MAX);
        return out.writerIndex();
    }

    /** As above with content type and delivery mode set, as most applications publish. */
    @Benchmark
    public int publishTypicalProperties() {
        ByteBuf out = PublishEncoder.encode(alloc, CHANNEL, exchange, routingKey, false, typicalProperties,
                body, 0, BODY_SIZE, FRAME_MAX);
        int written = out.writerIndex();
        out.release();
        return written;
    }

    /**
     * A 16-byte {@link ByteBuf} body (pooled, direct). The encoder takes over one reference and releases it after
     * copying, so each operation hands it a {@code retain()} of the same buffer: no duplicate is allocated.
     */
    @Benchmark
    public int publishByteBufBody() {
        ByteBuf out = PublishEncoder.encode(alloc, CHANNEL, exchange, routingKey, false, BasicProperties.EMPTY,
                bodyBuf.retain(), FRAME_MAX);
        int written = out.writerIndex();
        out.release();
        return written;
    }
}

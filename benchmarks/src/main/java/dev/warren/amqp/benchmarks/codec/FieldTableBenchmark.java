package dev.warren.amqp.benchmarks.codec;

import dev.warren.amqp.benchmarks.jmh.EventLoopThreadsExecutor;
import dev.warren.amqp.benchmarks.jmh.JmhArgs;
import dev.warren.amqp.codec.CodecLimits;
import dev.warren.amqp.codec.table.FieldTables;
import io.netty.buffer.ByteBuf;
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

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@link FieldTables} on a 20-entry header table of the kinds applications and RabbitMQ put in message headers:
 * strings, ints, longs, booleans, a timestamp and a nested table. Encoding writes into one pooled buffer that
 * is cleared each operation; decoding reads the same encoded bytes each operation and builds the map.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {JmhArgs.LEAK_DETECTION_DISABLED, JmhArgs.EVENT_LOOP_EXECUTOR,
        JmhArgs.EVENT_LOOP_EXECUTOR_CLASS, JmhArgs.HEAP_MIN, JmhArgs.HEAP_MAX})
public class FieldTableBenchmark {

    private Map<String, Object> table;
    private ByteBuf out;
    private ByteBuf encoded;

    /** The table: 20 entries, one of them a nested table of 4. */
    static Map<String, Object> headers() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("region", "eu-west-1");
        nested.put("zone", 3);
        nested.put("primary", true);
        nested.put("weight", 100L);

        Map<String, Object> table = new LinkedHashMap<>();
        table.put("x-correlation-id", "3f2b6c1e-8d4a-4b7e-9f10-2a6c5d8e7b91");
        table.put("x-tenant", "acme-corp");
        table.put("x-source", "billing-service");
        table.put("x-event-type", "invoice.created");
        table.put("x-schema-version", 3);
        table.put("x-retry-count", 0);
        table.put("x-priority-hint", 5);
        table.put("x-partition", 17);
        table.put("x-sequence", 1_234_567_890_123L);
        table.put("x-trace-span", 987_654_321_012_345L);
        table.put("x-size-bytes", 4096L);
        table.put("x-redelivered", false);
        table.put("x-compressed", true);
        table.put("x-encrypted", false);
        table.put("x-created-at", Instant.ofEpochSecond(1_767_225_600L));
        table.put("x-routing", nested);
        table.put("content-language", "en-GB");
        table.put("x-user", "svc-billing");
        table.put("x-delay", 1500);
        table.put("x-deadline-ms", 1_767_225_660_000L);
        if (table.size() != 20) {
            throw new AssertionError(table.size());
        }
        return table;
    }

    @Setup(Level.Trial)
    public void setUp() {
        EventLoopThreadsExecutor.warnUnlessEventLoopLike();
        table = FieldTables.immutable(headers());
        out = PooledByteBufAllocator.DEFAULT.directBuffer(1024);
        encoded = PooledByteBufAllocator.DEFAULT.directBuffer(1024);
        FieldTables.writeTable(encoded, table);
        Map<String, Object> decoded = FieldTables.readTable(encoded.duplicate(), CodecLimits.DEFAULT_MAX_NESTING_DEPTH);
        if (decoded.size() != 20) {
            throw new IllegalStateException("decoded " + decoded.size() + " entries");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        out.release();
        encoded.release();
    }

    @Benchmark
    public int encode() {
        ByteBuf buf = out.clear();
        FieldTables.writeTable(buf, table);
        return buf.writerIndex();
    }

    @Benchmark
    public Map<String, Object> decode() {
        return FieldTables.readTable(encoded.readerIndex(0), CodecLimits.DEFAULT_MAX_NESTING_DEPTH);
    }
}

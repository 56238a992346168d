package dev.warren.amqp.benchmarks.e2e;

import dev.warren.amqp.benchmarks.jmh.JmhArgs;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Publish throughput without confirms, in messages per second: one connection, one channel, one publishing
 * thread, 16-byte bodies without properties to the default exchange with a routing key no queue is bound with.
 *
 * <p>Each invocation publishes {@value E2e#BATCH} messages and returns once the last of them has been flushed to
 * the socket, so messages still queued in the client are never counted: Warren publishes asynchronously and is
 * waited for through the write future of the batch's last message; the official client's {@code basicPublish}
 * flushes before it returns in blocking mode and is waited for through a {@code WriteListener} in Netty mode (see
 * {@link BenchmarkClient.Publisher#publish}). What is measured is the client's cost of encoding and writing, and
 * how fast the other side drains the socket:
 * <ul>
 *   <li>{@code target=peer}: the in-process benchmark peer in sink mode, which discards what it reads; this is the
 *       client's own ceiling (the peer's threads share the machine's cores with the client's);</li>
 *   <li>{@code target=broker}: RabbitMQ at {@code AMQP_URI} (system property or environment variable, default
 *       {@code amqp://guest:guest@127.0.0.1:5672/%2f}), which drops the unroutable messages.</li>
 * </ul>
 * Parameter {@code client}: {@code warren} (its default transport: epoll on Linux), {@code official-blocking},
 * {@code official-netty}. With {@code -prof gc}, {@code gc.alloc.rate.norm} is per message and counts every thread
 * of the fork: the client's I/O threads, and for {@code target=peer} the peer's too.
 *
 * <p>The whole JMH set: {@code benchmarks/jmh-all.sh}; this class alone:
 * {@code java -jar benchmarks/target/benchmarks.jar 'e2e.PublishBenchmark' -prof gc}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {JmhArgs.LEAK_DETECTION_DISABLED, JmhArgs.HEAP_MIN, JmhArgs.HEAP_MAX})
public class PublishBenchmark extends UnroutablePublishBenchmark {

    public PublishBenchmark() {
        super(false);
    }

    @Benchmark
    @OperationsPerInvocation(E2e.BATCH)
    public void publish() throws Exception {
        publisher.publish(E2e.BATCH);
    }
}

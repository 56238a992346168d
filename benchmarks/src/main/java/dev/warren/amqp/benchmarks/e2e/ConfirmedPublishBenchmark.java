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
 * Publish throughput with publisher confirms, in confirmed messages per second: one connection, one channel in
 * confirm mode, one publishing thread, 16-byte bodies without properties to the default exchange with a routing
 * key no queue is bound with.
 *
 * <p>Each invocation publishes {@value E2e#CONFIRM_WINDOW} messages and returns once all of them are confirmed, so
 * at most {@value E2e#CONFIRM_WINDOW} are unconfirmed at a time and the window drains completely between
 * invocations: Warren waits for the future of each publish (each completes on the ack that covers it), the
 * official client calls {@code waitForConfirmsOrDie}. What is measured is the client's publishing and its confirm
 * bookkeeping, plus a round trip per window:
 * <ul>
 *   <li>{@code target=peer}: the in-process benchmark peer in sink mode, which acks what it reads in batches
 *       ({@code multiple=true}) and does nothing else;</li>
 *   <li>{@code target=broker}: RabbitMQ at {@code AMQP_URI} (system property or environment variable, default
 *       {@code amqp://guest:guest@127.0.0.1:5672/%2f}), which confirms unroutable messages once it has found no
 *       queue for them.</li>
 * </ul>
 * Parameter {@code client}: {@code warren} (its default transport: epoll on Linux), {@code official-blocking},
 * {@code official-netty}. With {@code -prof gc}, {@code gc.alloc.rate.norm} is per message and counts every thread
 * of the fork: the client's I/O threads, and for {@code target=peer} the peer's too.
 *
 * <p>The whole JMH set: {@code benchmarks/jmh-all.sh}; this class alone:
 * {@code java -jar benchmarks/target/benchmarks.jar 'e2e.ConfirmedPublishBenchmark' -prof gc}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {JmhArgs.LEAK_DETECTION_DISABLED, JmhArgs.HEAP_MIN, JmhArgs.HEAP_MAX})
public class ConfirmedPublishBenchmark extends UnroutablePublishBenchmark {

    public ConfirmedPublishBenchmark() {
        super(true);
    }

    @Benchmark
    @OperationsPerInvocation(E2e.CONFIRM_WINDOW)
    public void publishConfirmed() throws Exception {
        publisher.publish(E2e.CONFIRM_WINDOW);
    }
}

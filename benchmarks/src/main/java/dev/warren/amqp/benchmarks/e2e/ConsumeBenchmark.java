package dev.warren.amqp.benchmarks.e2e;

import dev.warren.amqp.benchmarks.jmh.JmhArgs;
import dev.warren.amqp.benchmarks.peer.PeerMode;
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
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Consume throughput, in deliveries per second: one connection, one auto-ack consumer, fed by the in-process
 * benchmark peer in source mode, which pushes 16-byte deliveries (no properties) as fast as the client reads them.
 * This is the client's own ceiling for reading, decoding and dispatching deliveries; the peer's threads share the
 * machine's cores with the client's.
 *
 * <p>The consumer handler counts each delivery and checks its body's length (so that every client hands over the
 * body it would hand a user: Warren as a {@code byte[]}, its default). Deliveries flow the whole trial; an
 * invocation waits, without spinning, until {@value E2e#BATCH} more have arrived than at the end of the previous
 * one (counted from the start of the iteration), so that the waiting thread's wake-up delay is not counted against
 * the client.
 *
 * <p>Parameter {@code client}: {@code warren} (handler on Warren's callback executor, its default),
 * {@code warren-event-loop} (handler on the connection's event loop, Warren's fastest path),
 * {@code official-blocking} and {@code official-netty} (handler on the official client's consumer work pool).
 * With {@code -prof gc}, {@code gc.alloc.rate.norm} is per delivery and counts every thread of the fork, the peer's
 * included.
 *
 * <p>The whole JMH set: {@code benchmarks/jmh-all.sh}; this class alone:
 * {@code java -jar benchmarks/target/benchmarks.jar 'e2e.ConsumeBenchmark' -prof gc}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {JmhArgs.LEAK_DETECTION_DISABLED, JmhArgs.HEAP_MIN, JmhArgs.HEAP_MAX})
public class ConsumeBenchmark extends E2eBenchmark {

    /** The peer accepts any queue name. */
    static final String QUEUE = "warren.jmh.source";

    @Param({"warren", BenchmarkClient.WARREN_EVENT_LOOP, "official-blocking", "official-netty"})
    public String client;

    private DeliveryCounter counter;
    private long awaited;

    @Override
    protected void openTrial() throws Exception {
        Endpoint endpoint = closeAtTearDown(Endpoint.peer(PeerMode.SOURCE));
        BenchmarkClient connection = closeAtTearDown(BenchmarkClient.connect(client, endpoint.uri()));
        counter = new DeliveryCounter(E2e.BODY_SIZE);
        connection.consume(QUEUE, counter);
    }

    /** Deliveries that arrived between iterations are not this iteration's. */
    @Setup(Level.Iteration)
    public void startIteration() {
        awaited = counter.received();
    }

    /** Deliveries the consumer has had so far. */
    long received() {
        return counter.received();
    }

    @Benchmark
    @OperationsPerInvocation(E2e.BATCH)
    public void consume() throws Exception {
        awaited += E2e.BATCH;
        counter.awaitAtLeast(awaited, Await.TIMEOUT);
    }
}

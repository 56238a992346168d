package dev.warren.amqp.benchmarks.e2e;

import dev.warren.amqp.benchmarks.jmh.JmhArgs;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * One producer and one consumer through RabbitMQ, in messages per second: a producer connection publishes
 * {@value E2e#BATCH} 16-byte messages (no properties, no confirms) to a server-named, exclusive, auto-delete queue,
 * and the invocation ends when an auto-ack consumer on a second connection has received all of them. Each
 * client runs both ends. At most one batch is in the broker at a time, so the queue stays short and the number
 * includes, once per batch, the latency from publishing the batch's first message to receiving its last: this is
 * a round trip, not a saturated pipeline. The consumer checks each body's length.
 *
 * <p>The broker is {@code AMQP_URI} (system property or environment variable, default
 * {@code amqp://guest:guest@127.0.0.1:5672/%2f}). Parameter {@code client}: {@code warren} (consumer on Warren's
 * callback executor, its default), {@code warren-event-loop} (consumer on the event loop), {@code official-blocking},
 * {@code official-netty}. With {@code -prof gc}, {@code gc.alloc.rate.norm} is per message, both ends together.
 *
 * <p>The whole JMH set: {@code benchmarks/jmh-all.sh}; this class alone:
 * {@code java -jar benchmarks/target/benchmarks.jar 'e2e.RoundTripBenchmark' -prof gc}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {JmhArgs.LEAK_DETECTION_DISABLED, JmhArgs.HEAP_MIN, JmhArgs.HEAP_MAX})
public class RoundTripBenchmark extends E2eBenchmark {

    @Param({"warren", BenchmarkClient.WARREN_EVENT_LOOP, "official-blocking", "official-netty"})
    public String client;

    private BenchmarkClient.Publisher publisher;
    private DeliveryCounter counter;

    @Override
    protected void openTrial() throws Exception {
        String uri = BrokerUri.resolve();
        BenchmarkClient consumerConnection = closeAtTearDown(BenchmarkClient.connect(client, uri));
        String queue = consumerConnection.declareQueue();
        counter = new DeliveryCounter(E2e.BODY_SIZE);
        consumerConnection.consume(queue, counter);
        BenchmarkClient producerConnection = closeAtTearDown(BenchmarkClient.connect(client, uri));
        publisher = producerConnection.publisher(queue, E2e.body(), false);
    }

    /** Deliveries the consumer has had so far. */
    long received() {
        return counter.received();
    }

    @Benchmark
    @OperationsPerInvocation(E2e.BATCH)
    public void roundTrip() throws Exception {
        // Only this thread publishes and every earlier batch has been received, so this is the total so far.
        long expected = counter.received() + E2e.BATCH;
        publisher.publish(E2e.BATCH);
        counter.awaitAtLeast(expected, Await.TIMEOUT);
    }
}

package dev.warren.amqp.benchmarks.e2e;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs each end-to-end benchmark against the in-process benchmark peer the way JMH would, without JMH: trial setup
 * (which starts the peer), two invocations (so that state carried from one invocation to the next is exercised),
 * teardown, for every client. No broker needed.
 */
@Timeout(60)
class PeerBenchmarksSmokeIT {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"warren", "official-blocking", "official-netty"})
    void publishWritesBatchesToTheSink(String client) throws Exception {
        PublishBenchmark benchmark = new PublishBenchmark();
        benchmark.client = client;
        benchmark.target = Endpoint.PEER;
        benchmark.setUp();
        try {
            benchmark.publish();
            benchmark.publish();
        } finally {
            benchmark.tearDown();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"warren", "official-blocking", "official-netty"})
    void confirmedPublishGetsEveryBatchConfirmedByTheSink(String client) throws Exception {
        ConfirmedPublishBenchmark benchmark = new ConfirmedPublishBenchmark();
        benchmark.client = client;
        benchmark.target = Endpoint.PEER;
        benchmark.setUp();
        try {
            benchmark.publishConfirmed();
            benchmark.publishConfirmed();
        } finally {
            benchmark.tearDown();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"warren", BenchmarkClient.WARREN_EVENT_LOOP, "official-blocking", "official-netty"})
    void consumeReceivesBatchesFromTheSource(String client) throws Exception {
        ConsumeBenchmark benchmark = new ConsumeBenchmark();
        benchmark.client = client;
        benchmark.setUp();
        try {
            benchmark.startIteration();
            benchmark.consume();
            benchmark.consume();
            assertThat(benchmark.received()).isGreaterThanOrEqualTo(2L * E2e.BATCH);
        } finally {
            benchmark.tearDown();
        }
    }
}

package dev.warren.amqp.benchmarks.e2e;

import dev.warren.amqp.testing.RequiresBroker;
import dev.warren.amqp.testing.TestBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs each end-to-end benchmark against RabbitMQ the way JMH would, without JMH: trial setup, two invocations
 * (so that state carried from one invocation to the next is exercised), teardown, for every client. A benchmark
 * that cannot connect, times out or leaks a buffer fails the build here rather than in a 15-minute JMH run.
 */
@RequiresBroker
@Timeout(60)
class BrokerBenchmarksSmokeIT {

    private static String previousUri;

    @BeforeAll
    static void pointBenchmarksAtTheTestBroker() {
        previousUri = System.getProperty(BrokerUri.VARIABLE);
        System.setProperty(BrokerUri.VARIABLE, TestBroker.get().uri());
    }

    @AfterAll
    static void restoreUri() {
        if (previousUri == null) {
            System.clearProperty(BrokerUri.VARIABLE);
        } else {
            System.setProperty(BrokerUri.VARIABLE, previousUri);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"warren", "official-blocking", "official-netty"})
    void publishWritesBatchesToTheBroker(String client) throws Exception {
        PublishBenchmark benchmark = new PublishBenchmark();
        benchmark.client = client;
        benchmark.target = Endpoint.BROKER;
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
    void confirmedPublishGetsEveryBatchConfirmedByTheBroker(String client) throws Exception {
        ConfirmedPublishBenchmark benchmark = new ConfirmedPublishBenchmark();
        benchmark.client = client;
        benchmark.target = Endpoint.BROKER;
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
    void roundTripDeliversEachBatchToTheConsumer(String client) throws Exception {
        RoundTripBenchmark benchmark = new RoundTripBenchmark();
        benchmark.client = client;
        benchmark.setUp();
        try {
            benchmark.roundTrip();
            benchmark.roundTrip();
            assertThat(benchmark.received()).isEqualTo(2L * E2e.BATCH);
        } finally {
            benchmark.tearDown();
        }
    }
}

package dev.warren.amqp.benchmarks.e2e;

import dev.warren.amqp.testing.RequiresBroker;
import dev.warren.amqp.testing.TestBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The end-to-end benchmarks against RabbitMQ (the test broker, through {@link BrokerUri#VARIABLE}): publishing
 * unroutable messages, and the round trip through a queue.
 */
@RequiresBroker
class BrokerBenchmarksSmokeIT extends PublishBenchmarksSmoke {

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

    @Override
    String target() {
        return Endpoint.BROKER;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"warren", BenchmarkClient.WARREN_EVENT_LOOP, "official-blocking", "official-netty"})
    void roundTripDeliversEachBatchToTheConsumer(String client) throws Exception {
        RoundTripBenchmark roundTrip = new RoundTripBenchmark();
        roundTrip.client = client;
        runTrial(roundTrip, benchmark -> {
            benchmark.roundTrip();
            benchmark.roundTrip();
            assertThat(benchmark.received()).isEqualTo(2L * E2e.BATCH);
        });
    }
}

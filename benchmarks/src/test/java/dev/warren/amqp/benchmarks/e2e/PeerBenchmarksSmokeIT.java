package dev.warren.amqp.benchmarks.e2e;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The end-to-end benchmarks against the in-process benchmark peer, which their trial setup starts: publishing to
 * the sink, consuming from the source. No broker needed.
 */
class PeerBenchmarksSmokeIT extends PublishBenchmarksSmoke {

    @Override
    String target() {
        return Endpoint.PEER;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"warren", BenchmarkClient.WARREN_EVENT_LOOP, "official-blocking", "official-netty"})
    void consumeReceivesBatchesFromTheSource(String client) throws Exception {
        ConsumeBenchmark consume = new ConsumeBenchmark();
        consume.client = client;
        runTrial(consume, benchmark -> {
            benchmark.startIteration();
            benchmark.consume();
            benchmark.consume();
            assertThat(benchmark.received()).isGreaterThanOrEqualTo(2L * E2e.BATCH);
        });
    }
}

package dev.warren.amqp.benchmarks.e2e;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs end-to-end benchmarks the way JMH would, without JMH: trial setup, two invocations (so that state carried
 * from one invocation to the next is exercised), teardown, for every client. A benchmark that cannot connect, times
 * out or leaks a buffer fails the build here rather than in a 15-minute JMH run. The two publish benchmarks run
 * against the {@link #target()} of the subclass, which adds the benchmarks only its target has.
 */
@Timeout(60)
abstract class PublishBenchmarksSmoke {

    /** {@link Endpoint#PEER} or {@link Endpoint#BROKER}. */
    abstract String target();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"warren", "official-blocking", "official-netty"})
    void publishWritesEveryBatch(String client) throws Exception {
        runTrial(aimed(new PublishBenchmark(), client), benchmark -> {
            benchmark.publish();
            benchmark.publish();
        });
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"warren", "official-blocking", "official-netty"})
    void confirmedPublishGetsEveryBatchConfirmed(String client) throws Exception {
        runTrial(aimed(new ConfirmedPublishBenchmark(), client), benchmark -> {
            benchmark.publishConfirmed();
            benchmark.publishConfirmed();
        });
    }

    private <B extends UnroutablePublishBenchmark> B aimed(B benchmark, String client) {
        benchmark.client = client;
        benchmark.target = target();
        return benchmark;
    }

    /** Trial setup, {@code invocations}, then trial teardown even when they fail, as JMH does. */
    static <B extends E2eBenchmark> void runTrial(B benchmark, Invocations<B> invocations) throws Exception {
        benchmark.setUp();
        try {
            invocations.run(benchmark);
        } finally {
            benchmark.tearDown();
        }
    }

    @FunctionalInterface
    interface Invocations<B> {
        void run(B benchmark) throws Exception;
    }
}

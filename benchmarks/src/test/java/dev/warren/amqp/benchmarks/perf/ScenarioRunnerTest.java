package dev.warren.amqp.benchmarks.perf;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The runner's bookkeeping, driven by a client stand-in that reports steady traffic with known latencies: the
 * warmup is shown but not counted, count-bounded runs end when the producers are done.
 */
class ScenarioRunnerTest {

    private static final long CONFIRM_NANOS = 100_000;
    private static final long END_TO_END_NANOS = 50_000;

    @TempDir
    Path dir;

    private Scenario scenario(Duration duration, long count) {
        return new Scenario(PerfTool.DEFAULT_URI, null, ClientKind.WARREN, 1, 1, 16, 0, 10, 0, false, duration,
                count, "", null, "q", Map.of(), false, 0);
    }

    @Test
    @Timeout(30)
    void warmupIsShownButNotCounted() throws Exception {
        StringWriter progress = new StringWriter();
        SteadyDriver driver = new SteadyDriver();
        RunSpec spec = new RunSpec(scenario(Duration.ofSeconds(2), 0), Duration.ofSeconds(1), 1,
                dir.resolve("result.json"));

        RunResult result = new ScenarioRunner(spec, new PrintWriter(progress, true)).run(driver);

        assertThat(result.outcome()).isEqualTo(RunResult.Outcome.COMPLETED);
        List<Sample> warmup = result.timeline().stream().filter(Sample::warmup).toList();
        List<Sample> measured = result.timeline().stream().filter(s -> !s.warmup()).toList();
        assertThat(warmup).hasSize(1);
        assertThat(measured).hasSize(2);
        assertThat(result.measuredSeconds()).isCloseTo(2.0, within(0.3));
        assertThat(result.published()).isPositive().isLessThan(driver.published);
        double measuredSum = measured.stream().mapToDouble(s -> s.sentRate() * s.intervalSeconds()).sum();
        assertThat(measuredSum).isCloseTo(result.published(), within(1.0));
        assertThat(result.sentRate()).isCloseTo(result.published() / result.measuredSeconds(), within(1.0));
        assertThat(result.confirmLatency().p50()).isCloseTo(CONFIRM_NANOS, within(CONFIRM_NANOS / 100.0));
        assertThat(result.endToEndLatency().p99()).isCloseTo(END_TO_END_NANOS, within(END_TO_END_NANOS / 100.0));
        assertThat(result.cpuNanosPerMessage()).isPositive();
        assertThat(result.failures()).isZero();
        assertThat(driver.closed).isTrue();
        String[] lines = progress.toString().split("\\R");
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).startsWith("warmup").contains("sent", "confirmed", "received", "e2e p50");
        assertThat(lines[1]).doesNotStartWith("warmup");
    }

    @Test
    @Timeout(30)
    void aCountBoundedRunThatStopsMovingIsGivenUp() {
        // The producer publishes 200 messages and then waits for ever (say, for confirms that never come).
        SteadyDriver driver = new SteadyDriver(200);
        RunSpec spec = new RunSpec(scenario(null, 1_000_000), Duration.ZERO, 1, dir.resolve("result.json"));

        assertThatThrownBy(() -> new ScenarioRunner(spec, new PrintWriter(new StringWriter()), Duration.ofSeconds(2))
                .run(driver))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no message published, confirmed or received for 2 s");
        assertThat(driver.closed).isTrue();
    }

    @Test
    @Timeout(30)
    void aCountSpentDuringTheWarmupIsAnErrorNotAnEmptyResult() {
        SteadyDriver driver = new SteadyDriver();
        RunSpec spec = new RunSpec(scenario(null, 100), Duration.ofSeconds(1), 1, dir.resolve("result.json"));

        assertThatThrownBy(() -> new ScenarioRunner(spec, new PrintWriter(new StringWriter())).run(driver))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("during the warmup");
    }

    @Test
    @Timeout(30)
    void countBoundedRunEndsWhenProducersAreDone() throws Exception {
        SteadyDriver driver = new SteadyDriver();
        RunSpec spec = new RunSpec(scenario(null, 1_500), Duration.ZERO, 1, dir.resolve("result.json"));

        RunResult result = new ScenarioRunner(spec, new PrintWriter(new StringWriter())).run(driver);

        assertThat(driver.producersDone()).isTrue();
        assertThat(result.published()).isBetween(1_400L, 1_500L);
        assertThat(result.received()).isEqualTo(result.published());
        assertThat(result.timeline()).noneMatch(Sample::warmup);
    }

    @Test
    @Timeout(30)
    void resultSurvivesTheTripThroughJson() throws Exception {
        RunSpec spec = new RunSpec(scenario(Duration.ofSeconds(1), 0), Duration.ZERO, 2, dir.resolve("result.json"));
        RunResult result = new ScenarioRunner(spec, new PrintWriter(new StringWriter())).run(new SteadyDriver());

        RunResult read = RunResult.fromJson(Json.parseObject(Json.write(result.toJson(true))));

        assertThat(read).isEqualTo(result);
    }

    @Test
    void runSpecSurvivesTheTripThroughAFile() throws Exception {
        Scenario scenario = new Scenario("amqp://h:1", "epoll", ClientKind.OFFICIAL_NETTY, 2, 3, 100, 5, 7, 9, true,
                null, 42, "ex", "rk", "q", Map.of("x-max-length", 10, "x-queue-type", "quorum"), true, 3);
        RunSpec spec = new RunSpec(scenario, Duration.ofMillis(1500), 3, dir.resolve("r.json").toAbsolutePath());
        spec.write(dir.resolve("spec.json"));

        assertThat(RunSpec.read(dir.resolve("spec.json"))).isEqualTo(spec);
    }

    /**
     * Publishes one message a millisecond on its own thread; each is confirmed and received at once, with fixed
     * latencies.
     */
    private static final class SteadyDriver implements ClientDriver {
        /** After this many messages the producer stops publishing without being done. */
        private final long stallAfter;
        private volatile boolean stopped;
        private volatile boolean closed;
        private volatile long published;
        private long limit;
        private Thread producer;

        SteadyDriver() {
            this(Long.MAX_VALUE);
        }

        SteadyDriver(long stallAfter) {
            this.stallAfter = stallAfter;
        }

        @Override
        public void start(Scenario scenario, Metrics metrics) {
            limit = scenario.messageCount() == 0 ? Long.MAX_VALUE : scenario.messageCount();
            producer = new Thread(() -> {
                while (!stopped && published < limit) {
                    if (published >= stallAfter) {
                        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
                        continue;
                    }
                    metrics.published(1);
                    metrics.confirmed(1, CONFIRM_NANOS);
                    metrics.received(END_TO_END_NANOS);
                    published++;
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
                }
            }, "steady-producer");
            producer.start();
        }

        @Override
        public boolean producersDone() {
            return published >= limit;
        }

        @Override
        public void stopProducers(Duration timeout) throws InterruptedException {
            stopped = true;
            producer.join(timeout.toMillis());
        }

        @Override
        public void close() {
            stopped = true;
            closed = true;
        }
    }
}

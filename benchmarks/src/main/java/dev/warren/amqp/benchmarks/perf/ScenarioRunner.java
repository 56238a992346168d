package dev.warren.amqp.benchmarks.perf;

import org.HdrHistogram.Histogram;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Runs one scenario with one driver in this JVM: samples the {@link Metrics} once a second, prints a progress line
 * per sample, and sums the measured period (after the warmup) into a {@link RunResult}. Runs on one thread, which
 * is the only one that reads the metrics.
 */
final class ScenarioRunner {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    /** Count-bounded runs end when the producers are done; checking that only once a second would blur the rate. */
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final Duration CONFIRM_TIMEOUT = Duration.ofSeconds(10);
    private static final long DRAIN_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final long DRAIN_IDLE_NANOS = TimeUnit.SECONDS.toNanos(1);

    /** How long a count-bounded run may go without any counter moving before it is given up as stuck. */
    static final Duration NO_PROGRESS_LIMIT = Duration.ofSeconds(30);

    private final RunSpec spec;
    private final Scenario scenario;
    private final PrintWriter progress;
    private final long noProgressNanos;

    ScenarioRunner(RunSpec spec, PrintWriter progress) {
        this(spec, progress, NO_PROGRESS_LIMIT);
    }

    ScenarioRunner(RunSpec spec, PrintWriter progress, Duration noProgressLimit) {
        this.spec = spec;
        this.scenario = spec.scenario();
        this.progress = progress;
        this.noProgressNanos = noProgressLimit.toNanos();
    }

    /**
     * Starts, measures, stops and closes {@code driver}. A failure to start or a broken-off run is thrown; failures
     * the driver counts are in the result.
     */
    RunResult run(ClientDriver driver) throws Exception {
        Metrics metrics = new Metrics();
        Measured measured;
        try {
            measured = measure(driver, metrics);
            driver.stopProducers(CONFIRM_TIMEOUT);
            drain(metrics);
        } finally {
            driver.close();
        }
        Optional<Throwable> firstFailure = driver.firstFailure();
        // The log keeps the whole story; the result keeps one line of it.
        firstFailure.ifPresent(Throwable::printStackTrace);
        return measured.toResult(metrics.failed(), firstFailure.map(ChildCommand::oneLine).orElse(null));
    }

    private Measured measure(ClientDriver driver, Metrics metrics) throws Exception {
        ResourceMeter meter = new ResourceMeter();
        driver.start(scenario, metrics);
        long begin = System.nanoTime();
        long warmupNanos = spec.warmup().toNanos();
        long measureStart = begin + warmupNanos;
        long measureEnd = scenario.duration() == null ? Long.MAX_VALUE : measureStart + scenario.duration().toNanos();
        Histogram confirms = new Histogram(3);
        Histogram endToEnd = new Histogram(3);
        List<Sample> timeline = new ArrayList<>();

        Counters last = Counters.of(metrics);
        // What was recorded while connecting belongs to no interval.
        metrics.takeConfirmLatencies();
        metrics.takeEndToEndLatencies();
        Counters atStart = last;
        ResourceMeter.Snapshot resourcesAtStart = meter.snapshot();
        long lastTick = begin;
        long lastNow = begin;
        long measuredFrom = begin;
        long receivedStalledSince = -1;
        long progressedAt = begin;
        while (true) {
            boolean warmup = lastTick < measureStart;
            long tick = Math.min(lastTick + SECOND, warmup ? measureStart : measureEnd);
            boolean done = sleepUntil(tick, warmup || scenario.messageCount() == 0 ? null
                    : () -> countReached(driver, metrics));
            long now = System.nanoTime();
            Counters counters = Counters.of(metrics);
            Histogram confirmInterval = metrics.takeConfirmLatencies();
            Histogram endToEndInterval = metrics.takeEndToEndLatencies();
            Sample sample = sample(counters.minus(last), (now - lastNow) / 1e9, confirmInterval, endToEndInterval,
                    warmup, (Math.min(now, tick) - measureStart) / 1e9);
            timeline.add(sample);
            progress.println(ProgressLine.of(scenario, sample, (now - begin) / 1e9));
            progress.flush();
            if (!counters.equals(last)) {
                progressedAt = now;
            } else if (scenario.messageCount() > 0 && now - progressedAt >= noProgressNanos) {
                // Only a count ends such a run: without this, a producer waiting for confirms that never come
                // would keep it going for ever.
                throw new IllegalStateException("no message published, confirmed or received for "
                        + TimeUnit.NANOSECONDS.toSeconds(noProgressNanos) + " s; giving up on the run");
            }
            if (warmup) {
                if (tick == measureStart) {
                    atStart = counters;
                    resourcesAtStart = meter.snapshot();
                    measuredFrom = now;
                }
            } else {
                confirms.add(confirmInterval);
                endToEnd.add(endToEndInterval);
                receivedStalledSince = counters.received == last.received
                        ? (receivedStalledSince < 0 ? now : receivedStalledSince) : -1;
                boolean stalled = receivedStalledSince >= 0 && now - receivedStalledSince >= 2 * SECOND;
                if (tick >= measureEnd || done || (stalled && countReached(driver, metrics, true))) {
                    Counters total = counters.minus(atStart);
                    if (done && total.published == 0 && total.received == 0) {
                        throw new IllegalStateException("every message of --count went during the warmup: nothing"
                                + " left to measure; use a larger --count or a shorter --warmup");
                    }
                    ResourceMeter.Usage usage = meter.between(resourcesAtStart, meter.snapshot());
                    return new Measured(total, (now - measuredFrom) / 1e9, confirms, endToEnd, usage, timeline);
                }
            }
            last = counters;
            lastTick = tick;
            lastNow = now;
        }
    }

    /** For runs bounded by a message count: the producers are done and the consumers have everything. */
    private boolean countReached(ClientDriver driver, Metrics metrics) {
        return countReached(driver, metrics, false);
    }

    private boolean countReached(ClientDriver driver, Metrics metrics, boolean consumersStalled) {
        if (scenario.messageCount() == 0 || !driver.producersDone()) {
            return false;
        }
        return scenario.consumers() == 0 || consumersStalled || metrics.received() >= metrics.published();
    }

    /**
     * Sleeps until {@code deadline}, or until {@code done} (polled, when not null) says so; returns whether it did.
     */
    private static boolean sleepUntil(long deadline, BooleanSupplier done) throws InterruptedException {
        while (true) {
            if (done != null && done.getAsBoolean()) {
                return true;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.sleep(done == null ? left : Math.min(left, POLL_NANOS));
        }
    }

    /**
     * After the producers stop, lets the consumers take what is still queued, so that the next run does not start
     * with this one's messages; ends after a second without deliveries.
     */
    private void drain(Metrics metrics) throws InterruptedException {
        if (scenario.producers() == 0 || scenario.consumers() == 0) {
            return;
        }
        long deadline = System.nanoTime() + DRAIN_NANOS;
        long received = metrics.received();
        long lastChange = System.nanoTime();
        while (metrics.received() < metrics.published() && System.nanoTime() < deadline
                && System.nanoTime() - lastChange < DRAIN_IDLE_NANOS) {
            TimeUnit.MILLISECONDS.sleep(50);
            if (metrics.received() != received) {
                received = metrics.received();
                lastChange = System.nanoTime();
            }
        }
    }

    private static Sample sample(Counters delta, double seconds, Histogram confirms, Histogram endToEnd,
                                 boolean warmup, double second) {
        double interval = Math.max(seconds, 1e-9);
        return new Sample(second, warmup, seconds, delta.published / interval, delta.confirmed / interval,
                delta.received / interval, percentile(confirms, 50), percentile(confirms, 99),
                percentile(endToEnd, 50), percentile(endToEnd, 99), delta.failed);
    }

    private static double percentile(Histogram histogram, double percentile) {
        return histogram.getTotalCount() == 0 ? Double.NaN : histogram.getValueAtPercentile(percentile);
    }

    private record Counters(long published, long confirmed, long nacked, long returned, long received, long failed) {

        static Counters of(Metrics metrics) {
            return new Counters(metrics.published(), metrics.confirmed(), metrics.nacked(), metrics.returned(),
                    metrics.received(), metrics.failed());
        }

        Counters minus(Counters before) {
            return new Counters(published - before.published, confirmed - before.confirmed,
                    nacked - before.nacked, returned - before.returned, received - before.received,
                    failed - before.failed);
        }
    }

    private final class Measured {
        private final Counters counts;
        private final double seconds;
        private final Histogram confirms;
        private final Histogram endToEnd;
        private final ResourceMeter.Usage usage;
        private final List<Sample> timeline;

        Measured(Counters counts, double seconds, Histogram confirms, Histogram endToEnd, ResourceMeter.Usage usage,
                 List<Sample> timeline) {
            this.counts = counts;
            this.seconds = seconds;
            this.confirms = confirms;
            this.endToEnd = endToEnd;
            this.usage = usage;
            this.timeline = timeline;
        }

        RunResult toResult(long failures, String firstFailure) {
            double perSecond = Math.max(seconds, 1e-9);
            long messages = scenario.producers() > 0 ? counts.published : counts.received;
            double cpuPerMessage = messages == 0 ? Double.NaN : (double) usage.cpuNanos() / messages;
            double bytesPerMessage = messages == 0 ? Double.NaN : (double) usage.allocatedBytes() / messages;
            String transport = scenario.client() == ClientKind.WARREN ? scenario.transport() : null;
            return new RunResult(scenario.client(), spec.round(), transport, RunResult.Outcome.COMPLETED,
                    failures > 0 ? firstFailure : null, seconds, counts.published, counts.confirmed, counts.nacked,
                    counts.returned, counts.received, failures, counts.published / perSecond, counts.confirmed / perSecond,
                    counts.received / perSecond, LatencySummary.of(confirms), LatencySummary.of(endToEnd),
                    cpuPerMessage, bytesPerMessage, timeline);
        }
    }
}

package dev.warren.amqp.benchmarks.perf;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/** What every driver keeps the same way: its producer threads, the run's failures and whether it is closed. */
abstract class BaseDriver implements ClientDriver {

    protected final Producers producers = new Producers();
    protected final AtomicBoolean closed = new AtomicBoolean();
    protected volatile RunFailures failures;
    protected volatile Scenario scenario;

    /** Called first thing in {@link #start}: the run's scenario, and a failure record counting into its metrics. */
    protected final void begin(Scenario scenario, Metrics metrics) {
        this.scenario = scenario;
        this.failures = new RunFailures(metrics);
    }

    @Override
    public boolean producersDone() {
        Scenario s = scenario;
        return s != null && s.messageCount() > 0 && producers.allDone();
    }

    @Override
    public void stopProducers(Duration timeout) throws InterruptedException {
        producers.stop(timeout);
    }

    @Override
    public Optional<Throwable> firstFailure() {
        RunFailures f = failures;
        return f == null ? Optional.empty() : f.first();
    }
}

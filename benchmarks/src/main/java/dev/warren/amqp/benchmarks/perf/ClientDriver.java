package dev.warren.amqp.benchmarks.perf;

import java.time.Duration;
import java.util.Optional;

/**
 * One client library running a {@link Scenario}: its connections, producers and consumers. The runner calls
 * {@link #start}, samples the {@link Metrics} once per second, calls {@link #stopProducers}, waits for the
 * consumers to drain if it wants to, and finally {@link #close}s. Implementations never block an event loop of
 * their own; they may block the calling (runner) thread in {@code start} and {@code stopProducers}.
 */
public interface ClientDriver extends AutoCloseable {

    /**
     * Connects, declares what the scenario asks for, starts consumers first and then producers, and returns once
     * all of them run. A failure to connect or declare is thrown as is (the runner turns it into one line).
     */
    void start(Scenario scenario, Metrics metrics) throws Exception;

    /** True once every producer has published its {@link Scenario#messageCount()} (never for unbounded runs). */
    boolean producersDone();

    /**
     * Stops publishing and waits, at most {@code timeout}, for outstanding confirms. Consumers keep consuming.
     */
    void stopProducers(Duration timeout) throws Exception;

    /**
     * The first unexpected failure of the run (a channel the broker closed, a publish that failed for another
     * reason than a nack, a consumer the broker cancelled); each such failure is also counted in
     * {@link Metrics#failed()}. Empty while there was none, and for failures caused by {@link #close}.
     */
    default Optional<Throwable> firstFailure() {
        return Optional.empty();
    }

    /** Cancels consumers and closes every connection; waits at most a few seconds. Idempotent. */
    @Override
    void close() throws Exception;
}

package dev.warren.amqp.benchmarks.perf;

import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The unexpected failures of one run: each is counted in {@link Metrics#failed}, and the first is kept so that the
 * runner can say what went wrong. Once the driver closes, channels and publishes fail because of that close, so
 * failures are no longer recorded. Thread-safe and non-blocking (called from event loops and I/O threads).
 */
final class RunFailures {

    private final Metrics metrics;
    private final AtomicReference<Throwable> first = new AtomicReference<>();
    private volatile boolean closing;

    RunFailures(Metrics metrics) {
        this.metrics = metrics;
    }

    void record(Throwable error) {
        record(1, error);
    }

    /** {@code count} operations failed for one reason (the publishes a closed channel left unconfirmed). */
    void record(long count, Throwable error) {
        if (closing || count <= 0) {
            return;
        }
        metrics.failed(count);
        first.compareAndSet(null, unwrap(error));
    }

    /** From now on failures are the driver's own doing. */
    void closing() {
        closing = true;
    }

    boolean isClosing() {
        return closing;
    }

    Optional<Throwable> first() {
        return Optional.ofNullable(first.get());
    }

    static Throwable unwrap(Throwable error) {
        Throwable e = error;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }
}

package dev.warren.amqp.benchmarks.e2e;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Bounded waits for the benchmarks: a stalled client or peer fails the run with a message, never hangs it. */
final class Await {

    /** Far beyond any batch's time; reaching it means the run is broken, not slow. */
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private Await() {
    }

    /** The future's value; fails naming {@code what} when it fails or takes longer than {@link #TIMEOUT}. */
    static <T> T result(CompletableFuture<T> future, String what) throws InterruptedException {
        try {
            return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(what + " failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException(what + " did not complete within " + TIMEOUT.toSeconds() + " s", e);
        }
    }
}

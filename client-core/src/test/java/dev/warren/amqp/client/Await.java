package dev.warren.amqp.client;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Waiting in tests: always with a timeout, failures unwrapped. */
final class Await {

    static final Duration DEFAULT = Duration.ofSeconds(30);

    private Await() {
    }

    static <T> T result(CompletionStage<T> stage) {
        return result(stage, DEFAULT);
    }

    static <T> T result(CompletionStage<T> stage, Duration timeout) {
        try {
            return stage.toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } catch (TimeoutException e) {
            throw new AssertionError("no result within " + timeout);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new AssertionError("failed", e.getCause());
        }
    }

    /** The exception the stage fails with, asserting it fails with {@code type}. */
    static <E extends Throwable> E failure(CompletionStage<?> stage, Class<E> type) {
        CompletableFuture<?> future = stage.toCompletableFuture();
        try {
            future.get(DEFAULT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(type);
            return type.cast(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } catch (TimeoutException e) {
            throw new AssertionError("did not fail within " + DEFAULT);
        }
        throw new AssertionError("expected a " + type.getSimpleName() + ", but it succeeded with " + future.join());
    }

    static void until(String what, Duration timeout, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " did not happen within " + timeout);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    static void assertFailsWith(Class<? extends Throwable> type, Runnable action) {
        assertThatThrownBy(action::run).isInstanceOf(type);
    }
}

package dev.warren.amqp.client.internal;

import dev.warren.amqp.client.AmqpException;
import dev.warren.amqp.client.AmqpTimeoutException;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.internal.ThreadExecutorMap;

import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The one place where Warren waits: only for blocking conveniences, never on an event loop, always with a timeout. */
public final class Blocking {

    private Blocking() {
    }

    /** Whether the calling thread is a Netty event loop (of any transport, Warren's or the user's). */
    public static boolean onEventLoop() {
        EventExecutor executor = ThreadExecutorMap.currentExecutor();
        return executor instanceof EventLoop;
    }

    /** Throws {@link IllegalStateException} when called on an event loop. */
    public static void checkNotOnEventLoop(String what) {
        if (onEventLoop()) {
            throw new IllegalStateException(what + " blocks, and was called on event loop thread "
                    + Thread.currentThread().getName() + ", which must never block; use the asynchronous variant");
        }
    }

    /**
     * Waits for {@code future} at most {@code timeout}, unwrapping its failure.
     *
     * @throws IllegalStateException on an event-loop thread
     * @throws AmqpTimeoutException  when the timeout passes first
     */
    public static <T> T await(Future<T> future, Duration timeout, String what) {
        checkNotOnEventLoop(what);
        try {
            return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AmqpException("interrupted while " + what, e);
        } catch (TimeoutException e) {
            throw new AmqpTimeoutException(what + " did not finish within " + timeout);
        } catch (ExecutionException e) {
            throw rethrow(e.getCause());
        }
    }

    private static RuntimeException rethrow(Throwable cause) {
        if (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new AmqpException(cause.toString(), cause);
    }
}

package dev.warren.amqp.client.internal;

import dev.warren.amqp.codec.frame.Command;
import dev.warren.amqp.codec.method.MethodKind;
import io.netty.util.Timeout;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * A synchronous method sent and waiting for its reply. When its timeout passes, its future fails but the entry
 * stays in the channel's queue, marked abandoned, so the late reply is still matched to it and dropped instead of
 * being taken for the reply of the next method. Event loop only.
 */
final class PendingRpc<T> {

    final MethodKind request;
    private final CompletableFuture<T> future;
    private final Function<Command, T> mapper;
    Timeout timeout;
    boolean abandoned;

    PendingRpc(MethodKind request, CompletableFuture<T> future, Function<Command, T> mapper) {
        this.request = request;
        this.future = future;
        this.mapper = mapper;
    }

    /**
     * Completes with the reply. Returns whether the mapper ran (and so took over a body it keeps); an abandoned
     * RPC's reply is dropped and the caller releases it.
     */
    boolean complete(Command reply) {
        cancelTimeout();
        if (abandoned) {
            return false;
        }
        T value;
        try {
            value = mapper.apply(reply);
        } catch (RuntimeException e) {
            future.completeExceptionally(e);
            return true;
        }
        future.complete(value);
        return true;
    }

    void fail(Throwable error) {
        cancelTimeout();
        future.completeExceptionally(error);
    }

    void expire(Throwable error) {
        abandoned = true;
        future.completeExceptionally(error);
    }

    private void cancelTimeout() {
        if (timeout != null) {
            timeout.cancel();
        }
    }
}

package dev.warren.amqp.client.internal;

import io.netty.buffer.ByteBuf;

import java.util.concurrent.CompletableFuture;

/**
 * One encoded publish waiting in a channel's queue, and then, in confirm mode, for its confirm. A publish without
 * a future and without {@code mandatory} is queued as its bare {@link ByteBuf} instead, so that the fastest path
 * allocates nothing.
 */
final class PendingPublish {

    ByteBuf frames;
    final CompletableFuture<Void> future;
    /** For matching a basic.return: only set for mandatory publishes. */
    final String returnKey;
    dev.warren.amqp.client.ReturnedMessage returned;

    PendingPublish(ByteBuf frames, CompletableFuture<Void> future, String returnKey) {
        this.frames = frames;
        this.future = future;
        this.returnKey = returnKey;
    }

    static String returnKey(String exchange, String routingKey) {
        return exchange + '\u0000' + routingKey;
    }
}

package dev.warren.amqp.client.internal;

import dev.warren.amqp.client.ReturnedMessage;
import dev.warren.amqp.codec.content.BasicProperties;
import dev.warren.amqp.codec.table.EncodedShortString;
import io.netty.buffer.ByteBuf;
import io.netty.util.ReferenceCountUtil;

import java.util.concurrent.CompletableFuture;

/**
 * One publish waiting in a channel's queue, not yet encoded, and then, in confirm mode, for its confirm. The event
 * loop encodes it together with the other publishes of its burst into one buffer (see {@link ChannelPublisher}).
 * Its body is the publisher's private copy ({@code body}), or a buffer the publisher handed over
 * ({@code bodyBuffer}, released once encoded or when the publish fails).
 */
final class PendingPublish {

    final EncodedShortString exchange;
    final EncodedShortString routingKey;
    final boolean mandatory;
    final BasicProperties properties;
    final byte[] body;
    ByteBuf bodyBuffer;
    /** Null for a publish offered without a future. */
    final CompletableFuture<Void> future;
    /** Set when the broker returned this mandatory publish in confirm mode, until its ack arrives. */
    ReturnedMessage returned;

    PendingPublish(EncodedShortString exchange, EncodedShortString routingKey, boolean mandatory,
                   BasicProperties properties, byte[] body, ByteBuf bodyBuffer, CompletableFuture<Void> future) {
        this.exchange = exchange;
        this.routingKey = routingKey;
        this.mandatory = mandatory;
        this.properties = properties;
        this.body = body;
        this.bodyBuffer = bodyBuffer;
        this.future = future;
    }

    /** The key a basic.return is matched by, or null for a publish that cannot be returned. */
    String returnKey() {
        return mandatory ? returnKey(exchange.value(), routingKey.value()) : null;
    }

    static String returnKey(String exchange, String routingKey) {
        return exchange + '\u0000' + routingKey;
    }

    int bodyLength() {
        return body != null ? body.length : bodyBuffer.readableBytes();
    }

    /** Fails the publish without writing it, releasing a handed-over body. */
    void fail(Throwable error) {
        releaseBody();
        if (future != null) {
            future.completeExceptionally(error);
        }
    }

    void releaseBody() {
        if (bodyBuffer != null) {
            ReferenceCountUtil.safeRelease(bodyBuffer);
            bodyBuffer = null;
        }
    }
}

package dev.warren.amqp.client;

import dev.warren.amqp.codec.content.BasicProperties;
import io.netty.buffer.ByteBuf;

/**
 * A message delivered to a consumer or fetched with basic.get: its envelope, properties and body, and the
 * acknowledgement methods. {@link #ack()}, {@link #nack} and {@link #reject} may be called from any thread; they
 * do nothing for messages received with automatic acknowledgement, and fail the returned future when the channel
 * has closed (its delivery tags are gone with it).
 *
 * <p>The body is a {@code byte[]} by default. A consumer that asks for zero copy
 * ({@link ConsumeOptions#withZeroCopy(boolean)}) gets {@link #bodyBuffer()} instead: a retained slice of Warren's
 * read buffer that the consumer must release (call {@link #release()}) once done with it.
 */
public interface Delivery {

    Envelope envelope();

    BasicProperties properties();

    /** The body. For a zero-copy delivery, a copy of {@link #bodyBuffer()}. */
    byte[] body();

    /**
     * The body as a buffer. For a zero-copy delivery this is the retained slice (release it with
     * {@link #release()}); otherwise a wrapper of {@link #body()} that needs no release.
     */
    ByteBuf bodyBuffer();

    /** Releases a zero-copy body; does nothing otherwise. Idempotent. */
    void release();

    /** The number of messages left in the queue, for basic.get; -1 for consumer deliveries. */
    long messageCount();

    Channel channel();

    default long deliveryTag() {
        return envelope().deliveryTag();
    }

    /** Acknowledges this message. */
    java.util.concurrent.CompletableFuture<Void> ack();

    /** Acknowledges this message, and with {@code multiple} every earlier unacknowledged one on the channel. */
    java.util.concurrent.CompletableFuture<Void> ack(boolean multiple);

    /** Rejects this message (and with {@code multiple} every earlier one), requeueing it or not. */
    java.util.concurrent.CompletableFuture<Void> nack(boolean multiple, boolean requeue);

    /** Rejects this message alone, requeueing it or not. */
    java.util.concurrent.CompletableFuture<Void> reject(boolean requeue);
}

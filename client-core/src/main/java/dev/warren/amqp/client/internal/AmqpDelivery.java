package dev.warren.amqp.client.internal;

import dev.warren.amqp.client.Channel;
import dev.warren.amqp.client.Delivery;
import dev.warren.amqp.client.Envelope;
import dev.warren.amqp.codec.content.BasicProperties;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/** A delivered message. Immutable but for the zero-copy body's release, which is idempotent. */
final class AmqpDelivery implements Delivery {

    private final AmqpChannel channel;
    private final Envelope envelope;
    private final BasicProperties properties;
    private final byte[] body;
    private final ByteBuf buffer;
    private final boolean autoAck;
    private final long messageCount;
    private final AtomicBoolean released;

    private AmqpDelivery(AmqpChannel channel, Envelope envelope, BasicProperties properties, byte[] body,
                         ByteBuf buffer, boolean autoAck, long messageCount) {
        this.channel = channel;
        this.envelope = envelope;
        this.properties = properties;
        this.body = body;
        this.buffer = buffer;
        this.autoAck = autoAck;
        this.messageCount = messageCount;
        this.released = buffer == null ? null : new AtomicBoolean();
    }

    /** Takes over {@code content}: copies and releases it, or keeps it for a zero-copy consumer. */
    static AmqpDelivery of(AmqpChannel channel, Envelope envelope, BasicProperties properties, ByteBuf content,
                           boolean zeroCopy, boolean autoAck, long messageCount) {
        if (zeroCopy) {
            return new AmqpDelivery(channel, envelope, properties, null, content, autoAck, messageCount);
        }
        byte[] bytes;
        try {
            bytes = ByteBufUtil.getBytes(content);
        } finally {
            content.release();
        }
        return new AmqpDelivery(channel, envelope, properties, bytes, null, autoAck, messageCount);
    }

    @Override
    public Envelope envelope() {
        return envelope;
    }

    @Override
    public BasicProperties properties() {
        return properties;
    }

    @Override
    public byte[] body() {
        return body != null ? body : ByteBufUtil.getBytes(buffer);
    }

    @Override
    public ByteBuf bodyBuffer() {
        return buffer != null ? buffer : Unpooled.wrappedBuffer(body);
    }

    @Override
    public void release() {
        if (buffer != null && released.compareAndSet(false, true)) {
            buffer.release();
        }
    }

    boolean isAutoAcked() {
        return autoAck;
    }

    boolean isZeroCopy() {
        return buffer != null;
    }

    @Override
    public long messageCount() {
        return messageCount;
    }

    @Override
    public Channel channel() {
        return channel;
    }

    @Override
    public CompletableFuture<Void> ack() {
        return ack(false);
    }

    @Override
    public CompletableFuture<Void> ack(boolean multiple) {
        return autoAck ? CompletableFuture.completedFuture(null) : channel.basicAck(envelope.deliveryTag(), multiple);
    }

    @Override
    public CompletableFuture<Void> nack(boolean multiple, boolean requeue) {
        return autoAck ? CompletableFuture.completedFuture(null)
                : channel.basicNack(envelope.deliveryTag(), multiple, requeue);
    }

    @Override
    public CompletableFuture<Void> reject(boolean requeue) {
        return autoAck ? CompletableFuture.completedFuture(null)
                : channel.basicReject(envelope.deliveryTag(), requeue);
    }

    @Override
    public String toString() {
        return "Delivery[" + envelope + ", " + (body != null ? body.length : buffer.readableBytes()) + " bytes]";
    }
}

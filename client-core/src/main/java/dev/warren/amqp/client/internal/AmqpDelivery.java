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
    private final long deliveryTag;
    private final boolean redelivered;
    private final String exchange;
    private final String routingKey;
    private final String consumerTag;
    private Envelope envelope;
    private final BasicProperties properties;
    private final byte[] body;
    private final ByteBuf buffer;
    private final boolean autoAck;
    private final long messageCount;
    private final AtomicBoolean released;

    private AmqpDelivery(AmqpChannel channel, long deliveryTag, boolean redelivered, String exchange,
                         String routingKey, String consumerTag, BasicProperties properties, byte[] body,
                         ByteBuf buffer, boolean autoAck, long messageCount) {
        this.channel = channel;
        this.deliveryTag = deliveryTag;
        this.redelivered = redelivered;
        this.exchange = exchange;
        this.routingKey = routingKey;
        this.consumerTag = consumerTag;
        this.properties = properties;
        this.body = body;
        this.buffer = buffer;
        this.autoAck = autoAck;
        this.messageCount = messageCount;
        this.released = buffer == null ? null : new AtomicBoolean();
    }

    /** Takes over {@code content}: copies and releases it, or keeps it for a zero-copy consumer. */
    static AmqpDelivery of(AmqpChannel channel, long deliveryTag, boolean redelivered, String exchange,
                           String routingKey, String consumerTag, BasicProperties properties, ByteBuf content,
                           boolean zeroCopy, boolean autoAck, long messageCount) {
        if (zeroCopy) {
            return new AmqpDelivery(channel, deliveryTag, redelivered, exchange, routingKey, consumerTag,
                    properties, null, content, autoAck, messageCount);
        }
        byte[] bytes;
        try {
            bytes = ByteBufUtil.getBytes(content);
        } finally {
            content.release();
        }
        return new AmqpDelivery(channel, deliveryTag, redelivered, exchange, routingKey, consumerTag, properties,
                bytes, null, autoAck, messageCount);
    }

    /** Built on first use: most consumers never ask for it, and a delivery is made per message. */
    @Override
    public Envelope envelope() {
        Envelope built = envelope;
        if (built == null) {
            built = new Envelope(deliveryTag, redelivered, exchange, routingKey, consumerTag);
            envelope = built;
        }
        return built;
    }

    @Override
    public long deliveryTag() {
        return deliveryTag;
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
        return autoAck ? CompletableFuture.completedFuture(null) : channel.basicAck(deliveryTag, multiple);
    }

    @Override
    public CompletableFuture<Void> nack(boolean multiple, boolean requeue) {
        return autoAck ? CompletableFuture.completedFuture(null)
                : channel.basicNack(deliveryTag, multiple, requeue);
    }

    @Override
    public CompletableFuture<Void> reject(boolean requeue) {
        return autoAck ? CompletableFuture.completedFuture(null)
                : channel.basicReject(deliveryTag, requeue);
    }

    @Override
    public String toString() {
        return "Delivery[" + envelope() + ", " + (body != null ? body.length : buffer.readableBytes()) + " bytes]";
    }
}

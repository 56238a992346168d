package dev.warren.amqp.client.internal;

import dev.warren.amqp.client.ConsumeOptions;
import dev.warren.amqp.client.ConsumerCancelledException;

/**
 * The event-loop side of a consumer on a channel: receives its deliveries and its end. Subclasses hand them on to
 * user code on the right thread. Event loop only, but for what subclasses publish.
 */
abstract class ChannelConsumer {

    final AmqpChannel channel;
    final String queue;
    final ConsumeOptions options;
    /** Set from consume-ok. */
    volatile String tag;

    ChannelConsumer(AmqpChannel channel, String queue, ConsumeOptions options) {
        this.channel = channel;
        this.queue = queue;
        this.options = options;
    }

    /** Whether the broker should treat deliveries as acknowledged on sending (basic.consume no-ack). */
    abstract boolean brokerAutoAck();

    /** The prefetch to set with basic.qos before consuming, or 0. */
    abstract int prefetch();

    /** A delivery arrived; the consumer owns it. Event loop only. */
    abstract void onDelivery(AmqpDelivery delivery);

    /** The consumer ended. Event loop only; called once. */
    abstract void onCancelled(ConsumerCancelledException reason);

    /** basic.consume failed; the consumer never started. */
    abstract void onStartFailed(Throwable error);
}

package dev.warren.amqp.client.internal;

import dev.warren.amqp.client.ConsumeOptions;
import dev.warren.amqp.client.Consumer;
import dev.warren.amqp.client.ConsumerCancelledException;
import dev.warren.amqp.client.DeliveryHandler;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * A consumer whose deliveries go to a {@link DeliveryHandler}, in order, on the channel's callback executor or on
 * the event loop. A handler that throws is reported to the connection's callback exception handler and the
 * consumer carries on.
 */
final class CallbackConsumer extends ChannelConsumer implements Consumer {

    private final DeliveryHandler handler;
    private final Executor executor;
    private final CompletableFuture<ConsumerCancelledException> cancelled = new CompletableFuture<>();
    private long delivered;

    CallbackConsumer(AmqpChannel channel, String queue, ConsumeOptions options, DeliveryHandler handler) {
        super(channel, queue, options);
        this.handler = handler;
        this.executor = options.isOnEventLoop() ? Runnable::run : channel.callbackExecutor();
    }

    @Override
    boolean brokerAutoAck() {
        return options.isAutoAck();
    }

    @Override
    int prefetch() {
        long max = options.maxMessages();
        int prefetch = options.prefetch();
        return max > 0 && (prefetch == 0 || max < prefetch) ? (int) Math.min(max, 65535) : prefetch;
    }

    @Override
    void onDelivery(AmqpDelivery delivery) {
        delivered++;
        if (options.isOnEventLoop()) {
            // The fastest path: no hand-over, no task object.
            handle(delivery);
        } else {
            executor.execute(() -> handle(delivery));
        }
        if (options.maxMessages() > 0 && delivered == options.maxMessages()) {
            cancel();
        }
    }

    private void handle(AmqpDelivery delivery) {
        try {
            handler.handle(delivery);
        } catch (Throwable t) {
            channel.reportCallbackError(tag, t);
        }
    }

    @Override
    void onCancelled(ConsumerCancelledException reason) {
        executor.execute(() -> {
            try {
                handler.onCancel(reason);
            } catch (Throwable t) {
                channel.reportCallbackError(tag, t);
            } finally {
                cancelled.complete(reason);
            }
        });
    }

    @Override
    void onStartFailed(Throwable error) {
        cancelled.complete(new ConsumerCancelledException("(none)", queue, false, "before it started: " + error,
                error));
    }

    @Override
    public String tag() {
        return tag;
    }

    @Override
    public String queue() {
        return queue;
    }

    @Override
    public CompletableFuture<Void> cancel() {
        return channel.basicCancel(tag);
    }

    @Override
    public CompletableFuture<ConsumerCancelledException> cancelled() {
        return cancelled;
    }

    @Override
    public String toString() {
        return "Consumer[" + tag + " on '" + queue + "', channel " + channel.number() + ']';
    }
}

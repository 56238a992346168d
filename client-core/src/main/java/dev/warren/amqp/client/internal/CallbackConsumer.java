package dev.warren.amqp.client.internal;

import dev.warren.amqp.client.ConsumeOptions;
import dev.warren.amqp.client.Consumer;
import dev.warren.amqp.client.ConsumerCancelledException;
import dev.warren.amqp.client.DeliveryHandler;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A consumer whose deliveries go to a {@link DeliveryHandler}, in order, on the channel's callback executor or on
 * the event loop. A handler that throws is reported to the connection's callback exception handler and the
 * consumer carries on.
 *
 * <p>Off the event loop, deliveries waiting for the handler can be bounded with
 * {@link ConsumeOptions#maxBufferedDeliveries()}: at the bound the connection stops reading, and it reads again
 * once the handler has worked the backlog down to half. With automatic acknowledgement nothing else bounds what
 * the broker sends.
 */
final class CallbackConsumer extends ChannelConsumer implements Consumer {

    private final DeliveryHandler handler;
    private final Executor executor;
    private final CompletableFuture<ConsumerCancelledException> cancelled = new CompletableFuture<>();
    private long delivered;
    /** Deliveries handed to the executor and not yet handled: raised on the event loop, lowered by the handler. */
    private final AtomicInteger buffered = new AtomicInteger();
    private final int pauseAt;
    private final int resumeAt;
    /** Whether this consumer holds one of the connection's read pauses; event-loop confined. */
    private boolean pausedReading;

    CallbackConsumer(AmqpChannel channel, String queue, ConsumeOptions options, DeliveryHandler handler) {
        super(channel, queue, options);
        this.handler = handler;
        this.executor = options.isOnEventLoop() ? Runnable::run : channel.callbackExecutor();
        this.pauseAt = options.maxBufferedDeliveries();
        this.resumeAt = pauseAt / 2;
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
            if (pauseAt > 0 && buffered.incrementAndGet() >= pauseAt && !pausedReading) {
                pausedReading = true;
                channel.connection.pauseReading();
            }
            executor.execute(() -> handleBuffered(delivery));
        }
        if (options.maxMessages() > 0 && delivered == options.maxMessages()) {
            cancel();
        }
    }

    private void handleBuffered(AmqpDelivery delivery) {
        try {
            handle(delivery);
        } finally {
            // Every step down is by one, so the backlog passes resumeAt on its way down after any pause.
            if (pauseAt > 0 && buffered.decrementAndGet() == resumeAt) {
                channel.connection.execute(this::resumeIfCaughtUp);
            }
        }
    }

    /** On the event loop: gives the read pause back once the backlog is down to half. */
    private void resumeIfCaughtUp() {
        // Run on the caller's thread only once the connection is closed and its loop gone: nothing to resume then.
        if (channel.connection.inEventLoop() && pausedReading && buffered.get() <= resumeAt) {
            pausedReading = false;
            channel.connection.resumeReading();
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

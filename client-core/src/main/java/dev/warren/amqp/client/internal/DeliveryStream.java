package dev.warren.amqp.client.internal;

import dev.warren.amqp.client.ConsumeOptions;
import dev.warren.amqp.client.ConsumerCancelledException;
import dev.warren.amqp.client.Delivery;

import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A queue's deliveries as a {@link Flow.Publisher}. Each subscription is its own consumer: basic.qos with the
 * stream's prefetch, then basic.consume with manual acknowledgement, so the broker never has more than the
 * prefetch unacknowledged, and a slow subscriber holds at most that many in memory. With
 * {@link ConsumeOptions#isAutoAck()} Warren acknowledges each message as it hands it to the subscriber.
 * Cancelling the subscription sends basic.cancel and requeues what was buffered but not delivered; a consumer the
 * broker cancels (its queue deleted) ends the stream with a {@link ConsumerCancelledException}, and
 * {@link ConsumeOptions#maxMessages()} ends it with onComplete.
 *
 * <p>Signals to the subscriber are serialised through a work-in-progress counter and run on the channel's
 * callback executor (or the event loop with {@link ConsumeOptions#isOnEventLoop()}).
 */
final class DeliveryStream implements Flow.Publisher<Delivery> {

    private final AmqpChannel channel;
    private final String queue;
    private final ConsumeOptions options;

    DeliveryStream(AmqpChannel channel, String queue, ConsumeOptions options) {
        this.channel = channel;
        this.queue = queue;
        this.options = options;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super Delivery> subscriber) {
        Objects.requireNonNull(subscriber, "subscriber");
        Subscription subscription = new Subscription(channel, queue, options, subscriber);
        subscription.start();
    }

    static final class Subscription extends ChannelConsumer implements Flow.Subscription {

        private final Flow.Subscriber<? super Delivery> subscriber;
        private final Executor executor;
        private final Queue<AmqpDelivery> buffer = new ConcurrentLinkedQueue<>();
        private final AtomicLong requested = new AtomicLong();
        private final AtomicInteger wip = new AtomicInteger();
        private final Runnable drainTask = this::drainLoop;
        private final long maxMessages;
        private final AtomicBoolean cancelSent = new AtomicBoolean();
        private volatile boolean cancelled;
        private volatile boolean consumerEnded;
        private volatile Throwable error;
        private volatile ConsumerCancelledException endReason;
        private boolean terminated;
        private long emitted;

        Subscription(AmqpChannel channel, String queue, ConsumeOptions options,
                     Flow.Subscriber<? super Delivery> subscriber) {
            super(channel, queue, options);
            this.subscriber = subscriber;
            this.executor = options.isOnEventLoop() ? channel.connection.eventLoop : channel.callbackExecutor();
            this.maxMessages = options.maxMessages();
        }

        void start() {
            executor.execute(() -> {
                try {
                    subscriber.onSubscribe(this);
                } catch (Throwable t) {
                    cancelled = true;
                    return;
                }
                if (!cancelled) {
                    // A cancel that came while basic.consume was on its way found no tag to cancel: do it now.
                    channel.startConsumer(this).thenRun(() -> {
                        if (cancelled) {
                            cancelConsumer();
                        }
                    });
                }
            });
        }

        @Override
        boolean brokerAutoAck() {
            return false;
        }

        @Override
        int prefetch() {
            int prefetch = options.streamPrefetch();
            return maxMessages > 0 && maxMessages < prefetch ? (int) maxMessages : prefetch;
        }

        @Override
        public void request(long n) {
            if (n <= 0) {
                error = new IllegalArgumentException("Flow.Subscription.request needs a positive number, got " + n
                        + " (Reactive Streams rule 3.9)");
                cancelled = true;
                cancelConsumer();
            } else {
                long current;
                long next;
                do {
                    current = requested.get();
                    if (current == Long.MAX_VALUE) {
                        break;
                    }
                    next = current + n;
                    if (next < 0) {
                        next = Long.MAX_VALUE;
                    }
                } while (!requested.compareAndSet(current, next));
            }
            drain();
        }

        @Override
        public void cancel() {
            if (!cancelled) {
                cancelled = true;
                cancelConsumer();
                drain();
            }
        }

        private void cancelConsumer() {
            String consumerTag = tag;
            if (consumerTag != null && !consumerEnded && cancelSent.compareAndSet(false, true)) {
                channel.basicCancel(consumerTag);
            }
        }

        @Override
        void onDelivery(AmqpDelivery delivery) {
            if (cancelled) {
                channel.requeue(delivery);
                return;
            }
            buffer.add(delivery);
            drain();
        }

        @Override
        void onCancelled(ConsumerCancelledException reason) {
            endReason = reason;
            consumerEnded = true;
            drain();
        }

        @Override
        void onStartFailed(Throwable failure) {
            consumerEnded = true;
            error = failure;
            drain();
        }

        private void drain() {
            if (wip.getAndIncrement() == 0) {
                executor.execute(drainTask);
            }
        }

        private void drainLoop() {
            int missed = 1;
            for (;;) {
                if (terminated) {
                    discardBuffer();
                } else if (cancelled) {
                    terminated = true;
                    discardBuffer();
                    if (error instanceof IllegalArgumentException) {
                        subscriber.onError(error);
                    }
                } else {
                    emitBuffered();
                }
                missed = wip.addAndGet(-missed);
                if (missed == 0) {
                    return;
                }
            }
        }

        private void emitBuffered() {
            long demand = requested.get();
            long sent = 0;
            while (sent != demand && !cancelled) {
                AmqpDelivery delivery = buffer.poll();
                if (delivery == null) {
                    break;
                }
                sent++;
                emitted++;
                try {
                    subscriber.onNext(delivery);
                } catch (Throwable t) {
                    // Rule 2.13: a subscriber that throws is gone.
                    cancel();
                    return;
                }
                if (options.isAutoAck()) {
                    delivery.ack();
                }
                if (maxMessages > 0 && emitted == maxMessages) {
                    terminated = true;
                    cancelled = true;
                    cancelConsumer();
                    discardBuffer();
                    subscriber.onComplete();
                    return;
                }
            }
            if (sent > 0 && demand != Long.MAX_VALUE) {
                requested.addAndGet(-sent);
            }
            if (consumerEnded && buffer.isEmpty() && !terminated) {
                // The consumer ended without the subscriber asking: the broker cancelled it or the channel closed.
                terminated = true;
                Throwable failure = error != null ? error : endReason;
                if (failure != null) {
                    subscriber.onError(failure);
                } else {
                    subscriber.onComplete();
                }
            }
        }

        private void discardBuffer() {
            AmqpDelivery delivery;
            while ((delivery = buffer.poll()) != null) {
                channel.requeue(delivery);
            }
        }
    }
}

package dev.warren.amqp.client.internal;

import dev.warren.amqp.client.OutboundMessage;
import dev.warren.amqp.client.PublishOptions;
import dev.warren.amqp.client.PublishOutcome;

import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@link dev.warren.amqp.client.Channel#publishAll}: publishes what an upstream {@link Flow.Publisher} emits and
 * emits one {@link PublishOutcome} per message, in order. At most {@code window} messages are between upstream and
 * downstream at any time (requested from upstream and not yet emitted as outcomes), where the window is the
 * unconfirmed bound, capped by the publish queue's capacity; so a publisher far faster than the broker keeps at
 * most that many outstanding, and a slow subscriber holds at most that many outcomes. Signals to the subscriber
 * are serialised and run on the channel's callback executor.
 */
final class BulkPublish implements Flow.Publisher<PublishOutcome> {

    private final AmqpChannel channel;
    private final Flow.Publisher<OutboundMessage> upstream;
    private final int window;

    BulkPublish(AmqpChannel channel, Flow.Publisher<OutboundMessage> upstream, PublishOptions options) {
        this.channel = channel;
        this.upstream = Objects.requireNonNull(upstream, "messages");
        this.window = Math.min(options.maxUnconfirmed(), options.queueCapacity());
    }

    @Override
    public void subscribe(Flow.Subscriber<? super PublishOutcome> subscriber) {
        Objects.requireNonNull(subscriber, "subscriber");
        Bridge bridge = new Bridge(channel, subscriber, window);
        bridge.executor.execute(() -> {
            try {
                subscriber.onSubscribe(bridge);
            } catch (Throwable t) {
                bridge.cancelled = true;
                return;
            }
            if (!bridge.cancelled) {
                upstream.subscribe(bridge);
            }
        });
    }

    private static final class Slot {
        final OutboundMessage message;
        volatile PublishOutcome outcome;

        Slot(OutboundMessage message) {
            this.message = message;
        }
    }

    private static final class Bridge implements Flow.Subscription, Flow.Subscriber<OutboundMessage> {

        private final AmqpChannel channel;
        private final Flow.Subscriber<? super PublishOutcome> downstream;
        private final int window;
        final Executor executor;
        private final Queue<Slot> slots = new ConcurrentLinkedQueue<>();
        private final AtomicLong requested = new AtomicLong();
        private final AtomicInteger wip = new AtomicInteger();
        private final AtomicReference<Flow.Subscription> upstream = new AtomicReference<>();
        private final Runnable drainTask = this::drainLoop;
        private volatile boolean upstreamDone;
        private volatile Throwable upstreamError;
        private volatile Throwable requestError;
        volatile boolean cancelled;
        private boolean terminated;

        Bridge(AmqpChannel channel, Flow.Subscriber<? super PublishOutcome> downstream, int window) {
            this.channel = channel;
            this.downstream = downstream;
            this.window = window;
            this.executor = channel.callbackExecutor();
        }

        // ---- upstream side

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            Objects.requireNonNull(subscription, "subscription");
            if (!upstream.compareAndSet(null, subscription)) {
                subscription.cancel();
                return;
            }
            if (cancelled) {
                subscription.cancel();
            } else {
                subscription.request(window);
            }
        }

        @Override
        public void onNext(OutboundMessage message) {
            Objects.requireNonNull(message, "message");
            Slot slot = new Slot(message);
            slots.add(slot);
            channel.publish(message.exchange(), message.routingKey(), message.mandatory(), message.properties(),
                    message.body()).whenComplete((ok, error) -> {
                        Throwable cause = error instanceof CompletionException && error.getCause() != null
                                ? error.getCause() : error;
                        slot.outcome = new PublishOutcome(message, cause);
                        drain();
                    });
        }

        @Override
        public void onError(Throwable error) {
            upstreamError = Objects.requireNonNull(error, "error");
            upstreamDone = true;
            drain();
        }

        @Override
        public void onComplete() {
            upstreamDone = true;
            drain();
        }

        // ---- downstream side

        @Override
        public void request(long n) {
            if (n <= 0) {
                requestError = new IllegalArgumentException("Flow.Subscription.request needs a positive number, got "
                        + n + " (Reactive Streams rule 3.9)");
                cancelUpstream();
            } else {
                long current;
                long next;
                do {
                    current = requested.get();
                    next = current + n < 0 ? Long.MAX_VALUE : current + n;
                } while (current != Long.MAX_VALUE && !requested.compareAndSet(current, next));
            }
            drain();
        }

        @Override
        public void cancel() {
            cancelled = true;
            cancelUpstream();
        }

        private void cancelUpstream() {
            Flow.Subscription subscription = upstream.get();
            if (subscription != null) {
                subscription.cancel();
            }
        }

        private void drain() {
            if (wip.getAndIncrement() == 0) {
                executor.execute(drainTask);
            }
        }

        private void drainLoop() {
            int missed = 1;
            for (;;) {
                if (!terminated) {
                    emit();
                }
                missed = wip.addAndGet(-missed);
                if (missed == 0) {
                    return;
                }
            }
        }

        private void emit() {
            if (cancelled) {
                terminated = true;
                slots.clear();
                return;
            }
            if (requestError != null) {
                terminated = true;
                downstream.onError(requestError);
                return;
            }
            long demand = requested.get();
            long sent = 0;
            Slot head;
            while (sent != demand && (head = slots.peek()) != null && head.outcome != null) {
                slots.poll();
                sent++;
                downstream.onNext(head.outcome);
                if (cancelled) {
                    return;
                }
                Flow.Subscription subscription = upstream.get();
                if (subscription != null && !upstreamDone) {
                    subscription.request(1);
                }
            }
            if (sent > 0 && demand != Long.MAX_VALUE) {
                requested.addAndGet(-sent);
            }
            if (upstreamDone && slots.isEmpty()) {
                terminated = true;
                if (upstreamError != null) {
                    downstream.onError(upstreamError);
                } else {
                    downstream.onComplete();
                }
            }
        }
    }
}

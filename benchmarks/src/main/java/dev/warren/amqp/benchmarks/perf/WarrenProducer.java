package dev.warren.amqp.benchmarks.perf;

import dev.warren.amqp.client.AmqpException;
import dev.warren.amqp.client.Channel;
import dev.warren.amqp.client.OutboundMessage;
import dev.warren.amqp.client.PublishNackedException;
import dev.warren.amqp.client.PublishTarget;
import dev.warren.amqp.codec.content.BasicProperties;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A producer on a Warren channel of its own. With confirms, each message is published with its own future
 * ({@link Channel#publish(PublishTarget, BasicProperties, byte[])}, which copies the body) inside a
 * {@link ConfirmWindow}, and the future's completion records the confirm latency; without confirms, messages
 * are offered without a future, and a full publish queue is waited out with {@link Channel#publishCapacity()}.
 */
final class WarrenProducer extends ProducerLoop {

    /** How often a producer waiting for queue room looks whether it should stop. */
    private static final long CAPACITY_CHECK_MILLIS = 50;

    private final Channel channel;
    private final PublishTarget target;
    private final ConfirmWindow window;
    /** Without timestamps every message is the same, so one unchanging message is offered again and again. */
    private final OutboundMessage fixedMessage;

    WarrenProducer(Scenario scenario, Metrics metrics, RunFailures failures, Channel channel) {
        super(scenario, metrics, failures);
        this.channel = channel;
        this.target = PublishTarget.of(scenario.exchange(), scenario.effectiveRoutingKey());
        this.window = scenario.confirmWindow() > 0 ? new ConfirmWindow(scenario.confirmWindow()) : null;
        this.fixedMessage = scenario.hasTimestamps() ? null : new OutboundMessage(scenario.exchange(),
                scenario.effectiveRoutingKey(), false, BasicProperties.EMPTY, body.clone());
    }

    @Override
    protected boolean publishOne() throws InterruptedException {
        return window != null ? publishConfirmed() : offer();
    }

    private boolean publishConfirmed() throws InterruptedException {
        if (!window.acquire(() -> stopRequested() || !channel.isOpen())) {
            return false;
        }
        long publishedAt = BodyTimestamps.stamp(body);
        CompletableFuture<Void> confirm;
        try {
            confirm = channel.publish(target, BasicProperties.EMPTY, body);
        } catch (RuntimeException e) {
            window.release(1);
            failures.record(e);
            return false;
        }
        metrics.published(1);
        confirm.whenComplete((ignored, error) -> settle(publishedAt, error));
        return channel.isOpen();
    }

    /** On the event loop: the broker's ack or nack, or the channel's failure. */
    private void settle(long publishedAt, Throwable error) {
        window.release(1);
        if (error == null) {
            metrics.confirmed(1, System.nanoTime() - publishedAt);
        } else if (RunFailures.unwrap(error) instanceof PublishNackedException) {
            metrics.nacked(1);
        } else {
            failures.record(error);
        }
    }

    private boolean offer() throws InterruptedException {
        try {
            while (!offerOnce()) {
                if (!awaitQueueRoom()) {
                    return false;
                }
            }
        } catch (AmqpException e) {
            failures.record(e);
            return false;
        }
        metrics.published(1);
        return true;
    }

    private boolean offerOnce() {
        if (fixedMessage != null) {
            return channel.offer(fixedMessage);
        }
        BodyTimestamps.stamp(body);
        return channel.offer(target, BasicProperties.EMPTY, body);
    }

    /** Parks the producer until the channel's publish queue has room; false when it should stop instead. */
    private boolean awaitQueueRoom() throws InterruptedException {
        CompletableFuture<Void> room = channel.publishCapacity();
        for (;;) {
            try {
                room.get(CAPACITY_CHECK_MILLIS, TimeUnit.MILLISECONDS);
                return true;
            } catch (TimeoutException e) {
                if (stopRequested() || !channel.isOpen()) {
                    return false;
                }
            } catch (ExecutionException e) {
                failures.record(e.getCause());
                return false;
            }
        }
    }

    @Override
    protected int outstanding() {
        // Without confirms, what still waits in the channel's queue has not reached the socket yet.
        return window != null ? window.outstanding() : channel.isOpen() ? channel.queuedPublishes() : 0;
    }
}

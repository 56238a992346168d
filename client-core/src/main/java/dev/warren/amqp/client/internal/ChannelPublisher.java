package dev.warren.amqp.client.internal;

import dev.warren.amqp.client.LimitExceededException;
import dev.warren.amqp.client.PublishOptions;
import dev.warren.amqp.client.ReturnedMessage;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.util.internal.PlatformDependent;

import dev.warren.amqp.codec.frame.PublishEncoder;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The publishing side of one channel. Callers on any thread put their message into a bounded lock-free queue (the
 * body copied, or handed over); the event loop drains the queue in order, encoding the messages of a burst one
 * after another into one pooled buffer (so frames of two messages never interleave), writing it when it holds
 * 60 KiB or the queue is empty, and flushing once per drain: one allocation, one write and one flush per burst
 * rather than per message. Writing pauses, with messages kept in
 * the queue, while the socket is not writable, the broker has blocked the connection or turned the channel's flow
 * off, a tx.commit awaits its commit-ok, or (in confirm mode) the unconfirmed bound is reached; a full queue
 * fails a publish at once. Nothing here ever blocks a thread.
 */
final class ChannelPublisher {

    private final AmqpChannel channel;
    private final AmqpConnection connection;
    private final int capacity;
    private final int maxUnconfirmed;
    private final Queue<Object> queue;
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicInteger wip = new AtomicInteger();
    private final Queue<CompletableFuture<Void>> capacityWaiters = new ConcurrentLinkedQueue<>();
    private final Runnable drainTask = this::drain;
    private final AtomicLong enqueued = new AtomicLong();
    /** Methods called on some thread and not yet on the event loop; see {@link #methodCalled()}. */
    private final AtomicInteger methodsInTransit = new AtomicInteger();

    /** A burst's publishes share a buffer until it holds this much; then it is written and another begins. */
    private static final int BATCH_BYTES = 60 * 1024;
    private static final int BATCH_INITIAL = 16 * 1024;
    /** Bodies above this are written in a buffer of their own rather than copied into the burst's. */
    private static final int LARGE_BODY = 32 * 1024;

    // Event loop only.
    private ConfirmTracker confirms;
    private ByteBuf batch;
    private List<CompletableFuture<Void>> batchFutures;
    private long dequeued;
    private final ArrayDeque<Parked> parked = new ArrayDeque<>();

    /** A method to write once the publishes queued before it are out of the queue. */
    private record Parked(long barrier, Runnable task) {
    }

    ChannelPublisher(AmqpChannel channel, PublishOptions options) {
        this.channel = channel;
        this.connection = channel.connection;
        this.capacity = options.queueCapacity();
        this.maxUnconfirmed = options.maxUnconfirmed();
        this.queue = PlatformDependent.newFixedMpscQueue(capacity);
    }

    /** Queues an encoded publish (a {@link PendingPublish} or a bare buffer); false when the queue is full. */
    boolean offer(Object item) {
        if (queued.incrementAndGet() > capacity) {
            queued.decrementAndGet();
            return false;
        }
        queue.offer(item);
        enqueued.incrementAndGet();
        scheduleDrain();
        return true;
    }

    /**
     * How many publishes have entered the queue so far. A method sent after a publish on the same thread (or
     * after seeing it complete) reads a barrier that includes it, and {@link #runAfterQueued} holds the method
     * until the queue has let that many out, so methods never overtake earlier publishes.
     */
    long barrier() {
        return enqueued.get();
    }

    /**
     * A method (synchronous or not) is being called: returns its {@link #barrier()} and, until
     * {@link #methodArrived()}, holds back publishes queued after it, so that they cannot overtake it on the way
     * to the event loop (a publish after tx.commit would otherwise join the committed transaction, one after
     * queue.declare reach no queue). Any thread.
     */
    long methodCalled() {
        methodsInTransit.incrementAndGet();
        return enqueued.get();
    }

    /**
     * The method of {@link #methodCalled()} is on the event loop, parked or written (or, once the connection and
     * its loop are gone, failed on the caller's thread).
     */
    void methodArrived() {
        if (methodsInTransit.decrementAndGet() == 0 && channel.state() != AmqpChannel.State.CLOSED) {
            scheduleDrain();
        }
    }

    /** Runs {@code task} once {@code barrier} publishes have left the queue (written or failed). Event loop only. */
    void runAfterQueued(long barrier, Runnable task) {
        if (parked.isEmpty() && dequeued >= barrier) {
            task.run();
        } else {
            parked.add(new Parked(barrier, task));
            scheduleDrain();
        }
    }

    private void runParked() {
        Parked next;
        while ((next = parked.peek()) != null && next.barrier <= dequeued) {
            parked.poll();
            next.task.run();
        }
    }

    LimitExceededException queueFull() {
        return new LimitExceededException("the publish queue of channel " + channel.number() + " of connection "
                + connection.connectionName() + " holds " + capacity + " messages (PublishOptions.queueCapacity); "
                + (connection.isPublishingBlocked() ? "the broker has blocked the connection; "
                : !channel.isFlowActive() ? "the broker turned the channel's flow off; " : "")
                + "wait with publishCapacity() before publishing more");
    }

    int queuedCount() {
        return queued.get();
    }

    /** Completes when the queue has room again (at once when it has now). */
    CompletableFuture<Void> capacity() {
        CompletableFuture<Void> waiter = new CompletableFuture<>();
        if (queued.get() < capacity) {
            waiter.complete(null);
            return waiter;
        }
        capacityWaiters.add(waiter);
        // The queue may have drained between the check and the add.
        scheduleDrain();
        return waiter;
    }

    void scheduleDrain() {
        if (wip.getAndIncrement() == 0) {
            if (connection.eventLoop.inEventLoop()) {
                drain();
            } else {
                connection.eventLoop.execute(drainTask);
            }
        }
    }

    /** confirm.select is being written: publishes written after it are numbered from 1. Event loop only. */
    void enterConfirmMode() {
        if (confirms == null) {
            confirms = new ConfirmTracker(maxUnconfirmed, connection.connectionName(), channel.number());
        }
    }

    boolean isConfirmMode() {
        return confirms != null;
    }

    int unconfirmed() {
        return confirms == null ? 0 : confirms.outstanding();
    }

    long nextSequenceNumber() {
        return confirms == null ? 0 : confirms.nextSequenceNumber();
    }

    void onAck(long tag, boolean multiple) {
        if (confirms != null) {
            confirms.onAck(tag, multiple);
            scheduleDrain();
        }
    }

    void onNack(long tag, boolean multiple) {
        if (confirms != null) {
            confirms.onNack(tag, multiple);
            scheduleDrain();
        }
    }

    /** Matches a return to its publish in confirm mode; false when the return is for the listeners. */
    boolean onReturn(ReturnedMessage message) {
        return confirms != null && confirms.onReturn(message);
    }

    /**
     * Writes what may be written. Runs on the event loop, never twice at once: {@link #wip} counts the requests,
     * and only the caller that raised it from zero runs the loop. A drain started from inside the final flush
     * (a completed write whose callback publishes again) is a new, separate drain.
     */
    private void drain() {
        Channel socket = connection.socketChannel();
        boolean wrote = false;
        try {
            int missed = 1;
            for (;;) {
                runParked();
                if (channel.state() == AmqpChannel.State.CLOSED || channel.state() == AmqpChannel.State.CLOSING) {
                    failQueued(channel.closedException());
                } else {
                    while (canWrite(socket)) {
                        // Peeked first: a method called before this publish may still be on its way here.
                        Object item = queue.peek();
                        if (item == null || methodsInTransit.get() > 0) {
                            break;
                        }
                        queue.poll();
                        queued.decrementAndGet();
                        dequeued++;
                        write(socket, item);
                        wrote = true;
                        if (!parked.isEmpty()) {
                            // A method waiting for this publish goes out after it, so the burst so far first.
                            writeBatch(socket);
                            runParked();
                        }
                    }
                }
                missed = wip.addAndGet(-missed);
                if (missed == 0) {
                    break;
                }
            }
        } finally {
            writeBatch(socket);
            if (wrote) {
                socket.flush();
            }
        }
        releaseCapacityWaiters();
    }

    private boolean canWrite(Channel socket) {
        return channel.state() == AmqpChannel.State.OPEN && socket.isWritable()
                && !connection.isPublishingBlocked() && channel.isFlowActive() && !channel.isCommitting()
                && (confirms == null || confirms.hasRoom());
    }

    /**
     * Encodes one queued publish into the burst's buffer (or, for a large body, writes it on its own after the
     * buffer so far). Publishes without a future and not in confirm mode allocate nothing here but their share of
     * the pooled burst buffer.
     */
    private void write(Channel socket, Object item) {
        int frameMax = connection.negotiatedFrameMax();
        if (item instanceof dev.warren.amqp.client.OutboundMessage message) {
            try {
                PublishEncoder.encodeInto(batch(socket), channel.number(), message.exchange(), message.routingKey(),
                        message.mandatory(), message.properties(), message.body(), 0, message.body().length,
                        frameMax);
            } catch (RuntimeException e) {
                channel.reportCallbackError(null, e);
                return;
            }
            if (confirms != null) {
                confirms.onWritten(null);
            }
        } else {
            PendingPublish publish = (PendingPublish) item;
            try {
                if (publish.bodyLength() > LARGE_BODY) {
                    writeAlone(socket, publish, frameMax);
                    return;
                }
                if (publish.body != null) {
                    PublishEncoder.encodeInto(batch(socket), channel.number(), publish.exchange, publish.routingKey,
                            publish.mandatory, publish.properties, publish.body, 0, publish.body.length, frameMax);
                } else {
                    byte[] bytes = io.netty.buffer.ByteBufUtil.getBytes(publish.bodyBuffer);
                    PublishEncoder.encodeInto(batch(socket), channel.number(), publish.exchange, publish.routingKey,
                            publish.mandatory, publish.properties, bytes, 0, bytes.length, frameMax);
                    publish.releaseBody();
                }
            } catch (RuntimeException e) {
                publish.fail(e);
                return;
            }
            if (confirms != null) {
                confirms.onWritten(publish);
            } else if (publish.future != null) {
                if (batchFutures == null) {
                    batchFutures = new ArrayList<>();
                }
                batchFutures.add(publish.future);
            }
        }
        if (batch.readableBytes() >= BATCH_BYTES) {
            writeBatch(socket);
        }
    }

    /** A large body goes out in a buffer of its own (a composite of slices for a buffer body), after the burst. */
    private void writeAlone(Channel socket, PendingPublish publish, int frameMax) {
        writeBatch(socket);
        ByteBuf frames;
        if (publish.body != null) {
            frames = PublishEncoder.encode(socket.alloc(), channel.number(), publish.exchange, publish.routingKey,
                    publish.mandatory, publish.properties, publish.body, 0, publish.body.length, frameMax);
        } else {
            ByteBuf body = publish.bodyBuffer;
            publish.bodyBuffer = null;
            frames = PublishEncoder.encode(socket.alloc(), channel.number(), publish.exchange, publish.routingKey,
                    publish.mandatory, publish.properties, body, frameMax);
        }
        if (confirms != null) {
            confirms.onWritten(publish);
            socket.write(frames, socket.voidPromise());
        } else if (publish.future != null) {
            socket.write(frames).addListener(f -> complete(List.of(publish.future), f));
        } else {
            socket.write(frames, socket.voidPromise());
        }
    }

    private ByteBuf batch(Channel socket) {
        if (batch == null) {
            batch = socket.alloc().ioBuffer(BATCH_INITIAL);
        }
        return batch;
    }

    /** Writes the burst's buffer; the futures of its publishes (outside confirm mode) complete with the write. */
    private void writeBatch(Channel socket) {
        ByteBuf out = batch;
        if (out == null) {
            return;
        }
        batch = null;
        if (!out.isReadable()) {
            out.release();
            return;
        }
        List<CompletableFuture<Void>> futures = batchFutures;
        batchFutures = null;
        if (futures == null) {
            socket.write(out, socket.voidPromise());
        } else {
            socket.write(out).addListener(f -> complete(futures, f));
        }
    }

    private void complete(List<CompletableFuture<Void>> futures, io.netty.util.concurrent.Future<?> write) {
        if (write.isSuccess()) {
            for (CompletableFuture<Void> future : futures) {
                future.complete(null);
            }
        } else {
            Throwable error = connection.state().isOpen() ? write.cause() : connection.closedException();
            for (CompletableFuture<Void> future : futures) {
                future.completeExceptionally(error);
            }
        }
    }

    private void releaseCapacityWaiters() {
        if (capacityWaiters.isEmpty()) {
            return;
        }
        CompletableFuture<Void> waiter;
        while (queued.get() < capacity && (waiter = capacityWaiters.poll()) != null) {
            waiter.complete(null);
        }
    }

    private void failQueued(RuntimeException error) {
        Object item;
        while ((item = queue.poll()) != null) {
            queued.decrementAndGet();
            dequeued++;
            if (item instanceof PendingPublish publish) {
                publish.fail(error);
            }
        }
    }

    /** The channel closed: fail queued and unconfirmed publishes with {@code error}. Event loop only. */
    void onClosed(RuntimeException error) {
        failQueued(error);
        if (confirms != null) {
            confirms.failAll(error);
        }
        CompletableFuture<Void> waiter;
        while ((waiter = capacityWaiters.poll()) != null) {
            waiter.completeExceptionally(error);
        }
        // Methods held behind the failed publishes run now and fail on the closed channel.
        runParked();
        // A publish racing with the close may still be queued after this; the drain fails it.
        scheduleDrain();
    }
}

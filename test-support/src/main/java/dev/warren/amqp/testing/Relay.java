package dev.warren.amqp.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * One direction of a {@link ProxiedConnection}: bytes read from {@code from} are written to {@code to}, at once or
 * after the proxy's latency, always in the order they were read. Reading from {@code from} is paused while
 * {@code to} cannot take more (channel not writable, or too much held back by latency), so a slow reader slows
 * the writer down as it would over a real network instead of filling the proxy's memory.
 *
 * <p>Confined to the proxy's event loop: every method is called on that thread only, so nothing here is locked.
 */
final class Relay {

    /** Held-back bytes above which reading pauses, and below which it resumes. */
    private static final long HIGH_WATER = 4 << 20;
    private static final long LOW_WATER = 1 << 20;

    /** A chunk held back by latency; {@code data == null} marks the end of the stream. */
    private record Delayed(long dueNanos, ByteBuf data) {
    }

    private final Channel from;
    private final Channel to;
    private final ProxiedConnection connection;
    private final ArrayDeque<Delayed> delayed = new ArrayDeque<>();
    private long delayedBytes;
    private long lastDueNanos;
    private boolean queueFull;
    private boolean flushPending;
    private ScheduledFuture<?> drainTask;

    Relay(Channel from, Channel to, ProxiedConnection connection) {
        this.from = from;
        this.to = to;
        this.connection = connection;
    }

    /** Takes ownership of {@code data}: it is written on, or released. */
    void onRead(ByteBuf data, long latencyNanos, boolean blackholed) {
        if (blackholed) {
            data.release();
            return;
        }
        if (latencyNanos == 0 && delayed.isEmpty()) {
            to.write(data);
            flushPending = true;
        } else {
            delayedBytes += data.readableBytes();
            hold(new Delayed(dueAfter(latencyNanos), data));
        }
        updateReading(false);
    }

    /** End of a read burst: one flush for all the chunks written at once. */
    void onReadComplete() {
        if (flushPending) {
            flushPending = false;
            to.flush();
        }
    }

    /** {@code from} reached end of stream: close {@code to} once everything before the end has been written. */
    void onEndOfStream(long latencyNanos) {
        if (latencyNanos == 0 && delayed.isEmpty()) {
            closeTarget();
        } else {
            hold(new Delayed(dueAfter(latencyNanos), null));
        }
    }

    /** Resumes or pauses reading from {@code from} to match the proxy's mode and the target's capacity. */
    void updateReading(boolean blackholed) {
        if (delayedBytes >= HIGH_WATER) {
            queueFull = true;
        } else if (delayedBytes < LOW_WATER) {
            queueFull = false;
        }
        from.config().setAutoRead(!blackholed && to.isWritable() && !queueFull);
    }

    /** Drops every held-back chunk, releasing its buffer. */
    void discard() {
        if (drainTask != null) {
            drainTask.cancel(false);
            drainTask = null;
        }
        Delayed next;
        while ((next = delayed.poll()) != null) {
            if (next.data() != null) {
                next.data().release();
            }
        }
        delayedBytes = 0;
        queueFull = false;
    }

    private long dueAfter(long latencyNanos) {
        // Never before the chunk ahead of it, even when the latency was just lowered: order is kept.
        long due = Math.max(System.nanoTime() + latencyNanos, lastDueNanos);
        lastDueNanos = due;
        return due;
    }

    private void hold(Delayed chunk) {
        delayed.add(chunk);
        if (drainTask == null) {
            schedule(chunk.dueNanos());
        }
    }

    private void schedule(long dueNanos) {
        long wait = Math.max(0, dueNanos - System.nanoTime());
        drainTask = from.eventLoop().schedule(this::drain, wait, TimeUnit.NANOSECONDS);
    }

    private void drain() {
        drainTask = null;
        long now = System.nanoTime();
        boolean wrote = false;
        Delayed next;
        while ((next = delayed.peek()) != null && next.dueNanos() - now <= 0) {
            delayed.poll();
            if (next.data() == null) {
                discard();
                closeTarget();
                return;
            }
            delayedBytes -= next.data().readableBytes();
            to.write(next.data());
            wrote = true;
        }
        if (wrote) {
            to.flush();
        }
        if (!delayed.isEmpty()) {
            schedule(delayed.peek().dueNanos());
        }
        connection.updateReading();
    }

    private void closeTarget() {
        // An empty write after everything queued: its completion means all earlier bytes reached the socket.
        to.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(done -> connection.close());
    }
}

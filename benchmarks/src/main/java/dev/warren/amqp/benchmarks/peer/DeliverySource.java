package dev.warren.amqp.benchmarks.peer;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Pushes deliveries to a connection's consumers as fast as the client reads them: while the socket is writable it
 * encodes deliveries round-robin into one pooled buffer of about {@value #BATCH_BYTES} bytes, writes and flushes it,
 * and goes on. After {@value #BATCHES_PER_TASK} buffers it yields the event loop (and resumes in a new task), so that
 * the client's acks, cancels and closes are still read; when the socket's buffer is full it resumes on
 * {@link #writabilityChanged()}, and when every consumer is out of credit on {@link #creditReleased()}.
 *
 * <p>Event loop only.
 */
final class DeliverySource {

    static final int BATCH_BYTES = 64 * 1024;
    static final int BATCHES_PER_TASK = 16;

    private final ChannelHandlerContext ctx;
    private final PeerConnection connection;
    private final List<PeerConsumer> consumers = new ArrayList<>();
    private final Runnable pump = this::pump;
    private int cursor;
    private int largestDelivery;
    private boolean scheduled;
    private boolean stopped;

    DeliverySource(ChannelHandlerContext ctx, PeerConnection connection) {
        this.ctx = ctx;
        this.connection = connection;
    }

    void add(PeerConsumer consumer) {
        consumers.add(consumer);
        largestDelivery = Math.max(largestDelivery, consumer.deliverySize());
        schedule();
    }

    void cancel(PeerChannel channel, String tag) {
        consumers.removeIf(c -> c.channel == channel && c.tag.equals(tag));
    }

    void removeChannel(PeerChannel channel) {
        consumers.removeIf(c -> c.channel == channel);
    }

    /** Stops for good: the connection is closing. */
    void stop() {
        stopped = true;
        consumers.clear();
    }

    void writabilityChanged() {
        if (ctx.channel().isWritable()) {
            schedule();
        }
    }

    void creditReleased() {
        schedule();
    }

    private void schedule() {
        if (!scheduled && !stopped && !consumers.isEmpty()) {
            scheduled = true;
            ctx.executor().execute(pump);
        }
    }

    private void pump() {
        scheduled = false;
        for (int i = 0; i < BATCHES_PER_TASK; i++) {
            if (stopped || !ctx.channel().isWritable() || !writeBatch()) {
                return;
            }
        }
        if (!stopped && !consumers.isEmpty()) {
            // Not execute(): the event loop runs tasks added while it runs tasks in the same pass, for up to its
            // task quantum (a second by default), before it reads again. A scheduled task waits for the next pass.
            scheduled = true;
            ctx.executor().schedule(pump, 0, TimeUnit.NANOSECONDS);
        }
    }

    /** Writes one buffer of deliveries; false when no consumer has credit left. */
    private boolean writeBatch() {
        int capacity = Math.max(BATCH_BYTES, largestDelivery);
        ByteBuf out = ctx.alloc().directBuffer(capacity, capacity);
        boolean credit = fill(out);
        if (out.isReadable()) {
            connection.send(out, true);
        } else {
            out.release();
        }
        return credit;
    }

    private boolean fill(ByteBuf out) {
        long now = System.nanoTime();
        int starved = 0;
        while (starved < consumers.size()) {
            if (cursor >= consumers.size()) {
                cursor = 0;
            }
            PeerConsumer consumer = consumers.get(cursor);
            if (!consumer.hasCredit()) {
                starved++;
                cursor++;
                continue;
            }
            if (out.writableBytes() < consumer.deliverySize()) {
                return true;
            }
            consumer.deliver(out, now);
            starved = 0;
            cursor++;
        }
        return false;
    }
}

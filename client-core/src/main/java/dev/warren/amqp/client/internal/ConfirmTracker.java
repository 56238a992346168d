package dev.warren.amqp.client.internal;

import dev.warren.amqp.client.MessageReturnedException;
import dev.warren.amqp.client.PublishNackedException;
import dev.warren.amqp.client.ReturnedMessage;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Publisher confirms of one channel: sequence numbers, the publishes awaiting basic.ack or basic.nack, and the
 * matching of basic.return to mandatory publishes. Event loop only.
 *
 * <p>Sequence numbers count the publishes written since confirm.select was written, from 1, which is how the
 * broker numbers its acks. Unconfirmed publishes sit in a ring indexed by sequence number; the channel never lets
 * more than {@code maxUnconfirmed} be outstanding, nor the window from the oldest unconfirmed one outgrow the
 * ring, so the ring never wraps onto a live entry.
 *
 * <p>A return carries no sequence number, but RabbitMQ sends it before the ack of the same publish, and returns
 * of publishes with the same exchange and routing key in publish order (they route the same way). So a return
 * belongs to the oldest unconfirmed, not yet returned, mandatory publish with its exchange and routing key; that
 * publish fails with the returned message when its ack arrives.
 */
final class ConfirmTracker {

    /** Marks a publish that has no future to complete. */
    private static final Object NO_FUTURE = new Object();

    private final Object[] ring;
    private final int mask;
    private final Map<String, ArrayDeque<Long>> mandatoryBySlot = new HashMap<>();
    private final String connectionName;
    private final int channel;
    private long nextSeq = 1;
    private long lowest = 1;
    private int outstanding;

    private final int maxUnconfirmed;

    ConfirmTracker(int maxUnconfirmed, String connectionName, int channel) {
        this.maxUnconfirmed = maxUnconfirmed;
        // Twice the bound, so acks out of order (a hole at the low end) rarely stop publishing.
        int size = Integer.highestOneBit(Math.max(2, 2 * maxUnconfirmed) - 1) << 1;
        this.ring = new Object[size];
        this.mask = size - 1;
        this.connectionName = connectionName;
        this.channel = channel;
    }

    int outstanding() {
        return outstanding;
    }

    /**
     * Whether one more publish may be written: fewer than {@code maxUnconfirmed} outstanding, and the oldest
     * unconfirmed one not so far back that the ring would wrap onto it.
     */
    boolean hasRoom() {
        return outstanding < maxUnconfirmed && nextSeq - lowest < ring.length;
    }

    long nextSequenceNumber() {
        return nextSeq;
    }

    /** Records a publish just written; {@code publish} is null for a publish with no future. */
    long onWritten(PendingPublish publish) {
        long seq = nextSeq++;
        ring[(int) (seq & mask)] = publish == null ? NO_FUTURE : publish;
        outstanding++;
        if (publish != null && publish.mandatory) {
            mandatoryBySlot.computeIfAbsent(publish.returnKey(), k -> new ArrayDeque<>()).add(seq);
        }
        return seq;
    }

    void onAck(long tag, boolean multiple) {
        settle(tag, multiple, true);
    }

    void onNack(long tag, boolean multiple) {
        settle(tag, multiple, false);
    }

    /**
     * Attaches a return to its publish; returns false when the return is for the listeners instead: no mandatory
     * publish waits with that key, or the one it belongs to was offered without a future.
     */
    boolean onReturn(ReturnedMessage message) {
        ArrayDeque<Long> seqs = mandatoryBySlot.get(PendingPublish.returnKey(message.exchange(),
                message.routingKey()));
        if (seqs == null) {
            return false;
        }
        for (Long seq : seqs) {
            if (ring[(int) (seq & mask)] instanceof PendingPublish publish && publish.returned == null) {
                publish.returned = message;
                // An offered publish has no future to fail: its return goes to the return listeners.
                return publish.future != null;
            }
        }
        return false;
    }

    private void settle(long tag, boolean multiple, boolean ack) {
        if (tag >= nextSeq || tag < 0) {
            return;
        }
        long from = multiple ? lowest : tag;
        for (long seq = from; seq <= tag; seq++) {
            int slot = (int) (seq & mask);
            Object entry = ring[slot];
            if (entry == null || seq < lowest) {
                continue;
            }
            ring[slot] = null;
            outstanding--;
            if (entry instanceof PendingPublish publish) {
                if (publish.mandatory) {
                    String key = publish.returnKey();
                    ArrayDeque<Long> seqs = mandatoryBySlot.get(key);
                    if (seqs != null) {
                        seqs.remove(seq);
                        if (seqs.isEmpty()) {
                            mandatoryBySlot.remove(key);
                        }
                    }
                }
                if (publish.future != null) {
                    if (!ack) {
                        publish.future.completeExceptionally(new PublishNackedException(connectionName, channel,
                                seq));
                    } else if (publish.returned != null) {
                        publish.future.completeExceptionally(new MessageReturnedException(publish.returned));
                    } else {
                        publish.future.complete(null);
                    }
                }
            }
        }
        while (lowest < nextSeq && ring[(int) (lowest & mask)] == null) {
            lowest++;
        }
    }

    /** Fails every unconfirmed publish with {@code error}. */
    void failAll(Throwable error) {
        for (long seq = lowest; seq < nextSeq; seq++) {
            int slot = (int) (seq & mask);
            Object entry = ring[slot];
            ring[slot] = null;
            if (entry instanceof PendingPublish publish && publish.future != null) {
                publish.future.completeExceptionally(error);
            }
        }
        outstanding = 0;
        lowest = nextSeq;
        mandatoryBySlot.clear();
    }
}

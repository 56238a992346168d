package dev.warren.amqp.benchmarks.perf;

import com.rabbitmq.client.ConfirmListener;

import java.util.Map;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Publisher confirms of one official-client channel, tracked as PerfTest tracks them: the publish time of each
 * unconfirmed sequence number in a sorted map, so that an ack or nack with {@code multiple=true} settles (and
 * records the latency of) every message it covers, and a {@link ConfirmWindow} permit returned per message.
 * Acks arrive on the client's I/O thread (reader thread or event loop); nothing here blocks.
 */
final class OfficialConfirms implements ConfirmListener {

    private final ConfirmWindow window;
    private final Metrics metrics;
    private final ConcurrentNavigableMap<Long, Long> publishTimes = new ConcurrentSkipListMap<>();

    OfficialConfirms(int windowSize, Metrics metrics) {
        this.window = new ConfirmWindow(windowSize);
        this.metrics = metrics;
    }

    ConfirmWindow window() {
        return window;
    }

    /** Called by the producer just before it publishes message {@code sequenceNumber}. */
    void published(long sequenceNumber, long publishNanos) {
        publishTimes.put(sequenceNumber, publishNanos);
    }

    /** The publish of {@code sequenceNumber} failed before reaching the broker: it will get no confirm. */
    void abandon(long sequenceNumber) {
        if (publishTimes.remove(sequenceNumber) != null) {
            window.release(1);
        }
    }

    @Override
    public void handleAck(long deliveryTag, boolean multiple) {
        settle(deliveryTag, multiple, true);
    }

    @Override
    public void handleNack(long deliveryTag, boolean multiple) {
        settle(deliveryTag, multiple, false);
    }

    private void settle(long deliveryTag, boolean multiple, boolean ack) {
        long now = System.nanoTime();
        int settled = 0;
        if (multiple) {
            Map.Entry<Long, Long> oldest;
            while ((oldest = publishTimes.firstEntry()) != null && oldest.getKey() <= deliveryTag) {
                if (publishTimes.remove(oldest.getKey()) != null) {
                    settled++;
                    if (ack) {
                        metrics.confirmed(1, now - oldest.getValue());
                    }
                }
            }
        } else {
            Long publishedAt = publishTimes.remove(deliveryTag);
            if (publishedAt != null) {
                settled = 1;
                if (ack) {
                    metrics.confirmed(1, now - publishedAt);
                }
            }
        }
        if (!ack) {
            metrics.nacked(settled);
        }
        window.release(settled);
    }

    /**
     * The channel closed: its unconfirmed publishes will never be confirmed. Forgets them, gives their permits
     * back (so that a waiting producer wakes) and returns how many there were.
     */
    int channelClosed() {
        int lost = 0;
        while (publishTimes.pollFirstEntry() != null) {
            lost++;
        }
        window.release(lost);
        return lost;
    }
}

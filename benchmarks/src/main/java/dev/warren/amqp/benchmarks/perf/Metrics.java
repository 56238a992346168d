package dev.warren.amqp.benchmarks.perf;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * What a driver reports while it runs; thread-safe, cheap enough to call once per message from any thread
 * (event loops included: nothing here blocks). The runner samples it once per second.
 *
 * <p>Latencies are in nanoseconds. Confirm latency is from the publish call to the broker's ack; end-to-end
 * latency is from the publish time written in the body to the consumer's handling of the delivery.
 */
public final class Metrics {

    /** Latencies above this are clamped, not dropped: a stalled run should show as one, not vanish. */
    private static final long MAX_LATENCY_NANOS = TimeUnit.MINUTES.toNanos(10);

    private final LongAdder published = new LongAdder();
    private final LongAdder confirmed = new LongAdder();
    private final LongAdder nacked = new LongAdder();
    private final LongAdder returned = new LongAdder();
    private final LongAdder received = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final Recorder confirmLatency = new Recorder(MAX_LATENCY_NANOS, 3);
    private final Recorder endToEndLatency = new Recorder(MAX_LATENCY_NANOS, 3);

    public void published(long count) {
        published.add(count);
    }

    /** A confirm (ack) for {@code count} messages; pass a latency of -1 when it is not known. */
    public void confirmed(long count, long latencyNanos) {
        confirmed.add(count);
        if (latencyNanos >= 0) {
            confirmLatency.recordValue(Math.min(latencyNanos, MAX_LATENCY_NANOS));
        }
    }

    public void nacked(long count) {
        nacked.add(count);
    }

    public void returned(long count) {
        returned.add(count);
    }

    /** A publish or delivery that failed in a way the run did not expect (a closed channel, a full queue). */
    public void failed(long count) {
        failed.add(count);
    }

    /** A delivery; pass the latency from the body's timestamp, or -1 when the body carries none. */
    public void received(long latencyNanos) {
        received.increment();
        if (latencyNanos >= 0) {
            endToEndLatency.recordValue(Math.min(Math.max(latencyNanos, 0), MAX_LATENCY_NANOS));
        }
    }

    public long published() {
        return published.sum();
    }

    public long confirmed() {
        return confirmed.sum();
    }

    public long nacked() {
        return nacked.sum();
    }

    public long returned() {
        return returned.sum();
    }

    public long received() {
        return received.sum();
    }

    public long failed() {
        return failed.sum();
    }

    /** The confirm latencies recorded since the last call (the recorder's interval histogram). */
    public Histogram takeConfirmLatencies() {
        return confirmLatency.getIntervalHistogram();
    }

    /** The end-to-end latencies recorded since the last call. */
    public Histogram takeEndToEndLatencies() {
        return endToEndLatency.getIntervalHistogram();
    }
}

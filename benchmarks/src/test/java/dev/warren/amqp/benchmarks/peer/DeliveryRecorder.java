package dev.warren.amqp.benchmarks.peer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What a consumer received from the peer: every delivery is counted, the first {@code keep} are kept, so that a
 * source pushing without end cannot fill the test's memory. Thread-safe.
 */
final class DeliveryRecorder {

    /** One delivery as the client saw it. */
    record Received(long deliveryTag, byte[] body) {
    }

    private final int keep;
    private final List<Received> kept = new ArrayList<>();
    private long count;

    DeliveryRecorder(int keep) {
        this.keep = keep;
    }

    synchronized void record(long deliveryTag, byte[] body) {
        if (kept.size() < keep) {
            kept.add(new Received(deliveryTag, body));
        }
        count++;
        notifyAll();
    }

    synchronized long count() {
        return count;
    }

    synchronized List<Received> kept() {
        return List.copyOf(kept);
    }

    /** Waits until at least {@code n} deliveries arrived; fails naming how many did. */
    synchronized void awaitCount(long n, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (count < n) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                throw new AssertionError("expected " + n + " deliveries within " + timeoutMillis + " ms, got "
                        + count);
            }
            wait(left);
        }
    }
}

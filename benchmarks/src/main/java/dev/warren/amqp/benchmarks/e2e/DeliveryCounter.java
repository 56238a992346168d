package dev.warren.amqp.benchmarks.e2e;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Counts a consumer's deliveries and lets one benchmark thread wait until a count is reached. The consumer side
 * ({@link #onDelivery}) runs on whatever thread the client delivers on, event loops included: it never blocks and
 * only unparks the waiter once the waiter's target is reached, so a waiting benchmark thread neither spins (which
 * would take a core from the client on a small machine) nor is woken for every delivery.
 */
final class DeliveryCounter {

    private final int expectedBodySize;
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong wrongSize = new AtomicLong();
    private volatile long target = Long.MAX_VALUE;
    private volatile Thread waiter;

    DeliveryCounter(int expectedBodySize) {
        this.expectedBodySize = expectedBodySize;
    }

    /** One delivery with a body of {@code bodyLength} bytes. Any thread; never blocks. */
    void onDelivery(int bodyLength) {
        if (bodyLength != expectedBodySize) {
            wrongSize.incrementAndGet();
        }
        if (received.incrementAndGet() >= target) {
            Thread thread = waiter;
            if (thread != null) {
                LockSupport.unpark(thread);
            }
        }
    }

    long received() {
        return received.get();
    }

    /**
     * Waits until {@code count} deliveries in all have arrived. One waiting thread at a time.
     *
     * @throws IllegalStateException when they do not arrive within {@code timeout}, or when a body had another
     *                               size than expected (the benchmark would be measuring something else)
     */
    void awaitAtLeast(long count, Duration timeout) throws InterruptedException {
        if (received.get() < count) {
            // Waiter and target are published before the count is read again, and the consumer increments before
            // it reads them: one of the two sides sees the other, so the wake-up cannot be missed.
            waiter = Thread.currentThread();
            target = count;
            try {
                long deadline = System.nanoTime() + timeout.toNanos();
                long now;
                while (received.get() < count) {
                    now = System.nanoTime();
                    if (now - deadline >= 0) {
                        throw new IllegalStateException("waited " + timeout.toSeconds() + " s for delivery " + count
                                + ", got " + received.get() + " in all");
                    }
                    LockSupport.parkNanos(this, deadline - now);
                    if (Thread.interrupted()) {
                        throw new InterruptedException("interrupted while waiting for delivery " + count);
                    }
                }
            } finally {
                target = Long.MAX_VALUE;
                waiter = null;
            }
        }
        long wrong = wrongSize.get();
        if (wrong > 0) {
            throw new IllegalStateException(wrong + " deliveries had a body of another size than "
                    + expectedBodySize + " bytes");
        }
    }
}

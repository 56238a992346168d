package dev.warren.amqp.benchmarks.perf;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * At most {@link Scenario#confirmWindow()} publishes of one producer awaiting their confirm, as PerfTest bounds
 * them: a permit is taken before each publish and given back when its ack, nack or failure arrives. Taking is done
 * by the producer thread (which may wait); giving back never blocks, so acks may return permits from an event loop
 * or I/O thread.
 */
final class ConfirmWindow {

    /** How often a waiting producer looks whether it should give up. */
    private static final long CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final int size;
    private final Semaphore permits;

    ConfirmWindow(int size) {
        this.size = size;
        this.permits = new Semaphore(size);
    }

    /** Waits for room for one more publish; false when {@code giveUp} turned true first. */
    boolean acquire(BooleanSupplier giveUp) throws InterruptedException {
        while (!permits.tryAcquire(CHECK_NANOS, TimeUnit.NANOSECONDS)) {
            if (giveUp.getAsBoolean()) {
                return false;
            }
        }
        return true;
    }

    void release(int count) {
        if (count > 0) {
            permits.release(count);
        }
    }

    /** Publishes taken and not yet confirmed, nacked or failed. */
    int outstanding() {
        return size - permits.availablePermits();
    }
}

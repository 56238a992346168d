package dev.warren.amqp.benchmarks.perf;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * Paces one producer thread at a fixed rate: message {@code n} is due {@code n / rate} seconds after the schedule
 * began. The thread parks until a message is due, never spins. After a short stall (GC, a full socket) the
 * producer catches up by publishing the messages that fell due at once; after a long one it would burst, so the
 * schedule starts over from now instead. Not thread-safe: one per producer thread.
 */
final class RatePacer {

    /** How far behind the schedule may fall and still be caught up. */
    static final long MAX_CATCH_UP_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final int ratePerSecond;
    private final long maxLagNanos;
    private final LongSupplier clock;
    private final LongConsumer parker;
    private long origin;
    private long sent;

    RatePacer(int ratePerSecond) {
        this(ratePerSecond, System::nanoTime, nanos -> LockSupport.parkNanos(RatePacer.class, nanos));
    }

    /** With another clock and way to wait, for tests. */
    RatePacer(int ratePerSecond, LongSupplier clock, LongConsumer parker) {
        if (ratePerSecond <= 0) {
            throw new IllegalArgumentException("rate must be positive, was " + ratePerSecond);
        }
        this.ratePerSecond = ratePerSecond;
        // At low rates one interval is longer than the catch-up allowance; one late message is not a burst.
        this.maxLagNanos = Math.max(MAX_CATCH_UP_NANOS, TimeUnit.SECONDS.toNanos(1) / ratePerSecond);
        this.clock = clock;
        this.parker = parker;
        this.origin = clock.getAsLong();
    }

    /**
     * Parks until the next message is due and claims it; returns false, without claiming, when {@code stop}
     * turns true while waiting (wake the thread with {@link LockSupport#unpark} to have it checked at once).
     */
    boolean awaitNext(BooleanSupplier stop) {
        long now = clock.getAsLong();
        long due = dueTime();
        if (now - due > maxLagNanos) {
            origin = now;
            sent = 0;
            due = now;
        }
        while (due - now > 0) {
            if (stop.getAsBoolean()) {
                return false;
            }
            parker.accept(due - now);
            now = clock.getAsLong();
        }
        sent++;
        return true;
    }

    private long dueTime() {
        // Computed from the origin, not accumulated, so that rounding never drifts the rate; split so that
        // sent * 1e9 cannot overflow in a long run.
        long second = TimeUnit.SECONDS.toNanos(1);
        return origin + sent / ratePerSecond * second + sent % ratePerSecond * second / ratePerSecond;
    }
}

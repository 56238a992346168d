package dev.warren.amqp.benchmarks.perf;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class RatePacerTest {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    /** A clock that only moves when the pacer parks, or when the test says a stall happened. */
    private long now = 1_000 * MS;
    private long parkedNanos;

    private RatePacer pacer(int rate) {
        return new RatePacer(rate, () -> now, nanos -> {
            parkedNanos += nanos;
            now += nanos;
        });
    }

    @Test
    void publishesAtOnceThenOneMessagePerInterval() {
        RatePacer pacer = pacer(1_000);

        for (int i = 0; i < 10; i++) {
            assertThat(pacer.awaitNext(() -> false)).isTrue();
        }

        assertThat(parkedNanos).isEqualTo(9 * MS);
    }

    @Test
    void keepsTheRateExactWhenTheIntervalIsNotAWholeNumberOfNanoseconds() {
        RatePacer pacer = pacer(3);

        for (int i = 0; i < 301; i++) {
            pacer.awaitNext(() -> false);
        }

        assertThat(parkedNanos).isEqualTo(TimeUnit.SECONDS.toNanos(100));
    }

    @Test
    void catchesUpAfterAShortStallWithoutWaiting() {
        RatePacer pacer = pacer(1_000);
        pacer.awaitNext(() -> false);

        now += 50 * MS;
        long parkedBefore = parkedNanos;
        for (int i = 0; i < 50; i++) {
            pacer.awaitNext(() -> false);
        }

        assertThat(parkedNanos).isEqualTo(parkedBefore);
        pacer.awaitNext(() -> false);
        assertThat(parkedNanos - parkedBefore).isEqualTo(MS);
    }

    @Test
    void startsOverAfterALongStallInsteadOfBursting() {
        RatePacer pacer = pacer(1_000);
        pacer.awaitNext(() -> false);

        now += 2_000 * MS;
        long parkedBefore = parkedNanos;
        pacer.awaitNext(() -> false);
        pacer.awaitNext(() -> false);

        // Catching up would have meant 2,000 messages at once; instead the second one waits its interval.
        assertThat(parkedNanos - parkedBefore).isEqualTo(MS);
    }

    @Test
    void aStopWhileWaitingEndsTheWaitWithoutClaimingAMessage() {
        RatePacer pacer = pacer(1);
        pacer.awaitNext(() -> false);

        assertThat(pacer.awaitNext(() -> true)).isFalse();
        assertThat(parkedNanos).isZero();
        assertThat(pacer.awaitNext(() -> false)).isTrue();
        assertThat(parkedNanos).isEqualTo(TimeUnit.SECONDS.toNanos(1));
    }
}

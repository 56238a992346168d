package dev.warren.amqp.benchmarks.perf;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class OfficialConfirmsTest {

    private final Metrics metrics = new Metrics();
    private final OfficialConfirms confirms = new OfficialConfirms(10, metrics);

    private void publish(long... sequenceNumbers) throws InterruptedException {
        for (long seq : sequenceNumbers) {
            assertThat(confirms.window().acquire(() -> true)).isTrue();
            confirms.published(seq, System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    @Test
    void aMultipleAckSettlesEveryMessageItCoversWithItsLatency() throws InterruptedException {
        publish(1, 2, 3, 4, 5);

        confirms.handleAck(3, true);

        assertThat(metrics.confirmed()).isEqualTo(3);
        assertThat(confirms.window().outstanding()).isEqualTo(2);
        assertThat(metrics.takeConfirmLatencies().getMinValue()).isGreaterThanOrEqualTo(
                TimeUnit.MILLISECONDS.toNanos(5));
    }

    @Test
    void aSingleAckSettlesOnlyItsMessageAndARepeatedAckNothing() throws InterruptedException {
        publish(1, 2, 3);

        confirms.handleAck(2, false);
        confirms.handleAck(2, false);

        assertThat(metrics.confirmed()).isEqualTo(1);
        assertThat(confirms.window().outstanding()).isEqualTo(2);
        confirms.handleAck(3, true);
        assertThat(metrics.confirmed()).isEqualTo(3);
        assertThat(confirms.window().outstanding()).isZero();
    }

    @Test
    void nacksAreCountedApartAndGiveTheirPermitsBack() throws InterruptedException {
        publish(1, 2, 3);

        confirms.handleNack(2, true);

        assertThat(metrics.nacked()).isEqualTo(2);
        assertThat(metrics.confirmed()).isZero();
        assertThat(metrics.takeConfirmLatencies().getTotalCount()).isZero();
        assertThat(confirms.window().outstanding()).isEqualTo(1);
    }

    @Test
    void aClosedChannelReleasesTheWindowAndReportsWhatItLost() throws InterruptedException {
        publish(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        assertThat(confirms.window().acquire(() -> true)).isFalse();

        assertThat(confirms.channelClosed()).isEqualTo(10);

        assertThat(confirms.window().outstanding()).isZero();
        assertThat(confirms.window().acquire(() -> true)).isTrue();
    }

    @Test
    void anAbandonedPublishGivesItsPermitBack() throws InterruptedException {
        publish(1);

        confirms.abandon(1);
        confirms.handleAck(1, false);

        assertThat(confirms.window().outstanding()).isZero();
        assertThat(metrics.confirmed()).isZero();
    }
}

package dev.warren.amqp.benchmarks.peer;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OutstandingDeliveriesTest {

    private final OutstandingDeliveries outstanding = new OutstandingDeliveries();

    @Test
    void aMultipleAckSettlesEveryTagUpToIt() {
        addTags(1, 10);

        outstanding.settle(7, true);

        assertThat(outstanding.unsettled()).isEqualTo(3);
        outstanding.settle(10, true);
        assertThat(outstanding.unsettled()).isZero();
    }

    @Test
    void singleAcksInAnyOrderSettleOneTagEach() {
        addTags(1, 5);

        outstanding.settle(3, false);
        outstanding.settle(5, false);
        outstanding.settle(3, false);

        assertThat(outstanding.unsettled()).isEqualTo(3);
        outstanding.settle(1, false);
        outstanding.settle(2, false);
        outstanding.settle(4, false);
        assertThat(outstanding.unsettled()).isZero();
    }

    @Test
    void aMultipleAckCountsTagsAlreadySettledSinglyOnce() {
        addTags(1, 6);
        outstanding.settle(2, false);
        outstanding.settle(5, false);

        outstanding.settle(5, true);

        assertThat(outstanding.unsettled()).isEqualTo(1);
    }

    @Test
    void unknownAndRepeatedTagsChangeNothing() {
        addTags(10, 12);

        outstanding.settle(9, false);
        outstanding.settle(99, false);
        outstanding.settle(9, true);

        assertThat(outstanding.unsettled()).isEqualTo(3);
    }

    @Test
    void gapsFromAutoAckDeliveriesOnTheSameChannelAreSkipped() {
        outstanding.add(2);
        outstanding.add(5);
        outstanding.add(9);

        outstanding.settle(6, true);

        assertThat(outstanding.unsettled()).isEqualTo(1);
        outstanding.settle(9, false);
        assertThat(outstanding.unsettled()).isZero();
    }

    @Test
    void growsPastItsFirstCapacityWhileTheOldestTagIsHeld() {
        addTags(1, 1_000);
        for (long tag = 2; tag <= 1_000; tag++) {
            outstanding.settle(tag, false);
        }
        addTags(1_001, 1_500);

        assertThat(outstanding.unsettled()).isEqualTo(501);
        outstanding.settle(1, false);
        assertThat(outstanding.unsettled()).isEqualTo(500);
        outstanding.settle(1_499, true);
        assertThat(outstanding.unsettled()).isEqualTo(1);
        outstanding.settle(1_500, false);
        assertThat(outstanding.unsettled()).isZero();
    }

    @Test
    void wrapsAroundTheRingAndGrowsWithoutLosingTags() {
        long next = 1;
        for (int round = 0; round < 100; round++) {
            for (int i = 0; i < 50; i++) {
                outstanding.add(next++);
            }
            outstanding.settle(next - 11, true);
            assertThat(outstanding.unsettled()).isEqualTo(10);
        }
        // Grows while the ring is wrapped around.
        for (int i = 0; i < 100; i++) {
            outstanding.add(next++);
        }
        assertThat(outstanding.unsettled()).isEqualTo(110);
        outstanding.settle(next - 50, false);
        assertThat(outstanding.unsettled()).isEqualTo(109);
        outstanding.settle(next - 1, true);
        assertThat(outstanding.unsettled()).isZero();
    }

    private void addTags(long from, long to) {
        for (long tag = from; tag <= to; tag++) {
            outstanding.add(tag);
        }
    }
}

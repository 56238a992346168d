package dev.warren.amqp.codec.frame;

import dev.warren.amqp.codec.CodecLimits;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TuningTest {

    @Test
    void zeroOnOneSideGivesTheOtherSidesValue() {
        assertThat(Tuning.negotiate(0, 60)).isEqualTo(60);
        assertThat(Tuning.negotiate(60, 0)).isEqualTo(60);
    }

    @Test
    void zeroOnBothSidesStaysZero() {
        assertThat(Tuning.negotiate(0, 0)).isZero();
    }

    @Test
    void whenBothSidesNameALimitTheLowerWins() {
        assertThat(Tuning.negotiate(2047, 65535)).isEqualTo(2047);
        assertThat(Tuning.negotiate(65535, 2047)).isEqualTo(2047);
        assertThat(Tuning.negotiate(4294967295L, 131072)).isEqualTo(131072);
    }

    @Test
    void frameMaxIsTheNegotiatedValue() {
        assertThat(Tuning.frameMax(131072, 65536, 131072)).isEqualTo(65536);
        assertThat(Tuning.frameMax(65536, 131072, 131072)).isEqualTo(65536);
    }

    @Test
    void aBrokerOfferingNoFrameLimitGetsTheClientsCap() {
        assertThat(Tuning.frameMax(0, 0, 131072)).isEqualTo(131072);
        assertThat(Tuning.frameMax(131072, 0, 131072)).isEqualTo(131072);
        assertThat(Tuning.frameMax(0, 0, CodecLimits.MIN_FRAME_SIZE)).isEqualTo(CodecLimits.MIN_FRAME_SIZE);
    }

    @Test
    void frameMaxIsCappedByTheClientsLimitWhateverTheBrokerOffers() {
        assertThat(Tuning.frameMax(0, 4294967295L, 131072)).isEqualTo(131072);
        assertThat(Tuning.frameMax(1 << 20, 1 << 20, 131072)).isEqualTo(131072);
    }

    @Test
    void frameMaxIsNeverBelowTheSpecificationsMinimum() {
        assertThat(Tuning.frameMax(0, 4096, 131072)).isEqualTo(CodecLimits.MIN_FRAME_SIZE);
        assertThat(Tuning.frameMax(1, 1, 131072)).isEqualTo(CodecLimits.MIN_FRAME_SIZE);
    }
}

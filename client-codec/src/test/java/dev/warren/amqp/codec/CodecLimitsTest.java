package dev.warren.amqp.codec;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CodecLimitsTest {

    @Test
    void theDefaultsAre128KiBFrames64MiBBodiesAndNesting64Deep() {
        assertThat(CodecLimits.DEFAULTS.maxFrameSize()).isEqualTo(131072);
        assertThat(CodecLimits.DEFAULTS.maxBodySize()).isEqualTo(64L * 1024 * 1024);
        assertThat(CodecLimits.DEFAULTS.maxNestingDepth()).isEqualTo(64);
        assertThat(CodecLimits.MIN_FRAME_SIZE).isEqualTo(8192);
    }

    @Test
    void aFrameSizeBelowTheSpecificationsMinimumIsRejected() {
        assertThatThrownBy(() -> new CodecLimits(8191, 0, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxFrameSize").hasMessageContaining("8192").hasMessageContaining("8191");
        assertThatThrownBy(() -> CodecLimits.DEFAULTS.withMaxFrameSize(0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(CodecLimits.DEFAULTS.withMaxFrameSize(8192).maxFrameSize()).isEqualTo(8192);
        assertThat(CodecLimits.DEFAULTS.withMaxFrameSize(Integer.MAX_VALUE).maxFrameSize())
                .isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void aBodySizeOutsideZeroToIntMaxMinus8IsRejected() {
        assertThatThrownBy(() -> CodecLimits.DEFAULTS.withMaxBodySize(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxBodySize");
        assertThatThrownBy(() -> CodecLimits.DEFAULTS.withMaxBodySize(Integer.MAX_VALUE - 7L))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(CodecLimits.DEFAULTS.withMaxBodySize(0).maxBodySize()).isZero();
        assertThat(CodecLimits.DEFAULTS.withMaxBodySize(Integer.MAX_VALUE - 8L).maxBodySize())
                .isEqualTo(Integer.MAX_VALUE - 8L);
    }

    @Test
    void aNestingDepthOutsideOneTo1024IsRejected() {
        assertThatThrownBy(() -> CodecLimits.DEFAULTS.withMaxNestingDepth(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxNestingDepth");
        assertThatThrownBy(() -> CodecLimits.DEFAULTS.withMaxNestingDepth(1025))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(CodecLimits.DEFAULTS.withMaxNestingDepth(1).maxNestingDepth()).isEqualTo(1);
        assertThat(CodecLimits.DEFAULTS.withMaxNestingDepth(1024).maxNestingDepth()).isEqualTo(1024);
    }

    @Test
    void theWithersChangeOnlyTheirOwnLimit() {
        CodecLimits limits = CodecLimits.DEFAULTS.withMaxFrameSize(65536).withMaxBodySize(100)
                .withMaxNestingDepth(5);
        assertThat(limits).isEqualTo(new CodecLimits(65536, 100, 5));
        assertThat(CodecLimits.DEFAULTS).isEqualTo(new CodecLimits(131072, 64L * 1024 * 1024, 64));
    }
}

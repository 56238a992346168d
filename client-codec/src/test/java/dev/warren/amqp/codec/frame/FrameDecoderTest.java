package dev.warren.amqp.codec.frame;

import dev.warren.amqp.codec.CodecLimits;
import dev.warren.amqp.codec.ReplyCode;
import dev.warren.amqp.codec.TestChannels;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static dev.warren.amqp.codec.Bytes.of;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FrameDecoderTest {

    @Test
    void frameMaxStartsAtTheMinimumUntilTuningRaisesIt() {
        FrameDecoder decoder = new FrameDecoder(CodecLimits.DEFAULTS);
        assertThat(decoder.maxFrameSize()).isEqualTo(CodecLimits.MIN_FRAME_SIZE);
        decoder.setMaxFrameSize(131072);
        assertThat(decoder.maxFrameSize()).isEqualTo(131072);
    }

    @Test
    void frameMaxCannotBeSetBelowTheMinimum() {
        FrameDecoder decoder = new FrameDecoder(CodecLimits.DEFAULTS);
        assertThatThrownBy(() -> decoder.setMaxFrameSize(8191)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("8191");
        assertThatThrownBy(() -> decoder.setMaxFrameSize(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aProtocolHeaderIsAwaitedUntilAllEightBytesArrive() {
        EmbeddedChannel channel = TestChannels.decoding();
        assertThat(TestChannels.feed(channel, of("AMQ"), of("P", 0, 0))).isEmpty();
        assertThat(TestChannels.feed(channel, of(9, 1))).containsExactly(ProtocolHeader.AMQP_0_9_1);
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void aProtocolHeaderIsOnlyAcceptedAsTheFirstBytes() {
        EmbeddedChannel channel = TestChannels.decoding();
        assertThat(TestChannels.feed(channel, HostileBrokerTest.heartbeat())).containsExactly(HeartbeatFrame.INSTANCE);
        assertThat(HostileBrokerTest.failure(channel, of("AMQP", 0, 0, 9, 1)).replyCode())
                .isEqualTo(ReplyCode.FRAME_ERROR);
    }

    @Test
    void theHandlersHaveDistinctNames() {
        assertThat(Set.of(FrameDecoder.NAME, CommandAssembler.NAME, CommandEncoder.NAME)).hasSize(3);
    }

    @Test
    void aProtocolHeaderPrintsAsItsVersion() {
        assertThat(ProtocolHeader.AMQP_0_9_1).hasToString("AMQP 0-0-9-1");
    }
}

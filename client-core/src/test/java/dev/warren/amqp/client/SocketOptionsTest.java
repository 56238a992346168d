package dev.warren.amqp.client;

import io.netty.channel.ChannelOption;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Building {@link SocketOptions}: values are checked and copied, so that no connection can consume them. */
class SocketOptionsTest {

    @Test
    void aRawByteOptionIsCopiedInAndOut() {
        byte[] value = "cubic".getBytes(StandardCharsets.US_ASCII);
        SocketOptions options = SocketOptions.builder().socketOption(6, 13, value).build();
        value[0] = 'X';
        RawSocketOption raw = options.rawOptions().get(0);
        assertThat(raw.bytesValue()).asString(StandardCharsets.US_ASCII).isEqualTo("cubic");
        raw.bytesValue()[0] = 'Y';
        assertThat(raw.bytesValue()).asString(StandardCharsets.US_ASCII).isEqualTo("cubic");
        assertThat(raw.isInt()).isFalse();
        assertThat(raw.toString()).isEqualTo("setsockopt(level=6, optname=13, byte[5])");
        assertThat(SocketOptions.builder().socketOption(6, 18, 5000).build().rawOptions().get(0))
                .isEqualTo(RawSocketOption.ofInt(6, 18, 5000))
                .hasToString("setsockopt(level=6, optname=18, 5000)");
    }

    @Test
    void aByteBufferChannelOptionIsCopiedSoThatNoConnectCanConsumeIt() {
        ChannelOption<ByteBuffer> raw = ChannelOption.valueOf("SocketOptionsTest.RAW");
        ByteBuffer given = ByteBuffer.wrap("reno".getBytes(StandardCharsets.US_ASCII));
        SocketOptions options = SocketOptions.builder().channelOption(raw, given).build();
        given.position(4); // the caller consumes its own buffer
        ByteBuffer kept = (ByteBuffer) options.channelOptions().get(raw);
        assertThat(kept.remaining()).isEqualTo(4);
        assertThat(kept.isReadOnly()).isTrue();
        kept.duplicate().position(4); // what a transport does per connection leaves it whole
        assertThat(kept.remaining()).isEqualTo(4);
    }

    @Test
    void valuesOutOfRangeAreRefusedWhenBuilding() {
        assertThatThrownBy(() -> SocketOptions.builder().trafficClass(256)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SocketOptions.builder().receiveBufferSize(0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SocketOptions.builder().keepAlive(Duration.ofMillis(500), Duration.ofSeconds(1), 3))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SocketOptions.builder().tcpCongestion("a-name-longer-than-15"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SocketOptions.builder().channelOption(ChannelOption.SO_RCVBUF, null))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void theReadBackKeysRawOptionsByLevelAndName() {
        SocketReadback readback = new SocketReadback("nio", null, null,
                java.util.Map.of(SocketReadback.rawName(6, 18), 5000), null);
        assertThat(readback.raw(6, 18)).contains(5000);
        assertThat(readback.option("raw(6,18)")).contains(5000);
        assertThat(readback.raw(6, 19)).isEmpty();
        assertThat(readback.tcpInfoSnapshot()).isEmpty();
    }
}

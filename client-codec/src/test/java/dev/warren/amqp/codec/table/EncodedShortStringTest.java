package dev.warren.amqp.codec.table;

import dev.warren.amqp.codec.Bytes;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EncodedShortStringTest {

    @Test
    void itWritesTheLengthOctetAndTheUtf8Bytes() {
        EncodedShortString encoded = EncodedShortString.of("amq.topic");
        assertThat(encoded.value()).isEqualTo("amq.topic");
        assertThat(encoded.encodedSize()).isEqualTo(10);
        assertThat(encoded).hasToString("amq.topic");
        ByteBuf out = Unpooled.buffer();
        encoded.writeTo(out);
        encoded.writeTo(out);
        assertThat(Bytes.drain(out)).containsExactly(Bytes.of(9, "amq.topic", 9, "amq.topic"));
    }

    @Test
    void theEmptyStringIsOneZeroOctet() {
        assertThat(EncodedShortString.of("")).isSameAs(EncodedShortString.EMPTY);
        ByteBuf out = Unpooled.buffer();
        EncodedShortString.EMPTY.writeTo(out);
        assertThat(Bytes.drain(out)).containsExactly(0);
    }

    @Test
    void exactly255BytesOfUtf8Fit() {
        String threeByteChars = "€".repeat(85); // 255 bytes
        assertThat(EncodedShortString.of(threeByteChars).encodedSize()).isEqualTo(256);
        assertThat(EncodedShortString.of("a".repeat(255)).encodedSize()).isEqualTo(256);
    }

    @Test
    void moreThan255BytesOfUtf8AreRejectedWithTheSizeAndTheStart() {
        assertThatThrownBy(() -> EncodedShortString.of("€".repeat(85) + "a"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("256").hasMessageContaining("€€€");
        assertThatThrownBy(() -> EncodedShortString.of("😀".repeat(64))) // 256 bytes in 128 chars
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EncodedShortString.of(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void equalityIsByEncodedBytes() {
        assertThat(EncodedShortString.of("q")).isEqualTo(EncodedShortString.of("q"))
                .hasSameHashCodeAs(EncodedShortString.of("q")).isNotEqualTo(EncodedShortString.of("r"));
    }
}

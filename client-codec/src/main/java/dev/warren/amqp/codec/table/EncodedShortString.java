package dev.warren.amqp.codec.table;

import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A short string encoded once (length octet and UTF-8 bytes), for names written on every publish, such as an
 * exchange or a routing key. Immutable and shareable between threads.
 */
public final class EncodedShortString {

    public static final EncodedShortString EMPTY = new EncodedShortString("", new byte[] {0});

    private final String value;
    private final byte[] encoded;

    private EncodedShortString(String value, byte[] encoded) {
        this.value = value;
        this.encoded = encoded;
    }

    /**
     * Encodes {@code value}.
     *
     * @throws IllegalArgumentException when its UTF-8 form is longer than 255 bytes
     */
    public static EncodedShortString of(String value) {
        Objects.requireNonNull(value, "value");
        if (value.isEmpty()) {
            return EMPTY;
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        if (utf8.length > ShortStrings.MAX_LENGTH) {
            throw new IllegalArgumentException("a short string holds at most 255 bytes of UTF-8, this one needs "
                    + utf8.length + ": " + ShortStrings.abbreviate(value));
        }
        byte[] encoded = new byte[utf8.length + 1];
        encoded[0] = (byte) utf8.length;
        System.arraycopy(utf8, 0, encoded, 1, utf8.length);
        return new EncodedShortString(value, encoded);
    }

    public String value() {
        return value;
    }

    /** Bytes on the wire, length octet included. */
    public int encodedSize() {
        return encoded.length;
    }

    public void writeTo(ByteBuf out) {
        out.writeBytes(encoded);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EncodedShortString that && Arrays.equals(encoded, that.encoded);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encoded);
    }

    @Override
    public String toString() {
        return value;
    }
}

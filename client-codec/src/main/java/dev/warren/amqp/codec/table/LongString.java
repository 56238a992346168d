package dev.warren.amqp.codec.table;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * An AMQP long string: up to 2<sup>32</sup>-1 bytes that are usually, but not always, UTF-8 text. Immutable;
 * compared by its bytes. Field-table values of type {@code S} decode to this type, as they do in the official
 * RabbitMQ Java client, because the bytes need not be valid text.
 */
public final class LongString implements Comparable<LongString> {

    public static final LongString EMPTY = new LongString(new byte[0]);

    private final byte[] bytes;

    private LongString(byte[] bytes) {
        this.bytes = bytes;
    }

    /** The UTF-8 encoding of {@code text}. */
    public static LongString of(String text) {
        Objects.requireNonNull(text, "text");
        return text.isEmpty() ? EMPTY : new LongString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A copy of {@code bytes}. */
    public static LongString of(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        return bytes.length == 0 ? EMPTY : new LongString(bytes.clone());
    }

    /** Takes ownership of {@code bytes} without copying; the caller must not change them afterwards. */
    static LongString wrap(byte[] bytes) {
        return bytes.length == 0 ? EMPTY : new LongString(bytes);
    }

    public int length() {
        return bytes.length;
    }

    /** A copy of the bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The bytes without a copy, for encoders in this module. */
    byte[] unsafeBytes() {
        return bytes;
    }

    /** The bytes as UTF-8 text; invalid sequences become U+FFFD. */
    @Override
    public String toString() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LongString that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public int compareTo(LongString other) {
        return Arrays.compareUnsigned(bytes, other.bytes);
    }
}

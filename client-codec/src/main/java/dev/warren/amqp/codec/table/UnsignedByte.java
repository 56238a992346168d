package dev.warren.amqp.codec.table;

/**
 * A field-table value written with type {@code B} (unsigned 8-bit). Only for writing: the decoder returns such
 * values as {@link Integer}, as the official RabbitMQ Java client does.
 */
public record UnsignedByte(int value) {
    public UnsignedByte {
        if (value < 0 || value > 0xFF) {
            throw new IllegalArgumentException("an unsigned byte is 0..255, was " + value);
        }
    }
}

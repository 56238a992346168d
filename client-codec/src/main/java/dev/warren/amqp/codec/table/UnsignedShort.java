package dev.warren.amqp.codec.table;

/**
 * A field-table value written with type {@code u} (unsigned 16-bit). Only for writing: the decoder returns such
 * values as {@link Integer}, as the official RabbitMQ Java client does.
 */
public record UnsignedShort(int value) {
    public UnsignedShort {
        if (value < 0 || value > 0xFFFF) {
            throw new IllegalArgumentException("an unsigned short is 0..65535, was " + value);
        }
    }
}

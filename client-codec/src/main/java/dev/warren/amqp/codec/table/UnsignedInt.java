package dev.warren.amqp.codec.table;

/**
 * A field-table value written with type {@code i} (unsigned 32-bit). Only for writing: the decoder returns such
 * values as {@link Long}, as the official RabbitMQ Java client does.
 */
public record UnsignedInt(long value) {
    public UnsignedInt {
        if (value < 0 || value > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("an unsigned int is 0..4294967295, was " + value);
        }
    }
}

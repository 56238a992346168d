package dev.warren.amqp.codec.frame;

import dev.warren.amqp.codec.method.Method;

import java.util.Objects;

/** A method frame: one {@link Method} on one channel. */
public record MethodFrame(int channel, Method method) implements Frame {
    public MethodFrame {
        Objects.requireNonNull(method, "method");
        Channels.check(channel);
    }
}

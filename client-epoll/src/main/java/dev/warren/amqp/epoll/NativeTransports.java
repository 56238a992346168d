package dev.warren.amqp.epoll;

import dev.warren.amqp.client.spi.Transport;
import dev.warren.amqp.client.spi.TransportProvider;

import java.util.List;

/**
 * Hands Warren the native transports, {@link EpollTransport} and {@link IoUringTransport}, through
 * {@link java.util.ServiceLoader}: on the class path through {@code META-INF/services}, on the module path through
 * {@code provides} in {@code module-info}. Whether each can run here is decided when Warren asks, not when this
 * provider loads, so a missing native library only makes a transport unavailable.
 */
public final class NativeTransports implements TransportProvider {

    public NativeTransports() {
    }

    @Override
    public List<Transport> transports() {
        return List.of(EpollTransport.INSTANCE, IoUringTransport.INSTANCE);
    }
}

package dev.warren.amqp.client.spi;

import java.util.List;

/** Supplies transports to Warren through {@link java.util.ServiceLoader}; {@code client-epoll} has one. */
public interface TransportProvider {

    List<Transport> transports();
}

/**
 * Warren's native Linux transports, epoll and io_uring, found by {@code dev.warren.amqp.client} through
 * {@link dev.warren.amqp.client.spi.TransportProvider}. Exports only what users may want to name: the transports
 * (for their names and availability) and {@link dev.warren.amqp.epoll.LinuxSocketOptions}, the numbers for raw
 * socket options.
 */
module dev.warren.amqp.epoll {
    requires transitive dev.warren.amqp.client;
    requires io.netty.transport.classes.epoll;
    requires io.netty.transport.classes.io_uring;
    requires io.netty.transport.unix.common;

    exports dev.warren.amqp.epoll;

    provides dev.warren.amqp.client.spi.TransportProvider with dev.warren.amqp.epoll.NativeTransports;
}

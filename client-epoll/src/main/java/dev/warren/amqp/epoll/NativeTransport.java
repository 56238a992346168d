package dev.warren.amqp.epoll;

import dev.warren.amqp.client.SocketOptions;
import dev.warren.amqp.client.SocketReadback;
import dev.warren.amqp.client.TcpInfo;
import dev.warren.amqp.client.spi.Transport;
import dev.warren.amqp.epoll.internal.NativeSockets;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;

/**
 * What the two native transports share: socket options set with setsockopt on the channel's descriptor before
 * connect and read back with getsockopt, one code path for both ({@link NativeSockets}). Subclasses supply Netty's
 * transport-specific classes.
 */
abstract class NativeTransport implements Transport {

    private final String name;
    private final int priority;
    private final NativeSockets sockets;

    NativeTransport(String name, int priority) {
        this.name = name;
        this.priority = priority;
        this.sockets = new NativeSockets(name, this::tcpInfo);
    }

    /** The {@code tcp_info} snapshot of a channel of this transport, or null for another kind of channel. */
    abstract TcpInfo tcpInfo(Channel channel);

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final int priority() {
        return priority;
    }

    @Override
    public final void applyOptions(Bootstrap bootstrap, SocketOptions options) {
        sockets.prepare(bootstrap, options);
    }

    @Override
    public final void beforeConnect(Channel channel, SocketOptions options) {
        sockets.apply(channel, options);
    }

    @Override
    public final SocketReadback readBack(Channel channel, SocketOptions options) {
        return sockets.readBack(channel, options);
    }

    @Override
    public String toString() {
        return name;
    }
}

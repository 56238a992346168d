package dev.warren.amqp.client.spi;

import dev.warren.amqp.client.SocketOptions;
import dev.warren.amqp.client.SocketReadback;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ReflectiveChannelFactory;

import java.net.InetSocketAddress;
import java.util.concurrent.ThreadFactory;

/**
 * A Netty transport Warren can run connections on: NIO (built in), or epoll and io_uring from the
 * {@code client-epoll} module, found through {@link TransportProvider} and {@link java.util.ServiceLoader}.
 * Implementations are stateless and thread-safe.
 *
 * <p>The dial, in order: {@link #channelFactory}, {@link #applyOptions} (on a fresh {@link Bootstrap} per connection
 * attempt), the user's bootstrap hook, then for the new channel {@link #beforeConnect} (from the bootstrap's
 * initializer, on the channel's event loop, before bind and connect), the user's channel initializer, connect, and
 * {@link #afterConnect}. An option that cannot be applied fails the attempt with an
 * {@link UnsupportedSocketOptionException} at whichever step finds out; it is never logged and skipped.
 */
public interface Transport {

    /** The name users select it by: {@code nio}, {@code epoll}, {@code io_uring}. */
    String name();

    /**
     * Among available transports, the one with the highest priority is the default (NIO is 0, io_uring 50, epoll
     * 100).
     */
    int priority();

    /** Whether the transport can run here (its native library loads, the kernel supports it). */
    boolean isAvailable();

    /** Why {@link #isAvailable()} is false, or {@code null}. */
    Throwable unavailabilityCause();

    /** A new event-loop group of this transport's kind. */
    EventLoopGroup newEventLoopGroup(int threads, ThreadFactory threadFactory);

    /** Whether channels of this transport can be registered with {@code group}. */
    boolean isCompatible(EventLoopGroup group);

    /** The client socket channel class. */
    Class<? extends Channel> socketChannelClass();

    /**
     * Makes the client channels for a connection to {@code remote}, or to a peer not known in advance when
     * {@code remote} is {@code null} (a custom {@link Dialer} picks it). The default makes
     * {@link #socketChannelClass()} reflectively, which for Netty means a dual-stack IPv6 socket where the host has
     * IPv6.
     */
    default ChannelFactory<? extends Channel> channelFactory(InetSocketAddress remote) {
        return new ReflectiveChannelFactory<>(socketChannelClass());
    }

    /**
     * Prepares a bootstrap for {@code options} before it connects: checks every option this transport could never
     * apply, and sets what belongs to the bootstrap (such as the local address).
     *
     * @throws UnsupportedSocketOptionException for an option this transport cannot apply
     */
    void applyOptions(Bootstrap bootstrap, SocketOptions options);

    /**
     * Called on the channel's event loop once the channel exists and before it binds or connects (from the
     * bootstrap's initializer): sets the socket options, typed, raw and Netty ones, and checks each was taken.
     *
     * @throws UnsupportedSocketOptionException for an option the transport or the kernel would not take
     */
    default void beforeConnect(Channel channel, SocketOptions options) {
    }

    /**
     * Called once the channel is connected, before Warren adds TLS and the AMQP pipeline: checks what can only be
     * checked against the peer (for example an IPv4 peer on a dual-stack socket).
     *
     * @throws UnsupportedSocketOptionException when an option cannot hold for this connection
     */
    default void afterConnect(Channel channel, SocketOptions options) {
    }

    /**
     * Reads from the kernel the effective value of every option in {@code options}, for the read-back of a live
     * connection. May be called from any thread.
     *
     * @throws IllegalStateException when the channel is closed
     */
    SocketReadback readBack(Channel channel, SocketOptions options);
}

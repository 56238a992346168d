package dev.warren.amqp.client.spi;

import dev.warren.amqp.client.SocketOptions;
import dev.warren.amqp.client.SocketReadback;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;

import java.util.concurrent.ThreadFactory;

/**
 * A Netty transport Warren can run connections on: NIO (built in), or epoll and io_uring from the
 * {@code client-epoll} module, found through {@link TransportProvider} and {@link java.util.ServiceLoader}.
 * Implementations are stateless and thread-safe.
 */
public interface Transport {

    /** The name users select it by: {@code nio}, {@code epoll}, {@code io_uring}. */
    String name();

    /** Among available transports, the one with the highest priority is the default (NIO is 0, epoll 100). */
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
     * Applies {@code options} to a bootstrap before it connects: typed options, raw options and channel options
     * this transport supports.
     *
     * @throws UnsupportedSocketOptionException for an option this transport cannot apply
     */
    void applyOptions(Bootstrap bootstrap, SocketOptions options);

    /**
     * Called once the channel exists and before it connects (from the bootstrap's initializer): for options that
     * must be set on the socket itself, such as raw setsockopt calls or options Netty ignores on client sockets.
     */
    default void beforeConnect(Channel channel, SocketOptions options) {
    }

    /**
     * Reads from the kernel the effective value of every option in {@code options}, for the read-back of a live
     * connection.
     */
    SocketReadback readBack(Channel channel, SocketOptions options);
}

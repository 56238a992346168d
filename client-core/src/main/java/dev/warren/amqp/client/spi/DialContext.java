package dev.warren.amqp.client.spi;

import dev.warren.amqp.client.SocketOptions;
import io.netty.bootstrap.Bootstrap;

import java.time.Duration;

/** What a {@link Dialer} gets to work with, for one connection attempt. */
public interface DialContext {

    /** The event loop the connection is confined to; the dialed channel must be registered with it. */
    io.netty.channel.EventLoop eventLoop();

    /** The transport in use. */
    Transport transport();

    /**
     * A bootstrap set up as Warren would use it, new for this attempt: event loop, channel factory, local address,
     * connect timeout, and a handler that applies every socket option (typed, raw and Netty ones) and runs the
     * channel-initializer hook on each channel it makes, before that channel connects. Calling
     * {@code connect(address)} on it is Warren's own dial. To add handlers of your own (a proxy handler, say), keep
     * {@code bootstrap().config().handler()} in the pipeline you set.
     */
    Bootstrap bootstrap();

    Duration connectTimeout();

    SocketOptions socketOptions();
}

package dev.warren.amqp.client.spi;

import dev.warren.amqp.client.SocketOptions;
import io.netty.bootstrap.Bootstrap;

import java.time.Duration;

/** What a {@link Dialer} gets to work with. */
public interface DialContext {

    /** The event loop the connection is confined to; the dialed channel must be registered with it. */
    io.netty.channel.EventLoop eventLoop();

    /** The transport in use. */
    Transport transport();

    /**
     * A bootstrap already set up as Warren would use it: event loop, channel type, socket options applied, connect
     * timeout, and an empty handler. Calling {@code connect(address)} on it is Warren's own dial.
     */
    Bootstrap bootstrap();

    Duration connectTimeout();

    SocketOptions socketOptions();
}

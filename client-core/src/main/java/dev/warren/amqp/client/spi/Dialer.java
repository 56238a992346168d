package dev.warren.amqp.client.spi;

import dev.warren.amqp.client.Address;
import io.netty.channel.Channel;

import java.util.concurrent.CompletionStage;

/**
 * Produces a connected Netty channel for an address, in any way its author likes: through a SOCKS or HTTP proxy,
 * over a pre-opened socket, with a hand-made {@link io.netty.bootstrap.Bootstrap}. Warren then adds TLS (when
 * configured) and the AMQP pipeline on top. The returned channel must be registered with
 * {@link DialContext#eventLoop()} and active. Called once per connection attempt, and again on each address of
 * the list.
 */
@FunctionalInterface
public interface Dialer {

    CompletionStage<Channel> dial(Address address, DialContext context);
}

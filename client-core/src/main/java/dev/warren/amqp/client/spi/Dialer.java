package dev.warren.amqp.client.spi;

import dev.warren.amqp.client.Address;
import io.netty.channel.Channel;

import java.util.concurrent.CompletionStage;

/**
 * Produces a connected Netty channel for an address, in any way its author likes: through a SOCKS or HTTP proxy
 * ({@code netty-handler-proxy}), over a pre-opened socket, with a hand-made {@link io.netty.bootstrap.Bootstrap}.
 * Warren then adds TLS (when configured) and the AMQP pipeline on top of whatever handlers the channel already has.
 * The returned channel must be registered with {@link DialContext#eventLoop()} and active, with any proxy
 * handshake done. Called once per connection attempt, and again for each address of the list; a failed stage
 * moves on to the next address, except for an {@link UnsupportedSocketOptionException}, which ends the connect.
 *
 * <pre>{@code
 * Dialer socks = (address, context) -> {
 *     Bootstrap bootstrap = context.bootstrap();
 *     ChannelHandler warren = bootstrap.config().handler();          // applies Warren's socket options
 *     bootstrap.resolver(NoopAddressResolverGroup.INSTANCE)          // the proxy resolves the broker's name
 *             .handler(new ChannelInitializer<>() {
 *                 protected void initChannel(Channel channel) {
 *                     channel.pipeline().addLast(new Socks5ProxyHandler(proxyAddress), warren);
 *                 }
 *             });
 *     CompletableFuture<Channel> dialed = new CompletableFuture<>();
 *     bootstrap.connect(InetSocketAddress.createUnresolved(address.host(), address.port()))
 *             .addListener((ChannelFuture f) -> { ... wait for Socks5ProxyHandler.connectFuture() ... });
 *     return dialed;
 * };
 * }</pre>
 */
@FunctionalInterface
public interface Dialer {

    CompletionStage<Channel> dial(Address address, DialContext context);
}

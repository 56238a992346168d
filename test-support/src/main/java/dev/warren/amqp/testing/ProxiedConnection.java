package dev.warren.amqp.testing;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelException;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.nio.NioSocketChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;

/**
 * One client connection through a {@link FaultProxy} and the connection the proxy opened to the target for it,
 * joined by two {@link Relay}s. When either side ends, the other is closed after the bytes still on their way
 * (held back by latency, say) have been written.
 *
 * <p>Confined to the proxy's event loop: every method is called on that thread only.
 */
final class ProxiedConnection {

    private static final Logger LOG = LoggerFactory.getLogger(ProxiedConnection.class);

    private final FaultProxy proxy;
    private final Channel client;
    private Channel target;
    private Relay toTarget;
    private Relay toClient;
    private boolean connected;
    private boolean closed;

    ProxiedConnection(FaultProxy proxy, Channel client) {
        this.proxy = proxy;
        this.client = client;
    }

    /** Starts connecting to the target; reading from the client starts once that connection is up. */
    void open(InetSocketAddress targetAddress) {
        client.pipeline().addLast(RelayHandler.NAME, new RelayHandler(this, true));
        ChannelFuture connecting = new Bootstrap()
                .group(client.eventLoop())
                .channel(NioSocketChannel.class)
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5000)
                .handler(new RelayHandler(this, false))
                .connect(targetAddress);
        target = connecting.channel();
        toTarget = new Relay(client, target, this);
        toClient = new Relay(target, client, this);
        connecting.addListener(done -> {
            if (!done.isSuccess()) {
                LOG.debug("Proxy could not connect {} to {}: {}", client.remoteAddress(), targetAddress,
                        done.cause().toString());
                close();
            } else if (!closed) {
                connected = true;
                updateReading();
            }
        });
    }

    void onRead(boolean fromClient, ByteBuf data) {
        if (closed) {
            data.release();
            return;
        }
        relayFrom(fromClient).onRead(data, proxy.latencyNanos(), proxy.blackholed());
    }

    void onReadComplete(boolean fromClient) {
        if (!closed) {
            relayFrom(fromClient).onReadComplete();
        }
    }

    void onEndOfStream(boolean fromClient) {
        if (!closed) {
            relayFrom(fromClient).onEndOfStream(proxy.latencyNanos());
        }
    }

    void onError(boolean fromClient, Throwable cause) {
        LOG.debug("Proxied connection {} failed on the {} side: {}", client.remoteAddress(),
                fromClient ? "client" : "target", cause.toString());
        close();
    }

    /** Reads from both sides as far as the proxy's mode and each side's capacity allow. */
    void updateReading() {
        if (closed || !connected) {
            return;
        }
        boolean blackholed = proxy.blackholed();
        toTarget.updateReading(blackholed);
        toClient.updateReading(blackholed);
    }

    /** Stops reading on both sides and drops what was read but not yet written; both sockets stay open. */
    void blackhole() {
        toTarget.discard();
        toClient.discard();
        client.config().setAutoRead(false);
        target.config().setAutoRead(false);
    }

    /** Closes both sides now, dropping anything not yet written. With {@code reset}, sends RST instead of FIN. */
    void close(boolean reset) {
        if (reset && !closed) {
            lingerZero(client);
            lingerZero(target);
        }
        close();
    }

    private static void lingerZero(Channel channel) {
        if (channel.isOpen()) {
            try {
                channel.config().setOption(ChannelOption.SO_LINGER, 0);
            } catch (ChannelException e) {
                // The socket went away meanwhile; closing it is all that is left to do.
            }
        }
    }

    void close() {
        if (closed) {
            return;
        }
        closed = true;
        toTarget.discard();
        toClient.discard();
        client.close();
        target.close();
        proxy.forget(this);
    }

    Channel client() {
        return client;
    }

    private Relay relayFrom(boolean fromClient) {
        return fromClient ? toTarget : toClient;
    }
}

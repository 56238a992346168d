package dev.warren.amqp.client.internal;

import dev.warren.amqp.client.Address;
import dev.warren.amqp.client.AmqpException;
import dev.warren.amqp.client.ClientResources;
import dev.warren.amqp.client.CloseInitiator;
import dev.warren.amqp.client.CloseReason;
import dev.warren.amqp.client.ConnectFailedException;
import dev.warren.amqp.client.Connection;
import dev.warren.amqp.client.ConnectionOptions;
import dev.warren.amqp.client.SocketOptions;
import dev.warren.amqp.client.TlsOptions;
import dev.warren.amqp.client.spi.DialContext;
import dev.warren.amqp.client.spi.Dialer;
import dev.warren.amqp.client.spi.Transport;
import dev.warren.amqp.client.spi.UnsupportedSocketOptionException;
import dev.warren.amqp.codec.frame.CommandAssembler;
import dev.warren.amqp.codec.frame.CommandEncoder;
import dev.warren.amqp.codec.frame.FrameDecoder;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.EventLoop;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * Dials a connection's addresses in order, then builds the AMQP pipeline on the first socket that connects. Host
 * names are resolved off the event loop. Only socket-level failures move on to the next address; a failed
 * handshake (wrong password, refused vhost, TLS error) ends the attempt, since another address would fail the
 * same way.
 */
public final class Connector {

    private static final Logger LOG = LoggerFactory.getLogger(Connector.class);

    private Connector() {
    }

    public static CompletableFuture<Connection> connect(ConnectionOptions options) {
        ClientResources resources = options.resources();
        boolean owns = false;
        try {
            if (resources == null) {
                resources = ClientResources.builder().transport(options.transport()).ioThreads(1)
                        .callbackThreads(2).build();
                owns = true;
            } else if (options.transport() != null && !resources.transport().name().equals(
                    Transports.select(options.transport()).name())) {
                throw new AmqpException("the options ask for transport " + options.transport()
                        + ", but the shared resources run " + resources.transport().name());
            }
            if (resources.isShutdown()) {
                throw new AmqpException("the ClientResources given have been shut down");
            }
        } catch (AmqpException e) {
            return CompletableFuture.failedFuture(e);
        }
        AmqpConnection connection = new AmqpConnection(options, resources, owns);
        connection.eventLoop.execute(() -> tryAddress(connection, 0, new ArrayList<>()));
        return connection.openFuture;
    }

    private static void tryAddress(AmqpConnection connection, int index, List<Throwable> failures) {
        List<Address> addresses = connection.options.addresses();
        if (index == addresses.size()) {
            String message = "could not connect to " + (addresses.size() == 1 ? "" : "any of ") + addresses + ": "
                    + String.join("; ", failures.stream().map(Throwable::getMessage).toList());
            ConnectFailedException error = new ConnectFailedException(message, failures);
            connection.failHandshake(error, new CloseReason(0, message, null, CloseInitiator.TRANSPORT, error));
            return;
        }
        Address address = addresses.get(index);
        CompletionStage<Channel> dialed;
        try {
            dialed = dial(connection, address);
        } catch (UnsupportedSocketOptionException | IllegalArgumentException | IllegalStateException e) {
            connection.failHandshake(e, new CloseReason(0, e.getMessage(), null, CloseInitiator.CLIENT, e));
            return;
        }
        dialed.whenComplete((channel, error) -> connection.execute(() -> {
            if (error != null) {
                Throwable cause = error instanceof CompletionException && error.getCause() != null
                        ? error.getCause() : error;
                if (cause instanceof UnsupportedSocketOptionException configError) {
                    connection.failHandshake(configError, new CloseReason(0, configError.getMessage(), null,
                            CloseInitiator.CLIENT, configError));
                    return;
                }
                failures.add(describe(address, cause, connection.options.connectTimeout()));
                LOG.debug("{} {}", connection.logPrefix(), failures.get(failures.size() - 1).getMessage());
                tryAddress(connection, index + 1, failures);
            } else {
                setUp(connection, channel, address);
            }
        }));
    }

    private static CompletionStage<Channel> dial(AmqpConnection connection, Address address) {
        SocketOptions socketOptions = connection.options.socketOptions();
        Transport transport = connection.transport;
        Duration connectTimeout = connection.options.connectTimeout();
        Bootstrap bootstrap = new Bootstrap()
                .group(connection.eventLoop)
                .channel(transport.socketChannelClass())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(connectTimeout.toMillis(),
                        Integer.MAX_VALUE))
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        transport.beforeConnect(channel, socketOptions);
                        if (socketOptions.channelInitializer() != null) {
                            socketOptions.channelInitializer().accept(channel);
                        }
                    }
                });
        transport.applyOptions(bootstrap, socketOptions);
        if (socketOptions.bootstrapHook() != null) {
            socketOptions.bootstrapHook().accept(bootstrap);
        }
        Dialer dialer = socketOptions.dialer();
        if (dialer != null) {
            return dialer.dial(address, new Context(connection.eventLoop, transport, bootstrap, connectTimeout,
                    socketOptions));
        }
        return resolve(connection, address).thenCompose(resolved -> {
            CompletableFuture<Channel> connected = new CompletableFuture<>();
            bootstrap.connect(resolved).addListener((io.netty.channel.ChannelFutureListener) f -> {
                if (f.isSuccess()) {
                    connected.complete(f.channel());
                } else {
                    connected.completeExceptionally(f.cause());
                }
            });
            return connected;
        });
    }

    /** Resolves the host off the event loop: the JDK's resolver blocks. IP literals need no lookup. */
    private static CompletableFuture<InetSocketAddress> resolve(AmqpConnection connection, Address address) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return new InetSocketAddress(InetAddress.getByName(address.host()), address.port());
            } catch (UnknownHostException e) {
                throw new CompletionException(e);
            }
        }, connection.callbackExecutor());
    }

    private static Throwable describe(Address address, Throwable cause, Duration connectTimeout) {
        String what;
        if (cause instanceof UnknownHostException) {
            what = "unknown host " + address.host();
        } else if (cause instanceof ConnectTimeoutException) {
            what = "connect timed out after " + connectTimeout.toMillis() + " ms";
        } else if (cause instanceof ConnectException && cause.getMessage() != null
                && cause.getMessage().toLowerCase().contains("refused")) {
            what = "connection refused";
        } else if (cause instanceof NoRouteToHostException) {
            what = "no route to host";
        } else {
            what = cause.toString();
        }
        AmqpException described = new AmqpException(address + ": " + what, cause);
        described.setStackTrace(new StackTraceElement[0]);
        return described;
    }

    private static void setUp(AmqpConnection connection, Channel channel, Address address) {
        if (channel.eventLoop() != connection.eventLoop) {
            channel.close();
            AmqpException error = new AmqpException("the dialer returned a channel registered with another event "
                    + "loop; register it with DialContext.eventLoop()");
            connection.failHandshake(error, new CloseReason(0, error.getMessage(), null, CloseInitiator.CLIENT,
                    error));
            return;
        }
        connection.onSocketConnected(channel);
        ChannelPipeline pipeline = channel.pipeline();
        TlsOptions tls = connection.options.tls();
        try {
            if (tls != null) {
                pipeline.addLast("tls", sslHandler(channel, tls, address));
            }
        } catch (AmqpException e) {
            channel.close();
            connection.failHandshake(e, new CloseReason(0, e.getMessage(), null, CloseInitiator.CLIENT, e));
            return;
        }
        pipeline.addLast(FrameDecoder.NAME, new FrameDecoder(connection.options.codecLimits()));
        pipeline.addLast(CommandAssembler.NAME, new CommandAssembler(connection.options.codecLimits()));
        pipeline.addLast(CommandEncoder.NAME, new CommandEncoder());
        pipeline.addLast("flush-consolidation", new FlushConsolidationHandler(256, true));
        pipeline.addLast(HandshakeHandler.NAME, new HandshakeHandler(connection, tls != null));
        pipeline.addLast(ConnectionHandler.NAME, new ConnectionHandler(connection));
        if (!channel.isActive()) {
            connection.onSocketClosed(null);
        }
    }

    private static SslHandler sslHandler(Channel channel, TlsOptions tls, Address address) {
        SslContext context = TlsContexts.build(tls);
        String peerHost = tls.serverNameIndication() != null ? tls.serverNameIndication() : address.host();
        SslHandler handler = context.newHandler(channel.alloc(), peerHost, address.port());
        SSLEngine engine = handler.engine();
        if (tls.verifyPeer() && tls.verifyHostname()) {
            SSLParameters parameters = engine.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            engine.setSSLParameters(parameters);
        }
        return handler;
    }

    private record Context(EventLoop eventLoop, Transport transport, Bootstrap bootstrap, Duration connectTimeout,
                           SocketOptions socketOptions) implements DialContext {
    }
}

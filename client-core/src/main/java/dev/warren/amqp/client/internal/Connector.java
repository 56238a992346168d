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
import io.netty.channel.ChannelFutureListener;
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
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;

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

    /**
     * One connection attempt to {@code address}: Warren's own connect to the resolved address, or the user's
     * {@link Dialer}. Socket options are applied on the channel's event loop before it binds or connects; an option
     * that cannot be applied fails the stage with an {@link UnsupportedSocketOptionException}, whichever step finds
     * out (the initializer's error wins over the closed-channel error the connect then sees).
     */
    private static CompletionStage<Channel> dial(AmqpConnection connection, Address address) {
        Dialer dialer = connection.options.socketOptions().dialer();
        if (dialer != null) {
            Attempt attempt = new Attempt(connection, null);
            CompletionStage<Channel> dialed;
            try {
                dialed = dialer.dial(address, attempt.context());
            } catch (RuntimeException e) {
                return attempt.finish(CompletableFuture.failedFuture(e));
            }
            if (dialed == null) {
                return attempt.finish(CompletableFuture.failedFuture(
                        new IllegalStateException("the dialer returned null instead of a CompletionStage")));
            }
            return attempt.finish(dialed);
        }
        return resolve(connection, address).thenCompose(remote -> {
            Attempt attempt = new Attempt(connection, remote);
            return attempt.finish(attempt.connect(remote));
        });
    }

    /** The bootstrap of one attempt, and the first socket-option error its initializer ran into. */
    private static final class Attempt {
        private final Transport transport;
        private final SocketOptions socketOptions;
        private final Bootstrap bootstrap;
        private final Context context;
        private final AtomicReference<RuntimeException> initError = new AtomicReference<>();

        Attempt(AmqpConnection connection, InetSocketAddress remote) {
            transport = connection.transport;
            socketOptions = connection.options.socketOptions();
            Duration connectTimeout = connection.options.connectTimeout();
            bootstrap = new Bootstrap()
                    .group(connection.eventLoop)
                    .channelFactory(transport.channelFactory(remote))
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(connectTimeout.toMillis(),
                            Integer.MAX_VALUE))
                    .handler(new ChannelInitializer<>() {
                        @Override
                        protected void initChannel(Channel channel) {
                            try {
                                transport.beforeConnect(channel, socketOptions);
                                if (socketOptions.channelInitializer() != null) {
                                    socketOptions.channelInitializer().accept(channel);
                                }
                            } catch (RuntimeException e) {
                                // Netty would only log it and close the channel; the connect then fails with a
                                // ClosedChannelException, and finish() reports this error instead.
                                initError.compareAndSet(null, e);
                                channel.close();
                            }
                        }
                    });
            transport.applyOptions(bootstrap, socketOptions);
            if (socketOptions.bootstrapHook() != null) {
                socketOptions.bootstrapHook().accept(bootstrap);
            }
            context = new Context(connection.eventLoop, transport, bootstrap, connectTimeout, socketOptions);
        }

        Context context() {
            return context;
        }

        CompletableFuture<Channel> connect(InetSocketAddress remote) {
            CompletableFuture<Channel> connected = new CompletableFuture<>();
            bootstrap.connect(remote).addListener((ChannelFutureListener) f -> {
                if (f.isSuccess()) {
                    connected.complete(f.channel());
                } else {
                    connected.completeExceptionally(f.cause());
                }
            });
            return connected;
        }

        /** Prefers the initializer's error, and checks what can only be checked once connected. */
        CompletableFuture<Channel> finish(CompletionStage<Channel> dialed) {
            CompletableFuture<Channel> result = new CompletableFuture<>();
            dialed.whenComplete((channel, error) -> {
                RuntimeException optionError = initError.get();
                if (optionError != null) {
                    if (channel != null) {
                        channel.close();
                    }
                    result.completeExceptionally(optionError);
                } else if (error != null) {
                    result.completeExceptionally(error instanceof CompletionException && error.getCause() != null
                            ? error.getCause() : error);
                } else if (channel == null) {
                    result.completeExceptionally(new IllegalStateException("the dialer completed without a channel"));
                } else {
                    try {
                        transport.afterConnect(channel, socketOptions);
                        result.complete(channel);
                    } catch (RuntimeException e) {
                        channel.close();
                        result.completeExceptionally(e);
                    }
                }
            });
            return result;
        }
    }

    /** Resolves the host off the event loop: the JDK's resolver blocks. IP literals need no lookup. */
    private static CompletableFuture<InetSocketAddress> resolve(AmqpConnection connection, Address address) {
        if (isIpLiteral(address.host())) {
            try {
                return CompletableFuture.completedFuture(
                        new InetSocketAddress(InetAddress.getByName(address.host()), address.port()));
            } catch (UnknownHostException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
        return CompletableFuture.supplyAsync(() -> {
            try {
                return new InetSocketAddress(InetAddress.getByName(address.host()), address.port());
            } catch (UnknownHostException e) {
                throw new CompletionException(e);
            }
        }, connection.callbackExecutor());
    }

    private static boolean isIpLiteral(String host) {
        if (host.indexOf(':') >= 0) {
            return true; // IPv6 literals are the only hosts with a colon
        }
        int dots = 0;
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c == '.') {
                dots++;
            } else if (c < '0' || c > '9') {
                return false;
            }
        }
        return dots == 3;
    }

    private static Throwable describe(Address address, Throwable cause, Duration connectTimeout) {
        String what;
        String message = cause.getMessage() == null ? "" : cause.getMessage().toLowerCase(Locale.ROOT);
        if (cause instanceof UnknownHostException) {
            what = "unknown host " + address.host();
        } else if (cause instanceof ConnectTimeoutException) {
            what = "connect timed out after " + connectTimeout.toMillis() + " ms";
        } else if (message.contains("address already in use")) {
            what = "the local address is already in use (" + cause.getMessage() + "); sockets that share a local "
                    + "address and port all need reusePort (or reuseAddress)";
        } else if (cause instanceof ConnectException && message.contains("refused")) {
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

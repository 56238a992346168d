package dev.warren.amqp.epoll;

import dev.warren.amqp.client.Address;
import dev.warren.amqp.client.AmqpClient;
import dev.warren.amqp.client.Channel;
import dev.warren.amqp.client.ClientResources;
import dev.warren.amqp.client.Connection;
import dev.warren.amqp.client.ConnectionOptions;
import dev.warren.amqp.client.SocketOptions;
import dev.warren.amqp.client.SocketReadback;
import dev.warren.amqp.client.spi.DialContext;
import dev.warren.amqp.client.spi.Dialer;
import dev.warren.amqp.client.spi.UnsupportedSocketOptionException;
import dev.warren.amqp.testing.RequiresBroker;
import dev.warren.amqp.testing.TestBroker;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.proxy.Socks5ProxyHandler;
import io.netty.resolver.NoopAddressResolverGroup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The outer layers of the dial: a custom dialer that reaches the broker through a SOCKS5 proxy (Netty's
 * {@code Socks5ProxyHandler}) with Warren's socket options, TLS and AMQP pipeline on top; the bootstrap hook; and the
 * channel-initializer hook, whose handlers sit under Warren's.
 */
@RequiresBroker
class DialerEpollIT {

    private static final TestBroker BROKER = TestBroker.get();
    private static final Map<String, ClientResources> RESOURCES = new LinkedHashMap<>();
    private static Socks5Server proxy;

    @BeforeAll
    static void start() {
        proxy = Socks5Server.start();
        for (String transport : new String[] {"epoll", "io_uring", "nio"}) {
            RESOURCES.put(transport, ClientResources.builder().transport(transport).ioThreads(1).callbackThreads(1)
                    .build());
        }
    }

    @AfterAll
    static void stop() {
        RESOURCES.values().forEach(ClientResources::close);
        if (proxy != null) {
            proxy.close();
        }
    }

    /** A dialer as a user would write it: SOCKS5 to the proxy, which resolves and connects to the broker. */
    static Dialer socks5(InetSocketAddress proxyAddress, List<DialContext> contexts) {
        return (Address address, DialContext context) -> {
            contexts.add(context);
            Bootstrap bootstrap = context.bootstrap();
            ChannelHandler warren = bootstrap.config().handler(); // sets Warren's socket options on the channel
            bootstrap.resolver(NoopAddressResolverGroup.INSTANCE)
                    .handler(new ChannelInitializer<io.netty.channel.Channel>() {
                        @Override
                        protected void initChannel(io.netty.channel.Channel channel) {
                            channel.pipeline().addLast(new Socks5ProxyHandler(proxyAddress), warren);
                        }
                    });
            CompletableFuture<io.netty.channel.Channel> dialed = new CompletableFuture<>();
            bootstrap.connect(InetSocketAddress.createUnresolved(address.host(), address.port()))
                    .addListener((ChannelFuture connect) -> {
                        if (!connect.isSuccess()) {
                            dialed.completeExceptionally(connect.cause());
                            return;
                        }
                        connect.channel().pipeline().get(Socks5ProxyHandler.class).connectFuture()
                                .addListener(handshake -> {
                                    if (handshake.isSuccess()) {
                                        dialed.complete(connect.channel());
                                    } else {
                                        connect.channel().close();
                                        dialed.completeExceptionally(handshake.cause());
                                    }
                                });
                    });
            return (CompletionStage<io.netty.channel.Channel>) dialed;
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "io_uring", "nio"})
    void aCustomDialerThroughSocks5CompletesTheHandshakeWithWarrensOptionsOnTheSocket(String transport) {
        List<DialContext> contexts = new CopyOnWriteArrayList<>();
        int before = proxy.connectRequests().size();
        SocketOptions socketOptions = SocketOptions.builder()
                .keepAlive(Duration.ofSeconds(33), Duration.ofSeconds(7), 5)
                .dialer(socks5(proxy.address(), contexts))
                .build();
        try (Connection connection = Await.result(AmqpClient.connect(ConnectionOptions.fromUri(BROKER.uri())
                .toBuilder().connectionName("DialerEpollIT-" + transport).resources(RESOURCES.get(transport))
                .socketOptions(socketOptions).build()))) {
            Channel channel = Await.result(connection.openChannel());
            assertThat(Await.result(channel.queueDeclare()).queue()).startsWith("amq.gen-");
            assertThat(proxy.connectRequests().subList(before, proxy.connectRequests().size()))
                    .containsExactly(BROKER.host() + ":" + BROKER.port());
            assertThat(contexts).hasSize(1);
            assertThat(contexts.get(0).transport().name()).isEqualTo(transport);
            assertThat(contexts.get(0).socketOptions()).isSameAs(socketOptions);
            SocketReadback socket = connection.socket();
            assertThat(socket.transport()).isEqualTo(transport);
            assertThat(((InetSocketAddress) socket.remoteAddress()).getPort()).isEqualTo(proxy.address().getPort());
            assertThat(socket.options()).containsEntry("SO_KEEPALIVE", true).containsEntry("TCP_KEEPIDLE", 33)
                    .containsEntry("TCP_KEEPINTVL", 7).containsEntry("TCP_KEEPCNT", 5);
            if (SockProbe.unavailableBecause() == null) {
                int localPort = ((InetSocketAddress) socket.localAddress()).getPort();
                assertThat(SockProbe.getsockopt(localPort, proxy.address().getPort(), "1:9", "6:4", "6:5", "6:6"))
                        .containsEntry("1:9", "1").containsEntry("6:4", "33").containsEntry("6:5", "7")
                        .containsEntry("6:6", "5");
            }
        }
    }

    @Test
    void onNioADualStackSocketToAnIpv4PeerRefusesATrafficClassItCouldNotApply() {
        // A dialer's peer is unknown when the channel is made, so NIO opens a dual-stack socket, where the JDK
        // sets only IPV6_TCLASS: IPv4 packets would go out without the traffic class, so the connect fails.
        Throwable failure = Await.failure(AmqpClient.connect(ConnectionOptions.fromUri(BROKER.uri()).toBuilder()
                .resources(RESOURCES.get("nio"))
                .socketOptions(SocketOptions.builder().trafficClass(0xb8)
                        .dialer(socks5(proxy.address(), new CopyOnWriteArrayList<>())).build())
                .build()));
        assertThat(failure).isInstanceOf(UnsupportedSocketOptionException.class)
                .hasMessageContaining("IP_TOS").hasMessageContaining("nio transport").hasMessageContaining("dual-stack");
    }

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "io_uring", "nio"})
    void theBootstrapHookAndTheChannelInitializerSeeEveryAttemptAndSitUnderWarren(String transport) {
        AtomicInteger bootstraps = new AtomicInteger();
        AtomicLong bytesSeenUnderWarren = new AtomicLong();
        SocketOptions socketOptions = SocketOptions.builder()
                .bootstrap(bootstrap -> {
                    bootstraps.incrementAndGet();
                    assertThat(bootstrap.config().group()).isNotNull();
                })
                .channelInitializer(channel -> channel.pipeline().addLast("byte-counter",
                        new ChannelInboundHandlerAdapter() {
                            @Override
                            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                if (msg instanceof ByteBuf buf) {
                                    bytesSeenUnderWarren.addAndGet(buf.readableBytes());
                                }
                                ctx.fireChannelRead(msg);
                            }
                        }))
                .build();
        // The first address refuses connections: each attempt gets a bootstrap of its own.
        ConnectionOptions options = ConnectionOptions.fromUri(BROKER.uri()).toBuilder()
                .addresses(List.of(new Address("127.0.0.1", 1), new Address(BROKER.host(), BROKER.port())))
                .resources(RESOURCES.get(transport)).socketOptions(socketOptions).build();
        try (Connection connection = Await.result(AmqpClient.connect(options))) {
            Await.result(connection.openChannel());
            assertThat(bootstraps).hasValue(2);
            assertThat(bytesSeenUnderWarren.get()).as("bytes read by the user's handler").isGreaterThan(100);
        }
    }
}

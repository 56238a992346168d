package dev.warren.amqp.client;

import dev.warren.amqp.client.spi.DialContext;
import dev.warren.amqp.client.spi.Dialer;
import dev.warren.amqp.client.spi.UnsupportedSocketOptionException;
import dev.warren.amqp.testing.RequiresBroker;
import dev.warren.amqp.testing.TestBroker;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dial on the NIO transport, with only client-core on the class path: NIO is the default, the native transports
 * are unknown, a custom dialer is called once per address, and a socket-option error ends the connect at once.
 */
@RequiresBroker
class DialIT {

    private final TestBroker broker = TestBroker.get();

    private ConnectionOptions.Builder options() {
        return ConnectionOptions.fromUri(broker.uri()).toBuilder().connectionName("DialIT");
    }

    @Test
    void withoutClientEpollNioIsTheDefaultAndEpollIsUnknown() {
        try (Connection connection = Await.result(AmqpClient.connect(options().build()))) {
            assertThat(connection.socket().transport()).isEqualTo("nio");
            assertThat(connection.socket().options()).containsEntry("TCP_NODELAY", true);
        }
        AmqpException failure = Await.failure(AmqpClient.connect(options().transport("epoll").build()),
                AmqpException.class);
        assertThat(failure).hasMessageContaining("unknown transport 'epoll'")
                .hasMessageContaining("add dev.warren:warren-client-epoll");
    }

    @Test
    void aDialerIsCalledForEachAddressAndItsChannelGetsTheAmqpPipeline() {
        List<String> dialed = new CopyOnWriteArrayList<>();
        Dialer dialer = (address, context) -> {
            dialed.add(address.host() + ":" + address.port());
            if (address.port() == 1) {
                return CompletableFuture.failedFuture(new java.net.ConnectException("refused by the test dialer"));
            }
            CompletableFuture<io.netty.channel.Channel> result = new CompletableFuture<>();
            context.bootstrap().connect(new InetSocketAddress(address.host(), address.port()))
                    .addListener((ChannelFuture f) -> {
                        if (f.isSuccess()) {
                            result.complete(f.channel());
                        } else {
                            result.completeExceptionally(f.cause());
                        }
                    });
            return result;
        };
        ConnectionOptions connectionOptions = options()
                .addresses(List.of(new Address("127.0.0.1", 1), new Address(broker.host(), broker.port())))
                .socketOptions(SocketOptions.builder().keepAlive(true).dialer(dialer).build())
                .build();
        try (Connection connection = Await.result(AmqpClient.connect(connectionOptions))) {
            assertThat(dialed).containsExactly("127.0.0.1:1", broker.host() + ":" + broker.port());
            assertThat(connection.socket().options()).containsEntry("SO_KEEPALIVE", true);
            Channel channel = Await.result(connection.openChannel());
            assertThat(Await.result(channel.queueDeclare()).queue()).startsWith("amq.gen-");
        }
    }

    @Test
    void aDialerThatThrowsOrReturnsNothingFailsTheConnectWithWhy() {
        Dialer throwing = (address, context) -> {
            throw new IllegalStateException("dialer exploded");
        };
        ConnectFailedException thrown = Await.failure(AmqpClient.connect(options()
                .socketOptions(SocketOptions.builder().dialer(throwing).build()).build()), ConnectFailedException.class);
        assertThat(thrown).hasMessageContaining("dialer exploded");
        Dialer returningNull = (address, context) -> null;
        ConnectFailedException nothing = Await.failure(AmqpClient.connect(options()
                .socketOptions(SocketOptions.builder().dialer(returningNull).build()).build()),
                ConnectFailedException.class);
        assertThat(nothing).hasMessageContaining("returned null");
    }

    @Test
    void anOptionNioWouldIgnoreFailsTheConnectAtOnceWithoutTryingTheNextAddress() {
        AtomicInteger attempts = new AtomicInteger();
        ConnectionOptions connectionOptions = options()
                .addresses(List.of(new Address(broker.host(), broker.port()), new Address(broker.host(), broker.port())))
                .socketOptions(SocketOptions.builder()
                        .channelOption(ChannelOption.TCP_FASTOPEN_CONNECT, true) // NIO takes it and does nothing
                        .bootstrap(bootstrap -> attempts.incrementAndGet())
                        .build())
                .build();
        UnsupportedSocketOptionException failure = Await.failure(AmqpClient.connect(connectionOptions),
                UnsupportedSocketOptionException.class);
        assertThat(failure).hasMessageContaining("TCP_FASTOPEN_CONNECT").hasMessageContaining("nio transport");
        assertThat(failure.option()).isEqualTo("TCP_FASTOPEN_CONNECT");
        assertThat(failure.transport()).isEqualTo("nio");
        assertThat(attempts).hasValue(1);
    }

    @Test
    void theContextHandsTheDialerWarrensSetUp() {
        List<DialContext> contexts = new CopyOnWriteArrayList<>();
        Dialer dialer = (address, context) -> {
            contexts.add(context);
            CompletableFuture<io.netty.channel.Channel> result = new CompletableFuture<>();
            context.bootstrap().connect(new InetSocketAddress(address.host(), address.port()))
                    .addListener((ChannelFuture f) -> result.complete(f.channel()));
            return result;
        };
        SocketOptions socketOptions = SocketOptions.builder().dialer(dialer).build();
        try (Connection connection = Await.result(AmqpClient.connect(options().connectTimeout(Duration.ofSeconds(7))
                .socketOptions(socketOptions).build()))) {
            DialContext context = contexts.get(0);
            assertThat(context.transport().name()).isEqualTo("nio");
            assertThat(context.connectTimeout()).isEqualTo(Duration.ofSeconds(7));
            assertThat(context.socketOptions()).isSameAs(socketOptions);
            assertThat(context.bootstrap().config().options()).containsEntry(ChannelOption.CONNECT_TIMEOUT_MILLIS,
                    7000);
            assertThat(context.bootstrap().config().group()).isSameAs(context.eventLoop());
            assertThat(connection.isOpen()).isTrue();
        }
    }
}

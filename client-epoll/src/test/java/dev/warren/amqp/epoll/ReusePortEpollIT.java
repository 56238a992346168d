package dev.warren.amqp.epoll;

import dev.warren.amqp.client.AmqpClient;
import dev.warren.amqp.client.Channel;
import dev.warren.amqp.client.ClientResources;
import dev.warren.amqp.client.ConnectFailedException;
import dev.warren.amqp.client.Connection;
import dev.warren.amqp.client.ConnectionOptions;
import dev.warren.amqp.client.SocketOptions;
import dev.warren.amqp.testing.RequiresBroker;
import dev.warren.amqp.testing.TestBroker;
import io.netty.channel.epoll.EpollChannelOption;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The founding scenario: two AMQP connections bound to the same local address and port with SO_REUSEPORT, to two
 * different broker addresses, both complete the handshake; without SO_REUSEPORT the second fails with "address in
 * use". The second broker address is 127.0.0.2, through a relay: the shared broker listens on 127.0.0.1 only, and two
 * sockets with the same local address and port need different peers.
 */
@RequiresBroker
class ReusePortEpollIT {

    private static final TestBroker BROKER = TestBroker.get();
    private static final Map<String, ClientResources> RESOURCES = new LinkedHashMap<>();
    private static TcpRelay secondAddress;

    @BeforeAll
    static void start() {
        secondAddress = TcpRelay.start("127.0.0.2", BROKER.host(), BROKER.port());
        for (String transport : new String[] {"epoll", "io_uring", "nio"}) {
            RESOURCES.put(transport, ClientResources.builder().transport(transport).ioThreads(1).callbackThreads(1)
                    .build());
        }
    }

    @AfterAll
    static void stop() {
        RESOURCES.values().forEach(ClientResources::close);
        if (secondAddress != null) {
            secondAddress.close();
        }
    }

    /** A port on 127.0.0.1 that nothing is bound to right now. */
    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ConnectionOptions options(String transport, String host, int port, SocketOptions socket) {
        return ConnectionOptions.fromUri(BROKER.uri()).toBuilder()
                .address(host, port)
                .connectionName("ReusePortEpollIT-" + transport)
                .resources(RESOURCES.get(transport))
                .socketOptions(socket)
                .build();
    }

    @ParameterizedTest(name = "{0}, SO_REUSEPORT set as {1}")
    @CsvSource({"epoll, typed", "epoll, EpollChannelOption", "io_uring, typed", "io_uring, EpollChannelOption",
            "nio, typed", "nio, EpollChannelOption"})
    void twoConnectionsShareOneLocalAddressAndPort(String transport, String how) {
        InetSocketAddress local = new InetSocketAddress("127.0.0.1", freePort());
        SocketOptions.Builder socket = SocketOptions.builder().localAddress(local);
        if (how.equals("typed")) {
            socket.reusePort(true);
        } else {
            socket.channelOption(EpollChannelOption.SO_REUSEPORT, true);
        }
        try (Connection first = Await.result(AmqpClient.connect(options(transport, BROKER.host(), BROKER.port(),
                socket.build())));
             Connection second = Await.result(AmqpClient.connect(options(transport, secondAddress.host(),
                     secondAddress.port(), socket.build())))) {
            for (Connection connection : new Connection[] {first, second}) {
                assertThat(connection.socket().localAddress()).isEqualTo(local);
                assertThat(connection.socket().option("SO_REUSEPORT")).contains(true);
                Channel channel = Await.result(connection.openChannel());
                assertThat(Await.result(channel.queueDeclare()).queue()).startsWith("amq.gen-");
            }
            assertThat(((InetSocketAddress) second.socket().remoteAddress()).getHostString()).isEqualTo("127.0.0.2");
            // The kernel's own view: two established sockets on the same local port, each with SO_REUSEPORT.
            String ss = SockProbe.run(java.util.List.of("ss", "-H", "-tn", "state", "established",
                    "( sport = :" + local.getPort() + " )")).output();
            assertThat(ss.lines().filter(line -> !line.isBlank())).as(ss).hasSize(2);
            if (SockProbe.unavailableBecause() == null) {
                assertThat(SockProbe.getsockopt(local.getPort(), BROKER.port(), "1:15")).containsEntry("1:15", "1");
                assertThat(SockProbe.getsockopt(local.getPort(), secondAddress.port(), "1:15"))
                        .containsEntry("1:15", "1");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "io_uring", "nio"})
    void withoutReusePortTheSecondConnectionFailsWithAddressInUse(String transport) {
        InetSocketAddress local = new InetSocketAddress("127.0.0.1", freePort());
        SocketOptions socket = SocketOptions.builder().localAddress(local).build();
        try (Connection first = Await.result(AmqpClient.connect(options(transport, BROKER.host(), BROKER.port(),
                socket)))) {
            assertThat(first.socket().localAddress()).isEqualTo(local);
            Throwable failure = Await.failure(AmqpClient.connect(options(transport, secondAddress.host(),
                    secondAddress.port(), socket)));
            assertThat(failure).isInstanceOf(ConnectFailedException.class)
                    .hasMessageContaining("already in use").hasMessageContaining("reusePort");
        }
    }
}

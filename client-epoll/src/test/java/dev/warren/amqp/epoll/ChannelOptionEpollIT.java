package dev.warren.amqp.epoll;

import dev.warren.amqp.client.AmqpClient;
import dev.warren.amqp.client.ClientResources;
import dev.warren.amqp.client.Connection;
import dev.warren.amqp.client.ConnectionOptions;
import dev.warren.amqp.client.SocketOptions;
import dev.warren.amqp.client.SocketReadback;
import dev.warren.amqp.client.spi.UnsupportedSocketOptionException;
import dev.warren.amqp.testing.RequiresBroker;
import dev.warren.amqp.testing.TestBroker;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.socket.nio.NioChannelOption;
import io.netty.channel.unix.IntegerUnixChannelOption;
import io.netty.channel.uring.IoUringChannelOption;
import jdk.net.ExtendedSocketOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Netty channel options passed through {@code channelOption(ChannelOption, value)} with their meaning unchanged,
 * including those Netty 4.2 takes and then ignores with only a log warning: {@code EpollChannelOption.SO_REUSEPORT}
 * on a client socket, every {@code EpollChannelOption} on an io_uring channel (and {@code IoUringChannelOption}s on
 * epoll), the JDK's options on a native channel. Each must be on the socket, checked with getsockopt from another
 * process; an option with no way onto the socket fails the connect naming option and transport.
 */
@RequiresBroker
class ChannelOptionEpollIT {

    private static final TestBroker BROKER = TestBroker.get();
    private static final Map<String, ClientResources> RESOURCES = new LinkedHashMap<>();

    @BeforeAll
    static void start() {
        for (String transport : new String[] {"epoll", "io_uring", "nio"}) {
            RESOURCES.put(transport, ClientResources.builder().transport(transport).ioThreads(1).callbackThreads(1)
                    .build());
        }
    }

    @AfterAll
    static void stop() {
        RESOURCES.values().forEach(ClientResources::close);
    }

    private static java.util.concurrent.CompletableFuture<Connection> connect(String transport,
                                                                           SocketOptions socketOptions) {
        return AmqpClient.connect(ConnectionOptions.fromUri(BROKER.uri()).toBuilder()
                .connectionName("ChannelOptionEpollIT-" + transport)
                .resources(RESOURCES.get(transport))
                .socketOptions(socketOptions)
                .build());
    }

    /** The same options as EpollChannelOption, IoUringChannelOption and the JDK's, all on one socket. */
    @ParameterizedTest
    @ValueSource(strings = {"epoll", "io_uring"})
    void everyNativeTransportsOptionsReachTheSocketOnEitherNativeTransport(String transport) {
        SocketOptions options = SocketOptions.builder()
                .localAddress(new InetSocketAddress("127.0.0.1", 0))
                .channelOption(EpollChannelOption.SO_REUSEPORT, true)
                .channelOption(EpollChannelOption.TCP_USER_TIMEOUT, 3210)
                .channelOption(EpollChannelOption.TCP_KEEPIDLE, 55)
                .channelOption(EpollChannelOption.TCP_NOTSENT_LOWAT, 8192L)
                .channelOption(EpollChannelOption.SO_BUSY_POLL, 25)
                .channelOption(EpollChannelOption.IP_FREEBIND, true)
                .channelOption(EpollChannelOption.IP_BIND_ADDRESS_NO_PORT, true)
                .channelOption(IoUringChannelOption.TCP_KEEPINTVL, 11)
                .channelOption(IoUringChannelOption.TCP_KEEPCNT, 3)
                .channelOption(NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPIDLE), 55)
                .channelOption(ChannelOption.SO_KEEPALIVE, true)
                .channelOption(ChannelOption.TCP_FASTOPEN_CONNECT, true)
                .channelOption(ChannelOption.IP_TOS, 0x28)
                .channelOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(10_000, 20_000))
                .build();
        try (Connection connection = Await.result(connect(transport, options))) {
            SocketReadback socket = connection.socket();
            assertThat(socket.options()).containsEntry("SO_REUSEPORT", true)
                    .containsEntry("TCP_USER_TIMEOUT", 3210)
                    .containsEntry("TCP_KEEPIDLE", 55)
                    .containsEntry("TCP_NOTSENT_LOWAT", 8192)
                    .containsEntry("SO_BUSY_POLL", 25)
                    .containsEntry("IP_FREEBIND", true)
                    .containsEntry("IP_BIND_ADDRESS_NO_PORT", true)
                    .containsEntry("TCP_KEEPINTVL", 11)
                    .containsEntry("TCP_KEEPCNT", 3)
                    .containsEntry("SO_KEEPALIVE", true)
                    .containsEntry("TCP_FASTOPEN_CONNECT", true)
                    .containsEntry("IP_TOS", 0x28)
                    .containsEntry("IPV6_TCLASS", 0x28);
            // A Netty-only setting is read from the channel's configuration (WriteBufferWaterMark has no equals).
            WriteBufferWaterMark mark = (WriteBufferWaterMark) socket.option("WRITE_BUFFER_WATER_MARK").orElseThrow();
            assertThat(mark.low()).isEqualTo(10_000);
            assertThat(mark.high()).isEqualTo(20_000);
            String why = SockProbe.unavailableBecause();
            if (why != null) {
                System.out.println("[SKIPPED] independent check of channel options: " + why);
                return;
            }
            int localPort = ((InetSocketAddress) socket.localAddress()).getPort();
            Map<String, String> kernel = SockProbe.getsockopt(localPort, BROKER.port(),
                    "1:15", "6:18", "6:4", "6:25", "1:46", "0:15", "0:24", "6:5", "6:6", "1:9", "6:30", "0:1", "41:67");
            assertThat(kernel).containsEntry("1:15", "1").containsEntry("6:18", "3210").containsEntry("6:4", "55")
                    .containsEntry("6:25", "8192").containsEntry("1:46", "25").containsEntry("0:15", "1")
                    .containsEntry("0:24", "1").containsEntry("6:5", "11").containsEntry("6:6", "3")
                    .containsEntry("1:9", "1").containsEntry("6:30", "1").containsEntry("0:1", "40")
                    .containsEntry("41:67", "40");
        }
    }

    @Test
    void nioTranslatesWhatTheJdkCanSetAndRefusesTheRest() {
        try (Connection connection = Await.result(connect("nio", SocketOptions.builder()
                .localAddress(new InetSocketAddress("127.0.0.1", 0))
                .channelOption(EpollChannelOption.SO_REUSEPORT, true)
                .channelOption(EpollChannelOption.TCP_KEEPIDLE, 44)
                .channelOption(ChannelOption.SO_KEEPALIVE, true)
                .build()))) {
            SocketReadback socket = connection.socket();
            assertThat(socket.options()).containsEntry("SO_REUSEPORT", true).containsEntry("TCP_KEEPIDLE", 44);
            if (SockProbe.unavailableBecause() == null) {
                int localPort = ((InetSocketAddress) socket.localAddress()).getPort();
                assertThat(SockProbe.getsockopt(localPort, BROKER.port(), "1:15", "6:4"))
                        .containsEntry("1:15", "1").containsEntry("6:4", "44");
            }
        }
        assertRefused("nio", EpollChannelOption.TCP_USER_TIMEOUT, 1000, "TCP_USER_TIMEOUT");
        // Netty's NIO channel takes TCP_FASTOPEN_CONNECT and does nothing with it.
        assertRefused("nio", ChannelOption.TCP_FASTOPEN_CONNECT, true, "TCP_FASTOPEN_CONNECT");
        assertRefused("nio", new IntegerUnixChannelOption("SO_MARK", 1, 36), 7, "SO_MARK");
    }

    @Test
    void anOptionWithNoWayOntoTheSocketFailsTheConnectNamingOptionAndTransport() {
        // TCP MD5 signatures need one struct per peer, which Netty's epoll channel builds and io_uring's does not.
        assertRefused("io_uring", EpollChannelOption.TCP_MD5SIG,
                Map.of(java.net.InetAddress.getLoopbackAddress(), new byte[] {1, 2, 3}), "TCP_MD5SIG");
        assertRefused("epoll", IoUringChannelOption.IO_URING_BUFFER_GROUP_ID, (short) 1, "IO_URING_BUFFER_GROUP_ID");
        // And one the kernel itself refuses: TCP_KEEPCNT must be 1..127.
        assertRefused("io_uring", EpollChannelOption.TCP_KEEPCNT, 1000, "TCP_KEEPCNT");
    }

    private static <T> void assertRefused(String transport, ChannelOption<T> option, T value, String name) {
        Throwable failure = Await.failure(connect(transport, SocketOptions.builder().channelOption(option, value)
                .build()));
        assertThat(failure).isInstanceOf(UnsupportedSocketOptionException.class)
                .hasMessageContaining(name).hasMessageContaining(transport + " transport");
        assertThat(((UnsupportedSocketOptionException) failure).option()).startsWith(name);
    }
}

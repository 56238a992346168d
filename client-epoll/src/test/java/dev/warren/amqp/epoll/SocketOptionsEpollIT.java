package dev.warren.amqp.epoll;

import dev.warren.amqp.client.AmqpClient;
import dev.warren.amqp.client.ClientResources;
import dev.warren.amqp.client.Connection;
import dev.warren.amqp.client.ConnectionOptions;
import dev.warren.amqp.client.SocketOptions;
import dev.warren.amqp.client.SocketReadback;
import dev.warren.amqp.client.TcpInfo;
import dev.warren.amqp.client.spi.UnsupportedSocketOptionException;
import dev.warren.amqp.testing.RequiresBroker;
import dev.warren.amqp.testing.TestBroker;
import io.netty.channel.ChannelOption;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.socket.nio.NioChannelOption;
import io.netty.channel.uring.IoUringChannelOption;
import jdk.net.ExtendedSocketOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.warren.amqp.epoll.LinuxSocketOptions.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every typed socket option, on every transport where it exists: set, connect to the broker, and check what the
 * kernel holds for that socket, through {@code connection.socket()} and through another process (sockprobe and ss).
 * Values are chosen away from the kernel's and Netty's defaults, so that an option that was not applied shows.
 */
@RequiresBroker
class SocketOptionsEpollIT {

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

    static boolean isNative(String transport) {
        return !transport.equals("nio");
    }

    /** A congestion-control algorithm this kernel has that is not its default, so that setting it shows. */
    static String otherCongestionControl() throws Exception {
        String current = Files.readString(Path.of("/proc/sys/net/ipv4/tcp_congestion_control")).trim();
        return Arrays.stream(Files.readString(Path.of("/proc/sys/net/ipv4/tcp_available_congestion_control"))
                .trim().split("\\s+")).filter(name -> !name.equals(current)).findFirst().orElseThrow();
    }

    static SocketOptions everything(String transport) throws Exception {
        SocketOptions.Builder options = SocketOptions.builder()
                .tcpNoDelay(false) // Warren's and Netty's default is true
                .keepAlive(Duration.ofSeconds(77), Duration.ofSeconds(13), 4)
                .sendBufferSize(150_000)
                .receiveBufferSize(100_000)
                .trafficClass(0xb8) // DSCP EF
                .reuseAddress(true)
                .reusePort(true)
                .localAddress(new InetSocketAddress("127.0.0.1", 0));
        if (isNative(transport)) {
            options.tcpUserTimeout(Duration.ofMillis(4321))
                    .tcpNotSentLowAt(16_384)
                    .ipBindAddressNoPort(true)
                    .busyPollMicros(50)
                    .tcpFastOpenConnect(true)
                    .tcpCongestion(otherCongestionControl());
        }
        return options.build();
    }

    /** What the kernel must hold after {@link #everything}, by read-back name. */
    static Map<String, Object> expected(String transport) throws Exception {
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("TCP_NODELAY", false);
        expected.put("SO_KEEPALIVE", true);
        expected.put("TCP_KEEPIDLE", 77);
        expected.put("TCP_KEEPINTVL", 13);
        expected.put("TCP_KEEPCNT", 4);
        expected.put("SO_SNDBUF", 300_000); // Linux doubles the size asked for, for its bookkeeping
        expected.put("SO_RCVBUF", 200_000);
        expected.put("IP_TOS", 0xb8);
        expected.put("SO_REUSEADDR", true);
        expected.put("SO_REUSEPORT", true);
        if (isNative(transport)) {
            expected.put("IPV6_TCLASS", 0xb8); // Netty's native sockets are dual-stack AF_INET6
            expected.put("TCP_USER_TIMEOUT", 4321);
            expected.put("TCP_NOTSENT_LOWAT", 16_384);
            expected.put("IP_BIND_ADDRESS_NO_PORT", true);
            expected.put("SO_BUSY_POLL", 50);
            expected.put("TCP_FASTOPEN_CONNECT", true);
            expected.put("TCP_CONGESTION", otherCongestionControl());
        }
        return expected;
    }

    private Connection connect(String transport, SocketOptions socketOptions) {
        return Await.result(AmqpClient.connect(ConnectionOptions.fromUri(BROKER.uri()).toBuilder()
                .connectionName("SocketOptionsEpollIT-" + transport)
                .resources(RESOURCES.get(transport))
                .socketOptions(socketOptions)
                .build()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "io_uring", "nio"})
    void theReadBackReportsWhatTheKernelHoldsForEveryTypedOption(String transport) throws Exception {
        try (Connection connection = connect(transport, everything(transport))) {
            SocketReadback socket = connection.socket();
            assertThat(socket.transport()).isEqualTo(transport);
            assertThat(socket.options()).containsAllEntriesOf(expected(transport));
            if (!isNative(transport)) {
                // NIO opened an AF_INET socket for the IPv4 broker, where IP_TOS is what packets carry
                assertThat(socket.options()).doesNotContainKey("IPV6_TCLASS");
            }
            InetSocketAddress local = (InetSocketAddress) socket.localAddress();
            InetSocketAddress remote = (InetSocketAddress) socket.remoteAddress();
            assertThat(local.getAddress().getHostAddress()).isEqualTo("127.0.0.1");
            assertThat(local.getPort()).isPositive();
            assertThat(remote.getPort()).isEqualTo(BROKER.port());
            if (isNative(transport)) {
                assertThat(socket.tcpInfo()).as("tcp_info").isNotNull();
                assertThat(socket.tcpInfo().rttMicros()).isPositive();
                assertThat(socket.tcpInfo().congestionWindow()).isPositive();
                assertThat(socket.tcpInfo().totalRetransmits()).isZero();
                assertThat(socket.tcpInfo().lost()).isZero();
            } else {
                assertThat(socket.tcpInfo()).as("NIO has no tcp_info").isNull();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "io_uring", "nio"})
    void anotherProcessSeesEveryTypedOptionOnTheSocket(String transport) throws Exception {
        String why = SockProbe.unavailableBecause();
        if (why != null) {
            System.out.println("[SKIPPED] independent check of socket options: " + why);
        }
        assumeTrue(why == null, why);
        try (Connection connection = connect(transport, everything(transport))) {
            SocketReadback socket = connection.socket();
            int localPort = ((InetSocketAddress) socket.localAddress()).getPort();
            Map<String, String> kernel = SockProbe.getsockopt(localPort, BROKER.port(),
                    "6:1", "1:9", "6:4", "6:5", "6:6", "1:7", "1:8", "0:1", "41:67", "1:2", "1:15",
                    "6:18", "6:25", "0:24", "1:46", "6:30", "6:13:s16");
            Map<String, Object> expected = expected(transport);
            assertThat(kernel.get("domain")).isEqualTo(isNative(transport) ? "10" : "2"); // AF_INET6 : AF_INET
            assertThat(kernel.get("6:1")).as("TCP_NODELAY").isEqualTo("0");
            assertThat(kernel.get("1:9")).as("SO_KEEPALIVE").isEqualTo("1");
            assertThat(kernel.get("6:4")).as("TCP_KEEPIDLE").isEqualTo("77");
            assertThat(kernel.get("6:5")).as("TCP_KEEPINTVL").isEqualTo("13");
            assertThat(kernel.get("6:6")).as("TCP_KEEPCNT").isEqualTo("4");
            assertThat(kernel.get("1:7")).as("SO_SNDBUF").isEqualTo("300000");
            assertThat(kernel.get("1:8")).as("SO_RCVBUF").isEqualTo("200000");
            assertThat(kernel.get("0:1")).as("IP_TOS").isEqualTo(Integer.toString(0xb8));
            assertThat(kernel.get("1:2")).as("SO_REUSEADDR").isEqualTo("1");
            assertThat(kernel.get("1:15")).as("SO_REUSEPORT").isEqualTo("1");
            if (isNative(transport)) {
                assertThat(kernel.get("41:67")).as("IPV6_TCLASS").isEqualTo(Integer.toString(0xb8));
                assertThat(kernel.get("6:18")).as("TCP_USER_TIMEOUT").isEqualTo("4321");
                assertThat(kernel.get("6:25")).as("TCP_NOTSENT_LOWAT").isEqualTo("16384");
                assertThat(kernel.get("0:24")).as("IP_BIND_ADDRESS_NO_PORT").isEqualTo("1");
                assertThat(kernel.get("1:46")).as("SO_BUSY_POLL").isEqualTo("50");
                assertThat(kernel.get("6:30")).as("TCP_FASTOPEN_CONNECT").isEqualTo("1");
                assertThat(kernel.get("6:13:s16")).as("TCP_CONGESTION").isEqualTo(expected.get("TCP_CONGESTION"));
            } else {
                assertThat(kernel.get("41:67")).as("no IPV6_TCLASS on AF_INET").startsWith("error:");
            }
            // And the read-back agrees with the other process, value by value.
            Map<String, Object> readBack = socket.options();
            assertThat(readBack.get("TCP_KEEPIDLE").toString()).isEqualTo(kernel.get("6:4"));
            assertThat(readBack.get("SO_RCVBUF").toString()).isEqualTo(kernel.get("1:8"));
            assertThat(readBack.get("IP_TOS").toString()).isEqualTo(kernel.get("0:1"));

            // ss, from the kernel's socket diagnostics: keep-alive timer, buffers, congestion control, TOS.
            String ss = SockProbe.ss(localPort, BROKER.port());
            assertThat(ss).as(ss).containsPattern("timer:\\(keepalive,1min1[0-7]sec,0\\)");
            assertThat(ss).as(ss).contains("rb200000", "tb300000", "tos:0xb8");
            if (isNative(transport)) {
                assertThat(ss).as(ss).contains("tclass:0xb8", " " + expected.get("TCP_CONGESTION") + " ");
                // tcp_info as ss decodes it from the kernel's socket diagnostics, against Warren's snapshot.
                TcpInfo info = connection.socket().tcpInfo();
                String again = SockProbe.ss(localPort, BROKER.port());
                Matcher cwnd = Pattern.compile(" cwnd:(\\d+)").matcher(again);
                Matcher rtt = Pattern.compile(" rtt:([0-9.]+)/([0-9.]+)").matcher(again);
                assertThat(cwnd.find() && rtt.find()).as(again).isTrue();
                assertThat(Long.parseLong(cwnd.group(1))).isEqualTo(info.congestionWindow());
                assertThat(Math.round(Double.parseDouble(rtt.group(1)) * 1000)).as(again)
                        .isCloseTo(info.rttMicros(), withinPercentage(25));
                assertThat(Math.round(Double.parseDouble(rtt.group(2)) * 1000)).as(again)
                        .isCloseTo(info.rttVarMicros(), withinPercentage(25));
                assertThat(again).as("no retransmits, as tcp_info says").doesNotContain("retrans:");
                assertThat(info.totalRetransmits()).isZero();
            }
        }
    }

    /**
     * TCP_QUICKACK is not sticky: Linux leaves quick-ack mode by itself as the connection runs (delayed-ACK
     * "pingpong" mode), so what matters is that the socket holds the value when it connects. A fresh socket holds 1;
     * asking for 0 must show as 0 on the socket before it connects (read by Netty or the JDK with getsockopt from
     * the channel-initializer hook, which runs after Warren set the options). After the handshake the read-back
     * reports whatever the kernel holds then.
     */
    @ParameterizedTest
    @ValueSource(strings = {"epoll", "io_uring", "nio"})
    void tcpQuickAckIsOnTheSocketWhenItConnects(String transport) {
        ChannelOption<Boolean> quickAck = switch (transport) {
            case "epoll" -> EpollChannelOption.TCP_QUICKACK;
            case "io_uring" -> IoUringChannelOption.TCP_QUICKACK;
            default -> NioChannelOption.of(ExtendedSocketOptions.TCP_QUICKACK);
        };
        List<Boolean> seenWithout = new CopyOnWriteArrayList<>();
        List<Boolean> seenWith = new CopyOnWriteArrayList<>();
        try (Connection without = connect(transport, SocketOptions.builder()
                .channelInitializer(channel -> seenWithout.add(channel.config().getOption(quickAck))).build());
             Connection with = connect(transport, SocketOptions.builder().tcpQuickAck(false)
                .channelInitializer(channel -> seenWith.add(channel.config().getOption(quickAck))).build())) {
            assertThat(seenWithout).containsExactly(true);
            assertThat(seenWith).containsExactly(false);
            assertThat(with.socket().option("TCP_QUICKACK")).containsInstanceOf(Boolean.class);
            assertThat(without.socket().options()).doesNotContainKey("TCP_QUICKACK");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"TCP_USER_TIMEOUT", "TCP_NOTSENT_LOWAT", "IP_BIND_ADDRESS_NO_PORT", "SO_BUSY_POLL",
            "TCP_FASTOPEN_CONNECT", "TCP_CONGESTION", "raw"})
    void nioRefusesWhatOnlyANativeTransportCanSetNamingTheOption(String option) {
        SocketOptions.Builder builder = SocketOptions.builder();
        switch (option) {
            case "TCP_USER_TIMEOUT" -> builder.tcpUserTimeout(Duration.ofSeconds(5));
            case "TCP_NOTSENT_LOWAT" -> builder.tcpNotSentLowAt(16_384);
            case "IP_BIND_ADDRESS_NO_PORT" -> builder.ipBindAddressNoPort(true);
            case "SO_BUSY_POLL" -> builder.busyPollMicros(50);
            case "TCP_FASTOPEN_CONNECT" -> builder.tcpFastOpenConnect(true);
            case "TCP_CONGESTION" -> builder.tcpCongestion("reno");
            default -> builder.socketOption(IPPROTO_TCP, TCP_USER_TIMEOUT, 5000);
        }
        Throwable failure = Await.failure(AmqpClient.connect(ConnectionOptions.fromUri(BROKER.uri()).toBuilder()
                .resources(RESOURCES.get("nio")).socketOptions(builder.build()).build()));
        assertThat(failure).isInstanceOf(UnsupportedSocketOptionException.class)
                .hasMessageContaining(option.equals("raw") ? "setsockopt(level=6, optname=18, 5000)" : option)
                .hasMessageContaining("nio transport");
        assertThat(((UnsupportedSocketOptionException) failure).transport()).isEqualTo("nio");
    }

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "io_uring"})
    void anOptionTheKernelRefusesFailsTheConnectNamingOptionTransportAndReason(String transport) {
        Throwable failure = Await.failure(AmqpClient.connect(ConnectionOptions.fromUri(BROKER.uri()).toBuilder()
                .resources(RESOURCES.get(transport))
                .socketOptions(SocketOptions.builder().tcpCongestion("no-such-cc").build()).build()));
        assertThat(failure).isInstanceOf(UnsupportedSocketOptionException.class)
                .hasMessageContaining("TCP_CONGESTION=no-such-cc")
                .hasMessageContaining(transport + " transport")
                .hasMessageContaining("this kernel has");
    }
}

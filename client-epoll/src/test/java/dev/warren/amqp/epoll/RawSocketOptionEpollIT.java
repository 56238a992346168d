package dev.warren.amqp.epoll;

import dev.warren.amqp.client.AmqpClient;
import dev.warren.amqp.client.ClientResources;
import dev.warren.amqp.client.Connection;
import dev.warren.amqp.client.ConnectionOptions;
import dev.warren.amqp.client.SocketOptions;
import dev.warren.amqp.client.SocketReadback;
import dev.warren.amqp.testing.RequiresBroker;
import dev.warren.amqp.testing.TestBroker;
import io.netty.channel.unix.IntegerUnixChannelOption;
import io.netty.channel.unix.RawUnixChannelOption;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;

import static dev.warren.amqp.epoll.LinuxSocketOptions.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Raw options, int and byte[], through {@code socketOption(level, optname, value)} and through Netty's
 * {@code IntegerUnixChannelOption}/{@code RawUnixChannelOption}: applied with setsockopt before connect on every
 * connection made with the same options, the 1st, the 2nd and the 100th (Netty's raw option consumes its
 * {@code ByteBuffer}, which would break every connection after the first).
 */
@RequiresBroker
class RawSocketOptionEpollIT {

    private static final TestBroker BROKER = TestBroker.get();
    private static final int SO_BINDTODEVICE = 25;
    private static final int CONNECTIONS = 100;

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "io_uring"})
    void rawOptionsAreOnTheFirstSecondAndHundredthConnection(String transport) throws Exception {
        String congestion = SocketOptionsEpollIT.otherCongestionControl();
        byte[] device = new byte[16]; // IFNAMSIZ: getsockopt(SO_BINDTODEVICE) wants room for any name
        device[0] = 'l';
        device[1] = 'o';
        SocketOptions socketOptions = SocketOptions.builder()
                .socketOption(IPPROTO_TCP, TCP_USER_TIMEOUT, 6789)
                .socketOption(SOL_SOCKET, SO_BINDTODEVICE, device)
                .channelOption(new IntegerUnixChannelOption("SO_MARK", SOL_SOCKET, SO_MARK), 0x5a)
                .channelOption(new RawUnixChannelOption("RAW_CONGESTION", IPPROTO_TCP, TCP_CONGESTION,
                        congestion.length()), ByteBuffer.wrap(congestion.getBytes(StandardCharsets.US_ASCII)))
                .build();
        try (ClientResources resources = ClientResources.builder().transport(transport).ioThreads(1)
                .callbackThreads(1).build()) {
            ConnectionOptions options = ConnectionOptions.fromUri(BROKER.uri()).toBuilder()
                    .connectionName("RawSocketOptionEpollIT").resources(resources).socketOptions(socketOptions)
                    .build();
            for (int n = 1; n <= CONNECTIONS; n++) {
                try (Connection connection = Await.result(AmqpClient.connect(options))) {
                    SocketReadback socket = connection.socket();
                    assertThat(socket.raw(IPPROTO_TCP, TCP_USER_TIMEOUT)).as("connection %d", n).contains(6789);
                    assertThat((byte[]) socket.raw(SOL_SOCKET, SO_BINDTODEVICE).orElseThrow())
                            .as("connection %d", n).isEqualTo(device);
                    assertThat(socket.option("SO_MARK")).as("connection %d", n).contains(0x5a);
                    assertThat(new String((byte[]) socket.option("RAW_CONGESTION").orElseThrow(),
                            StandardCharsets.US_ASCII)).as("connection %d", n).isEqualTo(congestion);
                    if ((n == 1 || n == 2 || n == CONNECTIONS) && SockProbe.unavailableBecause() == null) {
                        int localPort = ((InetSocketAddress) socket.localAddress()).getPort();
                        Map<String, String> kernel = SockProbe.getsockopt(localPort, BROKER.port(),
                                "6:18", "1:36", "1:25:x16", "6:13:s16");
                        assertThat(kernel.get("6:18")).as("connection %d", n).isEqualTo("6789");
                        assertThat(kernel.get("1:36")).as("connection %d", n).isEqualTo(Integer.toString(0x5a));
                        // The kernel returns the name and its NUL ("lo\0"); the rest of the 16 bytes set is NULs.
                        assertThat(kernel.get("1:25:x16")).as("connection %d", n).isEqualTo("6c6f00");
                        assertThat(HexFormat.of().formatHex(device)).startsWith(kernel.get("1:25:x16"));
                        assertThat(kernel.get("6:13:s16")).as("connection %d", n).isEqualTo(congestion);
                    }
                }
            }
        }
        if (SockProbe.unavailableBecause() != null) {
            System.out.println("[SKIPPED] independent check of raw options: " + SockProbe.unavailableBecause());
        }
    }
}

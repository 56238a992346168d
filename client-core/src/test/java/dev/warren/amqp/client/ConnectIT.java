package dev.warren.amqp.client;

import dev.warren.amqp.testing.RequiresBroker;
import dev.warren.amqp.testing.TestBroker;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@RequiresBroker
class ConnectIT {

    private final TestBroker broker = TestBroker.get();

    private ConnectionOptions.Builder options() {
        return ConnectionOptions.fromUri(broker.uri()).toBuilder().connectionName("ConnectIT");
    }

    @Test
    void connectsAndReportsTheBrokersPropertiesAndCapabilities() {
        try (Connection connection = Await.result(AmqpClient.connect(options().build()))) {
            assertThat(connection.state()).isEqualTo(ConnectionState.OPEN);
            assertThat(connection.serverProperties()).containsKeys("product", "version", "capabilities");
            assertThat(connection.serverProperties().get("product").toString()).isEqualTo("RabbitMQ");
            assertThat(connection.hasCapability("publisher_confirms")).isTrue();
            assertThat(connection.hasCapability("no_such_capability")).isFalse();
            assertThat(connection.name()).isEqualTo("ConnectIT");
        }
    }

    @Test
    void connectsFromAUriString() {
        try (Connection connection = Await.result(AmqpClient.connect(broker.uri()))) {
            assertThat(connection.isOpen()).isTrue();
        }
    }

    @Test
    void frameMaxAndHeartbeatAreNegotiatedAsAsked() {
        try (Connection connection = Await.result(AmqpClient.connect(options().frameMax(16384).heartbeat(7)
                .channelMax(100).build()))) {
            assertThat(connection.frameMax()).isEqualTo(16384);
            assertThat(connection.heartbeat()).isEqualTo(Duration.ofSeconds(7));
            assertThat(connection.channelMax()).isEqualTo(100);
        }
    }

    @Test
    void theBrokerCapsWhatIsAskedAboveItsLimits() {
        // RabbitMQ's defaults: frame_max 131072, heartbeat 60, channel_max 2047.
        try (Connection connection = Await.result(AmqpClient.connect(options().frameMax(1 << 20).heartbeat(600)
                .channelMax(0).build()))) {
            assertThat(connection.frameMax()).isEqualTo(131072);
            assertThat(connection.heartbeat()).isEqualTo(Duration.ofSeconds(60));
            assertThat(connection.channelMax()).isEqualTo(2047);
        }
    }

    @Test
    void heartbeatZeroTurnsHeartbeatsOffAndAnIdleConnectionStaysOpen() throws Exception {
        try (Connection connection = Await.result(AmqpClient.connect(options().heartbeat(0).build()))) {
            assertThat(connection.heartbeat()).isEqualTo(Duration.ZERO);
            Thread.sleep(10_000);
            assertThat(connection.isOpen()).isTrue();
            Channel channel = Await.result(connection.openChannel());
            assertThat(Await.result(channel.queueDeclare()).queue()).startsWith("amq.gen-");
        }
    }

    @Test
    void aWrongPasswordIsAnAuthenticationFailureWithinTheConnectTimeout() {
        long start = System.nanoTime();
        AuthenticationException error = Await.failure(AmqpClient.connect(options().password("wrong-password")
                .connectTimeout(Duration.ofSeconds(5)).build()), AuthenticationException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(error.getMessage()).contains("refused the login of user 'guest'").contains("ACCESS_REFUSED")
                .doesNotContain("wrong-password");
    }

    @Test
    void aVhostTheUserMayNotUseIsRefusedAtConnectionOpen() {
        ConnectionClosedException error = Await.failure(AmqpClient.connect(options()
                .virtualHost("no-such-vhost-" + System.nanoTime()).build()), ConnectionClosedException.class);
        assertThat(error.replyCode()).isEqualTo(530);
        assertThat(error.reason().isInitiatedByServer()).isTrue();
        assertThat(error.getMessage()).contains("NOT_ALLOWED").contains("no-such-vhost");
    }

    @Test
    void aPortWithNothingListeningNamesTheAddress() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        ConnectFailedException error = Await.failure(AmqpClient.connect(options().address("127.0.0.1", port)
                .build()), ConnectFailedException.class);
        assertThat(error.getMessage()).contains("127.0.0.1:" + port).contains("connection refused");
    }

    @Test
    void anUnknownHostIsNamed() {
        ConnectFailedException error = Await.failure(AmqpClient.connect(options()
                .address("no-such-host.invalid", 5672).build()), ConnectFailedException.class);
        assertThat(error.getMessage()).contains("unknown host no-such-host.invalid");
    }

    @Test
    void anAddressThatNeverAnswersFailsWithinTheConnectTimeout() throws IOException {
        // A listener whose accept queue is full: the kernel drops further SYNs, so a connect hangs.
        try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<Socket> fillers = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    Socket s = new Socket();
                    try {
                        s.connect(new InetSocketAddress("127.0.0.1", full.getLocalPort()), 300);
                    } catch (IOException timedOut) {
                        // the queue is full already
                    }
                    fillers.add(s);
                }
                long start = System.nanoTime();
                ConnectFailedException error = Await.failure(AmqpClient.connect(options()
                        .address("127.0.0.1", full.getLocalPort()).connectTimeout(Duration.ofMillis(800)).build()),
                        ConnectFailedException.class);
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                assertThat(error.getMessage()).contains("127.0.0.1:" + full.getLocalPort())
                        .contains("connect timed out after 800 ms");
                assertThat(took).isBetween(Duration.ofMillis(700), Duration.ofSeconds(5));
            } finally {
                for (Socket s : fillers) {
                    s.close();
                }
            }
        }
    }

    @Test
    void addressesAreTriedInOrderUntilOneConnects() throws IOException {
        int deadPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            deadPort = socket.getLocalPort();
        }
        try (Connection connection = Await.result(AmqpClient.connect(options().addresses(List.of(
                new Address("127.0.0.1", deadPort), new Address(broker.host(), broker.port()))).build()))) {
            assertThat(connection.isOpen()).isTrue();
            assertThat(connection.socket().remoteAddress().toString()).endsWith(":" + broker.port());
        }
    }

    @Test
    void aPortThatIsNotAmqpFailsWithTheHandshakeTimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try (Socket accepted = silent.accept()) {
                    Thread.sleep(5000);
                } catch (Exception ignored) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            AmqpTimeoutException error = Await.failure(AmqpClient.connect(options()
                    .address("127.0.0.1", silent.getLocalPort()).handshakeTimeout(Duration.ofMillis(700)).build()),
                    AmqpTimeoutException.class);
            assertThat(error.getMessage()).contains("did not finish within 700 ms");
        }
    }

    @Test
    void theBrokerSeesTheConnectionNameProductAndCapabilities() throws Exception {
        Assumptions.assumeTrue(broker.source().equals("127.0.0.1:5672") && Rabbitmqctl.available(),
                "needs rabbitmqctl and the local broker to list the broker's view of the connection");
        String name = "named-by-test-" + System.nanoTime();
        try (Connection connection = Await.result(AmqpClient.connect(options().connectionName(name)
                .clientProperty("x-test", "yes").build()))) {
            // Read-only look at the shared broker's view of this connection.
            String listing = Rabbitmqctl.run("list_connections", "name", "client_properties");
            String line = listing.lines().filter(l -> l.contains(name)).findFirst()
                    .orElseThrow(() -> new AssertionError("connection " + name + " not listed:\n" + listing));
            assertThat(line).contains("Warren").contains("x-test").contains("publisher_confirms")
                    .contains("consumer_cancel_notify").contains("connection.blocked")
                    .contains("authentication_failure_close").contains("basic.nack")
                    .contains("exchange_exchange_bindings");
        }
    }

    @Test
    void closeIsIdempotentAndReportsANormalClientClose() {
        Connection connection = Await.result(AmqpClient.connect(options().build()));
        CloseReason reason = Await.result(connection.closeAsync());
        assertThat(reason.isNormal()).isTrue();
        assertThat(reason.initiator()).isEqualTo(CloseInitiator.CLIENT);
        assertThat(Await.result(connection.closeAsync())).isEqualTo(reason);
        assertThat(connection.state()).isEqualTo(ConnectionState.CLOSED);
        assertThat(Await.result(connection.closeFuture())).isEqualTo(reason);
        ConnectionClosedException error = Await.failure(connection.openChannel(), ConnectionClosedException.class);
        assertThat(error.getMessage()).contains("is closed");
    }
}

package dev.warren.amqp.testing;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BlockedListener;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultSaslConfig;
import com.rabbitmq.client.ShutdownSignalException;
import com.rabbitmq.client.impl.AMQConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.net.URI;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.warren.amqp.testing.AmqpProbe.assertAnswersWithConnectionStart;
import static dev.warren.amqp.testing.AmqpProbe.portAccepts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Starts two nodes once for the class: a plain one whose lifecycle the ordered tests walk through (ending with
 * {@code close}), and one with a TLS listener that requires client certificates, EXTERNAL authentication and the
 * management API.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class RabbitNodeIT {

    private static final String CLIENT_CN = "warren-it-client";
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    static Path certificateDir;

    private static RabbitNode node;
    private static RabbitNode tlsNode;
    private static TestCertificates certificates;

    @BeforeAll
    static void startNodes() {
        Path server = Path.of(System.getProperty(RabbitNode.BIN_PROPERTY, "/usr/lib/rabbitmq/bin"), "rabbitmq-server");
        assertThat(server).as("RabbitMQ's programs (Debian package rabbitmq-server), or -D" + RabbitNode.BIN_PROPERTY)
                .isExecutable();
        certificates = TestCertificates.generate(certificateDir, CLIENT_CN);
        // Both boots at once: they overlap well even on two cores, and it checks that nodes start independently.
        CompletableFuture<RabbitNode> tlsStarted = CompletableFuture.supplyAsync(() -> RabbitNode.builder()
                .namePrefix("it-tls")
                .tls(certificates, true)
                .externalAuth()
                .managementPort(0)
                .start());
        try {
            node = RabbitNode.builder().namePrefix("it-plain").start();
        } finally {
            tlsNode = tlsStarted.join();
        }
    }

    @AfterAll
    static void closeNodes() {
        if (node != null) {
            node.close();
        }
        if (tlsNode != null) {
            tlsNode.close();
        }
    }

    // ---------------------------------------------------------------- the plain node, in lifecycle order

    @Test
    @Order(1)
    void aStartedNodeAnswersAmqpOnItsOwnPort() throws IOException {
        assertThat(node.isRunning()).isTrue();
        assertThat(node.amqpPort()).isNotEqualTo(5672).isPositive();
        assertThat(node.nodeName()).startsWith("it-plain-" + ProcessHandle.current().pid() + "-").endsWith("@localhost");
        assertThat(node.uri()).isEqualTo("amqp://guest:guest@127.0.0.1:" + node.amqpPort());
        assertAnswersWithConnectionStart("127.0.0.1", node.amqpPort());
    }

    @Test
    @Order(2)
    void rabbitmqctlTalksToThisNodeNotTheSharedOne() throws Exception {
        assertThat(node.rabbitmqctl("eval", "node().").strip()).isEqualTo("'" + node.nodeName() + "'");

        node.addVhost("it-vhost");
        node.addUser("it-user", "it-secret");
        node.setPermissions("it-vhost", "it-user", ".*", ".*", ".*");
        assertThat(node.rabbitmqctl("list_permissions", "-p", "it-vhost")).contains("it-user");

        ConnectionFactory factory = factory(node.amqpPort());
        factory.setUsername("it-user");
        factory.setPassword("it-secret");
        factory.setVirtualHost("it-vhost");
        try (Connection connection = factory.newConnection()) {
            assertThat(connection.isOpen()).as("the new user logs into the new vhost").isTrue();
        }
    }

    @Test
    @Order(3)
    void aFailingCliCallThrowsWithWhatTheCliSaid() {
        assertThatThrownBy(() -> node.rabbitmqctl("delete_vhost", "no-such-vhost"))
                .isInstanceOf(RabbitNodeException.class)
                .hasMessageContaining("delete_vhost no-such-vhost exited with")
                .hasMessageContaining("no-such-vhost");
    }

    @Test
    @Order(4)
    void listConnectionsShowsAClientAndCloseConnectionForcesItOut() throws Exception {
        Connection connection = factory(node.amqpPort()).newConnection();
        try {
            CompletableFuture<ShutdownSignalException> closed = new CompletableFuture<>();
            connection.addShutdownListener(closed::complete);
            int clientPort = ((AMQConnection) connection).getLocalPort();

            NodeConnection listed = node.listConnections().stream()
                    .filter(c -> c.peerPort() == clientPort)
                    .findFirst().orElseThrow(() -> new AssertionError("no connection from port " + clientPort));
            assertThat(listed.pid()).startsWith("<").endsWith(">");
            assertThat(listed.name()).contains(":" + clientPort + " -> ");

            node.closeConnection(listed.pid(), "closed by the test");
            ShutdownSignalException signal = closed.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(signal.isInitiatedByApplication()).isFalse();
            AMQP.Connection.Close close = (AMQP.Connection.Close) signal.getReason();
            assertThat(close.getReplyCode()).isEqualTo(320);
            assertThat(close.getReplyText()).contains("closed by the test");
        } finally {
            connection.abort();
        }
    }

    @Test
    @Order(5)
    void aTinyMemoryWatermarkBlocksPublishersUntilItIsRestored() throws Exception {
        ConnectionFactory factory = factory(node.amqpPort());
        try (Connection connection = factory.newConnection()) {
            CompletableFuture<String> blocked = new CompletableFuture<>();
            CompletableFuture<Void> unblocked = new CompletableFuture<>();
            connection.addBlockedListener(new BlockedListener() {
                @Override
                public void handleBlocked(String reason) {
                    blocked.complete(reason);
                }

                @Override
                public void handleUnblocked() {
                    unblocked.complete(null);
                }
            });
            try {
                node.setMemoryHighWatermark(0.0000001);
                Channel channel = connection.createChannel();
                channel.basicPublish("", "nowhere", null, "x".getBytes(StandardCharsets.UTF_8));
                assertThat(blocked.get(WAIT.toSeconds(), TimeUnit.SECONDS)).containsIgnoringCase("memory");
            } finally {
                node.setMemoryHighWatermark(0.4);
            }
            unblocked.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }
    }

    @Test
    @Order(6)
    void stopAppClosesTheAmqpPortAndStartAppReopensIt() throws IOException {
        node.stopApp();
        assertThat(portAccepts(node.amqpPort())).as("AMQP port open after stop_app").isFalse();
        assertThat(node.isRunning()).as("the Erlang VM keeps running").isTrue();

        node.startApp();
        assertAnswersWithConnectionStart("127.0.0.1", node.amqpPort());
    }

    @Test
    @Order(7)
    void restartForcesClientsOutAndKeepsPortAndData() throws Exception {
        node.addVhost("survives-restarts");
        int port = node.amqpPort();
        Connection connection = factory(port).newConnection();
        try {
            CompletableFuture<ShutdownSignalException> closed = new CompletableFuture<>();
            connection.addShutdownListener(closed::complete);

            node.restart();

            ShutdownSignalException signal = closed.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(((AMQP.Connection.Close) signal.getReason()).getReplyCode())
                    .as("connection.close reply code").isEqualTo(320);
        } finally {
            connection.abort();
        }
        assertThat(node.amqpPort()).isEqualTo(port);
        assertAnswersWithConnectionStart("127.0.0.1", port);
        assertThat(node.rabbitmqctl("list_vhosts")).contains("survives-restarts");
        assertThat(node.log()).contains("Server startup complete");
    }

    @Test
    @Order(8)
    void killDropsClientsWithoutAnAmqpCloseAndStartBringsTheNodeBack() throws Exception {
        Connection connection = factory(node.amqpPort()).newConnection();
        try {
            CompletableFuture<ShutdownSignalException> lost = new CompletableFuture<>();
            connection.addShutdownListener(lost::complete);

            node.kill();

            assertThat(node.isRunning()).isFalse();
            assertThat(portAccepts(node.amqpPort())).isFalse();
            ShutdownSignalException signal = lost.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(signal.getReason()).as("no connection.close from a killed broker").isNull();
            assertThat(signal.isHardError()).isTrue();
        } finally {
            connection.abort();
        }

        node.start();
        assertAnswersWithConnectionStart("127.0.0.1", node.amqpPort());
        assertThat(node.rabbitmqctl("list_vhosts")).contains("survives-restarts");
    }

    @Test
    @Order(9)
    void closeStopsTheNodeAndDeletesItsFolder() {
        Path baseDir = node.baseDir();
        assertThat(baseDir).isDirectory();

        node.close();

        assertThat(node.isRunning()).isFalse();
        assertThat(baseDir).doesNotExist();
        assertThat(portAccepts(node.amqpPort())).isFalse();
        assertThat(ProcessHandle.allProcesses())
                .as("processes still running from " + baseDir)
                .noneMatch(p -> p.info().commandLine().map(line -> line.contains(baseDir.toString())).orElse(false));
        node.close(); // closing twice is harmless
        assertThatThrownBy(node::start).isInstanceOf(IllegalStateException.class);
    }

    // ---------------------------------------------------------------- other nodes

    @Test
    void aNodeThatCannotBootFailsFastWithTheReason() {
        RabbitNode broken = RabbitNode.builder().namePrefix("it-broken").configLines("no.such.setting = 1").build();
        try {
            long started = System.nanoTime();
            assertThatThrownBy(broken::start)
                    .isInstanceOf(RabbitNodeException.class)
                    .hasMessageContaining("exited")
                    .hasMessageContaining("no.such.setting");
            assertThat(Duration.ofNanos(System.nanoTime() - started))
                    .as("failed fast, not at the start timeout").isLessThan(Duration.ofSeconds(30));
            assertThat(broken.isRunning()).isFalse();
        } finally {
            broken.close();
        }
        assertThat(broken.baseDir()).doesNotExist();
    }

    @Test
    void nodesOfOneJvmGetDistinctNamesAndPorts() {
        try (RabbitNode a = RabbitNode.builder().build(); RabbitNode b = RabbitNode.builder().build()) {
            assertThat(a.nodeName()).isNotEqualTo(b.nodeName()).startsWith("warren-");
            assertThat(a.amqpPort()).isNotEqualTo(b.amqpPort());
            assertThat(a.baseDir()).isNotEqualTo(b.baseDir());
            assertThat(a.log()).as("no log before the first start").isEmpty();
            assertThatThrownBy(a::amqpsPort).isInstanceOf(IllegalStateException.class).hasMessageContaining("tls");
        }
    }

    // ---------------------------------------------------------------- the TLS node

    @Test
    void theTlsListenerAcceptsAClientThatTrustsTheCaAndSpeaksAmqpOverIt() throws Exception {
        try (SSLSocket socket = tlsSocket(certificates.clientSslContext(true))) {
            socket.startHandshake();
            assertThat(socket.getSession().getPeerPrincipal().getName()).isEqualTo("CN=localhost");
            assertAnswersWithConnectionStart(socket.getInputStream(), socket.getOutputStream());
        }
        assertThat(tlsNode.configFile()).content()
                .contains("ssl_options.verify = verify_peer", "ssl_options.fail_if_no_peer_cert = true");
        assertThat(tlsNode.amqpsUri()).isEqualTo("amqps://guest:guest@127.0.0.1:" + tlsNode.amqpsPort());
    }

    @Test
    void thePluginsAndMechanismsAskedForAreEnabled() {
        assertThat(tlsNode.rabbitmqPlugins("list", "--enabled", "--minimal"))
                .contains("rabbitmq_management", "rabbitmq_auth_mechanism_ssl");
        assertThat(tlsNode.rabbitmqctl("environment"))
                .as("EXTERNAL offered next to PLAIN and AMQPLAIN")
                .containsPattern("auth_mechanisms,\\[[^]]*'EXTERNAL'")
                .containsPattern("auth_mechanisms,\\[[^]]*'PLAIN'")
                .containsPattern("auth_mechanisms,\\[[^]]*'AMQPLAIN'");
    }

    @Test
    void aClientThatTrustsOnlyAnotherCaRejectsTheServer() throws Exception {
        SSLContext trustsOtherCa = trustingOnly(certificates.untrustedCaCertificate());
        try (SSLSocket socket = tlsSocket(trustsOtherCa)) {
            assertThatThrownBy(socket::startHandshake).isInstanceOf(SSLHandshakeException.class);
        }
    }

    @Test
    void aClientWithoutCertificateIsRejectedDuringOrJustAfterTheHandshake() throws Exception {
        try (SSLSocket socket = tlsSocket(certificates.clientSslContext(false))) {
            // With TLS 1.3 the client may finish its side of the handshake before the server has looked at the
            // (missing) certificate: the rejection then comes on the first exchange after it, as a "certificate
            // required" alert or as the reset of the socket the server closed. Which of the two is a race.
            assertThatThrownBy(() -> {
                socket.startHandshake();
                assertAnswersWithConnectionStart(socket.getInputStream(), socket.getOutputStream());
            }).isInstanceOfAny(SSLException.class, SocketException.class);
        }
    }

    @Test
    void externalAuthenticationLogsInAsTheCertificatesCommonName() throws Exception {
        tlsNode.addUser(CLIENT_CN, "not-used-by-external");
        tlsNode.setPermissions("/", CLIENT_CN, ".*", ".*", ".*");
        ConnectionFactory factory = factory(tlsNode.amqpsPort());
        factory.useSslProtocol(certificates.clientSslContext(true));
        factory.enableHostnameVerification();
        factory.setSaslConfig(DefaultSaslConfig.EXTERNAL);
        try (Connection connection = factory.newConnection()) {
            assertThat(connection.isOpen()).isTrue();
            assertThat(tlsNode.rabbitmqctl("list_connections", "--quiet", "--no-table-headers", "user", "auth_mechanism"))
                    .contains(CLIENT_CN + "\tEXTERNAL");
        }
    }

    @Test
    void theManagementApiAnswersOnItsPort() throws Exception {
        // HttpURLConnection rather than java.net.http: tests compile inside this module, which does not read it.
        HttpURLConnection request = (HttpURLConnection) URI.create(tlsNode.managementUri() + "/api/overview")
                .toURL().openConnection();
        request.setConnectTimeout((int) WAIT.toMillis());
        request.setReadTimeout((int) WAIT.toMillis());
        request.setRequestProperty("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString("guest:guest".getBytes(StandardCharsets.UTF_8)));
        try {
            assertThat(request.getResponseCode()).isEqualTo(200);
            try (InputStream body = request.getInputStream()) {
                assertThat(new String(body.readAllBytes(), StandardCharsets.UTF_8)).contains(tlsNode.nodeName());
            }
        } finally {
            request.disconnect();
        }
    }

    // ---------------------------------------------------------------- helpers

    private static ConnectionFactory factory(int port) {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        factory.setPort(port);
        factory.setConnectionTimeout(5000);
        factory.setAutomaticRecoveryEnabled(false);
        return factory;
    }

    private static SSLSocket tlsSocket(SSLContext context) throws IOException {
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", tlsNode.amqpsPort());
        socket.setSoTimeout(5000);
        return socket;
    }

    private static SSLContext trustingOnly(Path caCertificate) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", TestCertificates.readCertificate(caCertificate));
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }
}

package dev.warren.amqp.client;

import dev.warren.amqp.testing.RabbitNode;
import dev.warren.amqp.testing.TestCertificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** TLS against a node of the test's own, with a CA generated for the run. */
class TlsIT {

    private static final String CLIENT_USER = "warren-tls-client";

    @TempDir
    static Path dir;

    private static TestCertificates certs;
    private static RabbitNode node;

    @BeforeAll
    static void startNode() {
        certs = TestCertificates.generate(dir.resolve("certs"), CLIENT_USER);
        node = RabbitNode.builder().namePrefix("tls").tls(certs, false).externalAuth().start();
        node.addUser(CLIENT_USER, "unused-password-" + System.nanoTime());
        node.setPermissions("/", CLIENT_USER, ".*", ".*", ".*");
    }

    @AfterAll
    static void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    private static ConnectionOptions.Builder tlsOptions(String host, TlsOptions tls) {
        return ConnectionOptions.builder().address(host, node.amqpsPort()).tls(tls).connectionName("TlsIT");
    }

    @Test
    void aVerifiedTlsConnectionSucceeds() {
        TlsOptions tls = TlsOptions.defaults().withCaCertificate(certs.caCertificate());
        assertThat(tls.verifyHostname()).isTrue();
        try (Connection connection = Await.result(AmqpClient.connect(tlsOptions("localhost", tls).build()))) {
            assertThat(connection.isOpen()).isTrue();
            assertThat(Await.result(Await.result(connection.openChannel()).queueDeclare()).queue())
                    .startsWith("amq.gen-");
        }
    }

    @Test
    void anAmqpsUriWithCaCertFileConnects() {
        String uri = "amqps://guest:guest@localhost:" + node.amqpsPort() + "?cacertfile=" + certs.caCertificate();
        try (Connection connection = Await.result(AmqpClient.connect(uri))) {
            assertThat(connection.isOpen()).isTrue();
        }
    }

    @Test
    void aCertificateForAnotherHostFailsWithAHostnameError() {
        // The node's certificate names localhost and 127.0.0.1; asking for wrong.example must fail verification.
        TlsOptions tls = TlsOptions.defaults().withCaCertificate(certs.caCertificate())
                .withServerNameIndication("wrong.example");
        AmqpException error = Await.failure(AmqpClient.connect(tlsOptions("127.0.0.1", tls).build()),
                AmqpException.class);
        assertThat(error.getMessage()).contains("TLS").containsIgnoringCase("wrong.example")
                .containsIgnoringCase("subject alternative");
    }

    @Test
    void anUntrustedCaFails() {
        TlsOptions tls = TlsOptions.defaults().withCaCertificate(certs.untrustedCaCertificate());
        AmqpException error = Await.failure(AmqpClient.connect(tlsOptions("localhost", tls).build()),
                AmqpException.class);
        assertThat(error.getMessage()).contains("TLS").contains("PKIX");
    }

    @Test
    void hostnameVerificationCanBeTurnedOffExplicitly() {
        TlsOptions tls = TlsOptions.defaults().withCaCertificate(certs.caCertificate())
                .withServerNameIndication("wrong.example").withVerifyHostname(false);
        try (Connection connection = Await.result(AmqpClient.connect(tlsOptions("127.0.0.1", tls).build()))) {
            assertThat(connection.isOpen()).isTrue();
        }
    }

    @Test
    void externalWithAClientCertificateLogsInAsTheCertificatesUser() {
        TlsOptions tls = TlsOptions.defaults().withCaCertificate(certs.caCertificate())
                .withClientCertificate(certs.clientCertificate(), certs.clientKey());
        ConnectionOptions options = tlsOptions("localhost", tls).connectionName("external-login")
                .saslMechanisms(SaslMechanism.EXTERNAL).credentials("nobody", "nothing").build();
        try (Connection connection = Await.result(AmqpClient.connect(options))) {
            assertThat(connection.isOpen()).isTrue();
            String users = node.rabbitmqctl("list_connections", "--quiet", "--no-table-headers", "user",
                    "auth_mechanism", "client_properties");
            String line = users.lines().filter(l -> l.contains("external-login")).findFirst()
                    .orElseThrow(() -> new AssertionError("connection not listed:\n" + users));
            assertThat(line).startsWith(CLIENT_USER + "\tEXTERNAL");
        }
    }

    @Test
    void externalWithoutAClientCertificateIsRefused() {
        TlsOptions tls = TlsOptions.defaults().withCaCertificate(certs.caCertificate());
        ConnectionOptions options = tlsOptions("localhost", tls).saslMechanisms(SaslMechanism.EXTERNAL).build();
        AmqpException error = Await.failure(AmqpClient.connect(options), AmqpException.class);
        assertThat(error).isInstanceOfAny(AuthenticationException.class, ConnectionClosedException.class);
    }
}

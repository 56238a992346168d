package dev.warren.amqp.testing;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TestCertificatesTest {

    @TempDir
    static Path dir;

    private static TestCertificates certificates;

    @BeforeAll
    static void generate() {
        certificates = TestCertificates.generate(dir.resolve("pki"), "alice");
    }

    @Test
    void everyKeyIsUnencryptedPkcs8Pem() throws Exception {
        for (Path key : List.of(certificates.serverKey(), certificates.clientKey(), certificates.wrongHostServerKey(),
                certificates.untrustedClientKey())) {
            assertThat(Files.readString(key)).startsWith("-----BEGIN PRIVATE KEY-----");
            assertThat(TestCertificates.readPrivateKey(key).getFormat()).isEqualTo("PKCS#8");
        }
    }

    @Test
    void theServerCertificateNamesLocalhostAndLoopbackAndIsSignedByTheCa() throws Exception {
        X509Certificate ca = TestCertificates.readCertificate(certificates.caCertificate());
        X509Certificate server = TestCertificates.readCertificate(certificates.serverCertificate());

        assertThat(server.getSubjectX500Principal().getName()).isEqualTo("CN=localhost");
        assertThat(server.getSubjectAlternativeNames())
                .containsExactlyInAnyOrder(List.of(2, "localhost"), List.of(7, "127.0.0.1"));
        server.verify(ca.getPublicKey());
        assertThat(ca.getBasicConstraints()).as("the CA is a CA").isGreaterThanOrEqualTo(0);
        assertThat(server.getBasicConstraints()).as("the server certificate is not").isEqualTo(-1);
    }

    @Test
    void theClientCertificateCarriesTheGivenCommonName() throws Exception {
        X509Certificate client = TestCertificates.readCertificate(certificates.clientCertificate());
        assertThat(client.getSubjectX500Principal().getName()).isEqualTo("CN=alice");
        assertThat(certificates.clientCommonName()).isEqualTo("alice");
        client.verify(TestCertificates.readCertificate(certificates.caCertificate()).getPublicKey());
    }

    @Test
    void theUntrustedCaSignedNeitherServerCertificate() throws Exception {
        X509Certificate untrusted = TestCertificates.readCertificate(certificates.untrustedCaCertificate());
        for (Path server : List.of(certificates.serverCertificate(), certificates.wrongHostServerCertificate())) {
            X509Certificate certificate = TestCertificates.readCertificate(server);
            assertThatThrownBy(() -> certificate.verify(untrusted.getPublicKey()))
                    .isInstanceOf(java.security.SignatureException.class);
        }
        TestCertificates.readCertificate(certificates.untrustedClientCertificate()).verify(untrusted.getPublicKey());
    }

    @Test
    void theWrongHostCertificateNamesOnlyWrongExample() throws Exception {
        X509Certificate wrong = TestCertificates.readCertificate(certificates.wrongHostServerCertificate());
        assertThat(wrong.getSubjectAlternativeNames()).containsExactly(List.of(2, "wrong.example"));
        wrong.verify(TestCertificates.readCertificate(certificates.caCertificate()).getPublicKey());
    }

    @Test
    void nettyReadsTheCertificatesAndKeys() throws Exception {
        SslContext server = SslContextBuilder.forServer(certificates.serverCertificate().toFile(),
                certificates.serverKey().toFile()).build();
        SslContext client = SslContextBuilder.forClient()
                .trustManager(certificates.caCertificate().toFile())
                .keyManager(certificates.clientCertificate().toFile(), certificates.clientKey().toFile())
                .build();
        assertThat(server.isServer()).isTrue();
        assertThat(client.isClient()).isTrue();
    }

    @Test
    void hostnameVerificationAcceptsTheServerCertificateAndRejectsTheWrongHostOne() throws Exception {
        assertThat(handshakeWithHostnameVerification(certificates.serverCertificate(), certificates.serverKey()))
                .isNull();
        assertThat(handshakeWithHostnameVerification(certificates.wrongHostServerCertificate(),
                certificates.wrongHostServerKey()))
                .isInstanceOf(SSLHandshakeException.class)
                .hasMessageContaining("localhost");
    }

    /** Runs a JDK TLS server with the given certificate; returns the client's handshake failure, or null. */
    private static Exception handshakeWithHostnameVerification(Path certificate, Path key) throws Exception {
        SSLContext serverContext = SSLContext.getInstance("TLS");
        KeyStore identity = KeyStore.getInstance("PKCS12");
        identity.load(null, null);
        identity.setKeyEntry("server", TestCertificates.readPrivateKey(key), "x".toCharArray(),
                new Certificate[] {TestCertificates.readCertificate(certificate)});
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(identity, "x".toCharArray());
        serverContext.init(keyManagers.getKeyManagers(), null, null);

        try (SSLServerSocket server = (SSLServerSocket) serverContext.getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> accepted = CompletableFuture.runAsync(() -> {
                try (SSLSocket socket = (SSLSocket) server.accept()) {
                    socket.setSoTimeout(5000);
                    socket.startHandshake();
                } catch (Exception e) {
                    // the client's verdict is what the test checks
                }
            });
            try (SSLSocket client = (SSLSocket) certificates.clientSslContext(false).getSocketFactory()
                    .createSocket("localhost", server.getLocalPort())) {
                client.setSoTimeout(5000);
                SSLParameters parameters = client.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                client.setSSLParameters(parameters);
                client.startHandshake();
                return null;
            } catch (SSLHandshakeException e) {
                return e;
            } finally {
                accepted.get(10, TimeUnit.SECONDS);
            }
        }
    }
}

package dev.warren.amqp.testing;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * A throw-away PKI for TLS tests, made with the {@code openssl} command in about a second:
 * <ul>
 *   <li>a trusted CA ({@link #caCertificate()});</li>
 *   <li>a server certificate for {@code CN=localhost} with subjectAltName {@code DNS:localhost, IP:127.0.0.1}
 *       ({@link #serverCertificate()}, {@link #serverKey()}), the one a {@link RabbitNode} TLS listener uses;</li>
 *   <li>a client certificate whose CN is the name given to {@link #generate(Path, String)}, for EXTERNAL
 *       authentication ({@link #clientCertificate()}, {@link #clientKey()});</li>
 *   <li>a second CA that nothing trusts ({@link #untrustedCaCertificate()}) and a client certificate with the same
 *       CN signed by it ({@link #untrustedClientCertificate()}), to check that peers reject unknown issuers;</li>
 *   <li>a server certificate from the trusted CA for {@code wrong.example} only, with no localhost or 127.0.0.1
 *       name, to check hostname verification ({@link #wrongHostServerCertificate()}).</li>
 * </ul>
 * Certificates are PEM; keys are unencrypted PKCS#8 PEM ({@code BEGIN PRIVATE KEY}), which both Netty's
 * {@code SslContextBuilder} and RabbitMQ read. RSA 2048, valid for ten years from now.
 *
 * <p>Immutable after {@link #generate}; the files are left in the folder given, which the caller owns.
 */
public final class TestCertificates {

    private static final Duration OPENSSL_TIMEOUT = Duration.ofSeconds(30);

    private static final String OPENSSL_CONFIG = """
            [req]
            distinguished_name = dn
            prompt = no
            [dn]
            CN = placeholder
            [ca_ext]
            basicConstraints = critical,CA:TRUE
            keyUsage = critical,keyCertSign,cRLSign
            subjectKeyIdentifier = hash
            [server_ext]
            basicConstraints = critical,CA:FALSE
            keyUsage = critical,digitalSignature,keyEncipherment
            extendedKeyUsage = serverAuth
            subjectAltName = DNS:localhost,IP:127.0.0.1
            subjectKeyIdentifier = hash
            authorityKeyIdentifier = keyid
            [wrong_host_ext]
            basicConstraints = critical,CA:FALSE
            keyUsage = critical,digitalSignature,keyEncipherment
            extendedKeyUsage = serverAuth
            subjectAltName = DNS:wrong.example
            subjectKeyIdentifier = hash
            authorityKeyIdentifier = keyid
            [client_ext]
            basicConstraints = critical,CA:FALSE
            keyUsage = critical,digitalSignature,keyEncipherment
            extendedKeyUsage = clientAuth
            subjectKeyIdentifier = hash
            authorityKeyIdentifier = keyid
            """;

    private final Path directory;
    private final String clientCommonName;

    private TestCertificates(Path directory, String clientCommonName) {
        this.directory = directory;
        this.clientCommonName = clientCommonName;
    }

    /**
     * Generates every certificate and key into {@code dir} (created if missing). Blocking; runs {@code openssl}
     * about a dozen times.
     *
     * @param clientCommonName the CN of the client certificate, e.g. the user name for EXTERNAL authentication;
     *                         letters, digits, {@code -}, {@code _} and {@code .} only
     * @throws RabbitNodeException when {@code openssl} fails or does not finish in time
     */
    public static TestCertificates generate(Path dir, String clientCommonName) {
        Objects.requireNonNull(dir, "dir");
        if (!clientCommonName.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("client common name must be letters, digits, '.', '_' or '-': "
                    + clientCommonName);
        }
        TestCertificates certificates = new TestCertificates(dir.toAbsolutePath(), clientCommonName);
        try {
            Files.createDirectories(dir);
            Files.writeString(certificates.file("openssl.cnf"), OPENSSL_CONFIG, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to " + dir, e);
        }
        certificates.makeCa("ca", "Warren Test CA");
        certificates.makeLeaf("server", "localhost", "ca", "server_ext");
        certificates.makeLeaf("client", clientCommonName, "ca", "client_ext");
        certificates.makeLeaf("wrong-host-server", "wrong.example", "ca", "wrong_host_ext");
        certificates.makeCa("untrusted-ca", "Warren Untrusted Test CA");
        certificates.makeLeaf("untrusted-client", clientCommonName, "untrusted-ca", "client_ext");
        return certificates;
    }

    private void makeCa(String name, String commonName) {
        openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", key(name));
        openssl("req", "-x509", "-new", "-config", path("openssl.cnf"), "-extensions", "ca_ext",
                "-key", key(name), "-subj", "/CN=" + commonName, "-days", "3650", "-sha256", "-out", cert(name));
    }

    private void makeLeaf(String name, String commonName, String issuer, String extensions) {
        openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", key(name));
        openssl("req", "-new", "-config", path("openssl.cnf"), "-key", key(name), "-subj", "/CN=" + commonName,
                "-out", path(name + ".csr"));
        byte[] serial = new byte[16];
        new SecureRandom().nextBytes(serial);
        serial[0] &= 0x7f; // a positive serial number
        openssl("x509", "-req", "-in", path(name + ".csr"), "-CA", cert(issuer), "-CAkey", key(issuer),
                "-set_serial", "0x" + HexFormat.of().formatHex(serial), "-days", "3650", "-sha256",
                "-extfile", path("openssl.cnf"), "-extensions", extensions, "-out", cert(name));
    }

    private void openssl(String... args) {
        List<String> command = new java.util.ArrayList<>();
        command.add("openssl");
        command.addAll(List.of(args));
        ExternalCommand.Result result = ExternalCommand.run(command, System.getenv(), directory, OPENSSL_TIMEOUT);
        if (result.exitCode() != 0) {
            throw new RabbitNodeException(String.join(" ", command) + " exited with " + result.exitCode() + ":\n"
                    + result.stderr() + result.stdout());
        }
    }

    private Path file(String name) {
        return directory.resolve(name);
    }

    private String path(String name) {
        return file(name).toString();
    }

    private String key(String name) {
        return path(name + ".key");
    }

    private String cert(String name) {
        return path(name + ".pem");
    }

    /** The folder holding every file. */
    public Path directory() {
        return directory;
    }

    /** The CN of {@link #clientCertificate()}. */
    public String clientCommonName() {
        return clientCommonName;
    }

    /** The CA that signed the server, client and wrong-host certificates: what clients and servers trust. */
    public Path caCertificate() {
        return file("ca.pem");
    }

    /** Server certificate: CN=localhost, subjectAltName DNS:localhost and IP:127.0.0.1, signed by the CA. */
    public Path serverCertificate() {
        return file("server.pem");
    }

    public Path serverKey() {
        return file("server.key");
    }

    /** Client certificate with the CN given to {@link #generate}, signed by the CA. */
    public Path clientCertificate() {
        return file("client.pem");
    }

    public Path clientKey() {
        return file("client.key");
    }

    /** A CA that signed none of the server certificates: trusting only it must make a TLS handshake fail. */
    public Path untrustedCaCertificate() {
        return file("untrusted-ca.pem");
    }

    /** A client certificate with the same CN as {@link #clientCertificate()}, but signed by the untrusted CA. */
    public Path untrustedClientCertificate() {
        return file("untrusted-client.pem");
    }

    public Path untrustedClientKey() {
        return file("untrusted-client.key");
    }

    /** Signed by the trusted CA for {@code wrong.example} only: hostname verification against localhost fails. */
    public Path wrongHostServerCertificate() {
        return file("wrong-host-server.pem");
    }

    public Path wrongHostServerKey() {
        return file("wrong-host-server.key");
    }

    /**
     * A JDK {@link SSLContext} for clients that trusts only {@link #caCertificate()} and, when asked, presents
     * {@link #clientCertificate()}. For tests that use plain JDK sockets or the official Java client.
     */
    public SSLContext clientSslContext(boolean presentClientCertificate) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", readCertificate(caCertificate()));
            TrustManagerFactory trustManagers =
                    TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trust);
            KeyManager[] keyManagers = null;
            if (presentClientCertificate) {
                char[] password = "test".toCharArray();
                KeyStore identity = KeyStore.getInstance("PKCS12");
                identity.load(null, null);
                identity.setKeyEntry("client", readPrivateKey(clientKey()), password,
                        new Certificate[] {readCertificate(clientCertificate()), readCertificate(caCertificate())});
                KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                factory.init(identity, password);
                keyManagers = factory.getKeyManagers();
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers, trustManagers.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build an SSLContext from " + directory, e);
        }
    }

    /** Reads a PEM certificate file. */
    public static X509Certificate readCertificate(Path pem) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    /** Reads an unencrypted PKCS#8 PEM RSA key such as {@link #clientKey()}. */
    public static PrivateKey readPrivateKey(Path pem) throws IOException, GeneralSecurityException {
        String text = Files.readString(pem, StandardCharsets.US_ASCII);
        String base64 = text.replace("-----BEGIN PRIVATE KEY-----", "")
                .replace("-----END PRIVATE KEY-----", "")
                .replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }
}

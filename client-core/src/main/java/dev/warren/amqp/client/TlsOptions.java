package dev.warren.amqp.client;

import io.netty.handler.ssl.SslContext;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How a connection uses TLS. Either a ready {@link SslContext} of the caller's, or PEM files Warren builds one
 * from: a CA bundle to trust (the JDK's default trust store when absent) and, for client-certificate login
 * (SASL EXTERNAL), a certificate chain and PKCS#8 private key. The broker's host name is verified by default and
 * sent as SNI.
 *
 * @param sslContext           a client {@link SslContext} to use as it is, or {@code null} to build one
 * @param caCertificateFile    PEM file of trusted CAs, or {@code null} for the JDK's trust store
 * @param certificateFile      PEM client certificate chain, or {@code null}
 * @param keyFile              PEM (PKCS#8) private key of the client certificate, or {@code null}
 * @param verifyPeer           whether the broker's certificate is checked at all ({@code verify=verify_none} in a
 *                             URI turns it off; only for tests)
 * @param verifyHostname       whether the certificate must match the host name (HTTPS-style identification)
 * @param serverNameIndication the SNI host name to send, or {@code null} for the address's host
 */
public record TlsOptions(SslContext sslContext, Path caCertificateFile, Path certificateFile, Path keyFile,
                         boolean verifyPeer, boolean verifyHostname, String serverNameIndication) {

    public TlsOptions {
        if ((certificateFile == null) != (keyFile == null)) {
            throw new IllegalArgumentException("a client certificate needs both certificateFile and keyFile");
        }
    }

    /** TLS trusting the JDK's default CAs, with hostname verification. */
    public static TlsOptions defaults() {
        return new TlsOptions(null, null, null, null, true, true, null);
    }

    /** TLS with the caller's context; hostname verification stays on unless turned off. */
    public static TlsOptions of(SslContext sslContext) {
        return new TlsOptions(Objects.requireNonNull(sslContext, "sslContext"), null, null, null, true, true, null);
    }

    public TlsOptions withCaCertificate(Path file) {
        return new TlsOptions(sslContext, file, certificateFile, keyFile, verifyPeer, verifyHostname,
                serverNameIndication);
    }

    public TlsOptions withClientCertificate(Path certificate, Path key) {
        return new TlsOptions(sslContext, caCertificateFile, certificate, key, verifyPeer, verifyHostname,
                serverNameIndication);
    }

    public TlsOptions withVerifyPeer(boolean verify) {
        return new TlsOptions(sslContext, caCertificateFile, certificateFile, keyFile, verify, verify && verifyHostname,
                serverNameIndication);
    }

    public TlsOptions withVerifyHostname(boolean verify) {
        return new TlsOptions(sslContext, caCertificateFile, certificateFile, keyFile, verifyPeer, verify,
                serverNameIndication);
    }

    public TlsOptions withServerNameIndication(String host) {
        return new TlsOptions(sslContext, caCertificateFile, certificateFile, keyFile, verifyPeer, verifyHostname,
                host);
    }
}

package dev.warren.amqp.client.internal;

import dev.warren.amqp.client.AmqpException;
import dev.warren.amqp.client.TlsOptions;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;

import javax.net.ssl.SSLException;

/** Builds the client {@link SslContext} a connection's {@link TlsOptions} describe. */
final class TlsContexts {

    private TlsContexts() {
    }

    static SslContext build(TlsOptions tls) {
        if (tls.sslContext() != null) {
            if (!tls.sslContext().isClient()) {
                throw new AmqpException("the SslContext in TlsOptions is a server context; build it with "
                        + "SslContextBuilder.forClient()");
            }
            return tls.sslContext();
        }
        SslContextBuilder builder = SslContextBuilder.forClient();
        if (!tls.verifyPeer()) {
            builder.trustManager(InsecureTrustManagerFactory.INSTANCE);
        } else if (tls.caCertificateFile() != null) {
            builder.trustManager(tls.caCertificateFile().toFile());
        }
        if (tls.certificateFile() != null) {
            builder.keyManager(tls.certificateFile().toFile(), tls.keyFile().toFile());
        }
        if (tls.verifyHostname()) {
            builder.endpointIdentificationAlgorithm("HTTPS");
        } else {
            builder.endpointIdentificationAlgorithm(null);
        }
        try {
            return builder.build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new AmqpException("cannot build the TLS context from " + tls + ": " + e.getMessage(), e);
        }
    }
}

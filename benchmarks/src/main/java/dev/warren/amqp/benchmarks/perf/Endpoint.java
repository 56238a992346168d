package dev.warren.amqp.benchmarks.perf;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/** The host and port an AMQP URI points at, for probing and for error messages. */
public record Endpoint(String host, int port) {

    /**
     * @throws IllegalArgumentException when the text is not an {@code amqp://} or {@code amqps://} URI with a host
     */
    public static Endpoint of(String amqpUri) {
        URI uri;
        try {
            uri = new URI(amqpUri);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + amqpUri + "' is not a URI: " + e.getReason());
        }
        String scheme = uri.getScheme();
        boolean tls = "amqps".equalsIgnoreCase(scheme);
        if (!tls && !"amqp".equalsIgnoreCase(scheme)) {
            throw new IllegalArgumentException("'" + amqpUri + "' is not an amqp:// or amqps:// URI");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("'" + amqpUri + "' names no host");
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return new Endpoint(host, uri.getPort() == -1 ? (tls ? 5671 : 5672) : uri.getPort());
    }

    /** Opens and closes a TCP connection; returns why that failed, or empty when it worked. */
    public Optional<String> probe(int timeoutMillis) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), timeoutMillis);
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(ConnectError.reason(e));
        }
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}

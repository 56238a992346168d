package dev.warren.amqp.client;

import java.util.Objects;

/**
 * A broker address: host name or IP literal and port.
 *
 * @param host a host name, IPv4 literal or IPv6 literal (without brackets)
 * @param port 1..65535
 */
public record Address(String host, int port) {

    public static final int DEFAULT_PORT = 5672;
    public static final int DEFAULT_TLS_PORT = 5671;

    public Address {
        Objects.requireNonNull(host, "host");
        if (host.isEmpty()) {
            throw new IllegalArgumentException("host must not be empty");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1..65535, was " + port);
        }
    }

    /** {@code host:port}, with brackets around an IPv6 literal. */
    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}

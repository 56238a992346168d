package dev.warren.amqp.benchmarks.peer;

import java.util.Objects;

/**
 * How to run a {@link BenchmarkPeer}.
 *
 * @param mode        sink or source
 * @param host        the address to bind
 * @param port        the port to bind, 0 for an ephemeral one
 * @param messageSize the body size of the deliveries a source pushes
 */
public record PeerOptions(PeerMode mode, String host, int port, int messageSize) {

    public PeerOptions {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (messageSize < 0) {
            throw new IllegalArgumentException("messageSize cannot be negative: " + messageSize);
        }
    }

    /** On 127.0.0.1, an ephemeral port, 16-byte deliveries. */
    public static PeerOptions of(PeerMode mode) {
        return new PeerOptions(mode, "127.0.0.1", 0, 16);
    }

    public PeerOptions withPort(int value) {
        return new PeerOptions(mode, host, value, messageSize);
    }

    public PeerOptions withMessageSize(int value) {
        return new PeerOptions(mode, host, port, value);
    }
}

package dev.warren.amqp.client;

import dev.warren.amqp.client.internal.Connector;

import java.util.concurrent.CompletableFuture;

/**
 * The entry point: opens connections.
 *
 * <pre>{@code
 * Connection connection = AmqpClient.connect("amqp://guest:guest@localhost:5672/").get(10, TimeUnit.SECONDS);
 * Channel channel = connection.openChannel().get(10, TimeUnit.SECONDS);
 * channel.queueDeclare("jobs", QueueOptions.durable()).get(10, TimeUnit.SECONDS);
 * }</pre>
 */
public final class AmqpClient {

    private AmqpClient() {
    }

    /**
     * Connects: dials the addresses in order, then runs the AMQP handshake. The future completes with an open
     * connection, or fails with {@link ConnectFailedException} (no address reachable, each named with its cause),
     * {@link AuthenticationException}, {@link ConnectionClosedException} (the broker refused, e.g. a vhost the
     * user may not use), {@link AmqpTimeoutException} (handshake too slow) or another {@link AmqpException}.
     */
    public static CompletableFuture<Connection> connect(ConnectionOptions options) {
        return Connector.connect(options);
    }

    /**
     * Connects to an AMQP URI, such as {@code amqp://user:pass@host:5672/vhost?heartbeat=30}; see
     * {@link ConnectionOptions#fromUri(String)}.
     *
     * @throws IllegalArgumentException at once, naming the problem, when the URI is malformed
     */
    public static CompletableFuture<Connection> connect(String uri) {
        return connect(ConnectionOptions.fromUri(uri));
    }
}

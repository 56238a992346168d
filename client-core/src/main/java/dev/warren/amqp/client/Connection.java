package dev.warren.amqp.client;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * An open AMQP connection. Thread-safe: every method may be called from any thread and returns at once; work
 * happens on the connection's event loop and results arrive through futures. Get one from
 * {@link AmqpClient#connect}.
 */
public interface Connection extends AutoCloseable {

    /** The name announced to the broker ({@code connection_name}), or a generated one such as {@code warren-3}. */
    String name();

    ConnectionState state();

    boolean isOpen();

    /** Opens a channel; fails with {@link LimitExceededException} when channel-max channels are open. */
    CompletableFuture<Channel> openChannel();

    /** Closes with 200 "OK" and the configured close timeout. */
    CompletableFuture<CloseReason> closeAsync();

    /**
     * Closes with connection.close, waits up to {@code timeout} for close-ok, then closes the socket. Channels and
     * operations in flight fail with a {@link ConnectionClosedException} carrying this reason. Idempotent: later
     * calls return the same future.
     */
    CompletableFuture<CloseReason> closeAsync(int replyCode, String replyText, Duration timeout);

    /** Completes when the connection has closed, for whatever reason. */
    CompletableFuture<CloseReason> closeFuture();

    /** Why the connection closed, or {@code null} while it is not closed. */
    CloseReason closeReason();

    /** The broker's server properties from connection.start (product, version, capabilities, ...). */
    Map<String, Object> serverProperties();

    /** Whether the broker announced a capability, such as {@code publisher_confirms}. */
    boolean hasCapability(String capability);

    /** Negotiated channel-max: the highest channel number usable. */
    int channelMax();

    /** Negotiated frame-max, in bytes. */
    int frameMax();

    /** Negotiated heartbeat interval; {@link Duration#ZERO} when heartbeats are off. */
    Duration heartbeat();

    /** Whether the broker has blocked publishing on this connection (connection.blocked). */
    boolean isBlocked();

    /** Sends connection.update-secret (for example a renewed OAuth 2 token); completes on update-secret-ok. */
    CompletableFuture<Void> updateSecret(String newSecret, String reason);

    /**
     * Reads the socket's transport, addresses and effective options back from the kernel (getsockopt on the live
     * socket, never the configuration). Waits briefly for the connection's event loop on native transports, so it
     * throws {@link IllegalStateException} on another event loop's thread; use {@link #socketAsync()} there.
     */
    SocketReadback socket();

    /** {@link #socket()} without waiting: completes on the connection's event loop. */
    CompletableFuture<SocketReadback> socketAsync();

    /** The event loops, timer and callback executor this connection runs on. */
    ClientResources resources();

    void addListener(ConnectionListener listener);

    void removeListener(ConnectionListener listener);

    /** Closes and waits up to the close timeout plus one second. Throws on an event-loop thread. */
    @Override
    void close() throws ConnectionClosedException;
}

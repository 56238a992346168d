package dev.warren.amqp.benchmarks.peer;

import java.time.Duration;

/**
 * The few things the peer's tests do with a client, implemented by Warren and by the official client in both of
 * its I/O modes, so that every behaviour is checked with each client the peer is meant to measure.
 */
interface PeerClient extends AutoCloseable {

    enum Kind {
        WARREN, OFFICIAL_BLOCKING, OFFICIAL_NETTY;

        PeerClient connect(String uri, int heartbeatSeconds) throws Exception {
            return switch (this) {
                case WARREN -> WarrenPeerClient.connect(uri, heartbeatSeconds);
                case OFFICIAL_BLOCKING -> OfficialPeerClient.connect(uri, heartbeatSeconds, false);
                case OFFICIAL_NETTY -> OfficialPeerClient.connect(uri, heartbeatSeconds, true);
            };
        }

        PeerClient connect(String uri) throws Exception {
            return connect(uri, 60);
        }
    }

    Duration TIMEOUT = Duration.ofSeconds(30);

    /** On a new channel in confirm mode: publishes, and returns once every publish was acked (fails otherwise). */
    void publishConfirmed(int count, int bodySize) throws Exception;

    /** On a new channel without confirms: publishes, and returns once everything was handed to the socket. */
    void publishUnconfirmed(int count, int bodySize) throws Exception;

    /** Declares a queue ({@code ""} for a server-named one) and returns its name. */
    String declareQueue(String name) throws Exception;

    /**
     * On a new channel: consumes {@code queue} into {@code recorder}; with manual acks and a prefetch above 0,
     * basic.qos comes first.
     */
    void consume(String queue, boolean autoAck, int prefetch, DeliveryRecorder recorder) throws Exception;

    /** Acks on the consuming channel. */
    void ack(long deliveryTag, boolean multiple) throws Exception;

    boolean isOpen();

    /** Waits until the connection is closed, by either side. */
    boolean awaitClosed(Duration timeout) throws InterruptedException;

    /** The reply code of the connection.close that ended the connection, or 0 when it ended otherwise. */
    int closeReplyCode();

    /** A clean close by the client. */
    @Override
    void close() throws Exception;
}

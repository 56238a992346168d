package dev.warren.amqp.benchmarks.peer;

/**
 * A minimal AMQP 0-9-1 server for benchmarks: it completes the handshake with any client (any credentials, any
 * virtual host), answers the synchronous methods a benchmark sends, and then either discards publishes
 * ({@link PeerMode#SINK}) or pushes deliveries ({@link PeerMode#SOURCE}). It shows a client's own ceiling,
 * without a broker's limits.
 */
public final class BenchmarkPeer implements AutoCloseable {

    private BenchmarkPeer() {
    }

    /** Binds and returns once the peer accepts connections. */
    public static BenchmarkPeer start(PeerOptions options) throws InterruptedException {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** The port the peer listens on. */
    public int port() {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** {@code amqp://guest:guest@host:port}, for clients. */
    public String uri() {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** Closes the listening socket and every client connection; waits at most a few seconds. */
    @Override
    public void close() {
        throw new UnsupportedOperationException("not implemented yet");
    }
}

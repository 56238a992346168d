package dev.warren.amqp.benchmarks.e2e;

import dev.warren.amqp.benchmarks.peer.BenchmarkPeer;
import dev.warren.amqp.benchmarks.peer.PeerMode;
import dev.warren.amqp.benchmarks.peer.PeerOptions;

/**
 * What a benchmark talks to: the in-process {@link BenchmarkPeer}, started for the trial and closed with it, or
 * the RabbitMQ broker of {@link BrokerUri}.
 */
final class Endpoint implements AutoCloseable {

    /** The {@code target} parameter values. */
    static final String PEER = "peer";
    static final String BROKER = "broker";

    private final BenchmarkPeer peer;
    private final String uri;

    private Endpoint(BenchmarkPeer peer, String uri) {
        this.peer = peer;
        this.uri = uri;
    }

    /** A peer in {@code mode} (16-byte deliveries) for {@value #PEER}, the broker for {@value #BROKER}. */
    static Endpoint open(String target, PeerMode mode) throws InterruptedException {
        return switch (target) {
            case PEER -> peer(mode);
            case BROKER -> broker();
            default -> throw new IllegalArgumentException("unknown target '" + target + "'; expected " + PEER
                    + " or " + BROKER);
        };
    }

    static Endpoint peer(PeerMode mode) throws InterruptedException {
        BenchmarkPeer peer = BenchmarkPeer.start(PeerOptions.of(mode).withMessageSize(E2e.BODY_SIZE));
        return new Endpoint(peer, peer.uri());
    }

    static Endpoint broker() {
        return new Endpoint(null, BrokerUri.resolve());
    }

    String uri() {
        return uri;
    }

    @Override
    public void close() {
        if (peer != null) {
            peer.close();
        }
    }
}

package dev.warren.amqp.benchmarks.peer;

/** The user event {@link BenchmarkPeer#close()} sends each connection: close with 320 connection-forced. */
enum PeerShutdown {
    INSTANCE
}

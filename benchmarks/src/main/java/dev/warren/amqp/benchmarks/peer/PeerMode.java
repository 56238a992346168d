package dev.warren.amqp.benchmarks.peer;

/** What the benchmark peer does once a client has connected. */
public enum PeerMode {
    /** Discards every publish; acks publishes (batched, {@code multiple=true}) on channels in confirm mode. */
    SINK,
    /** Pushes basic.deliver frames to every consumer as fast as the client reads them. */
    SOURCE
}

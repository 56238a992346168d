package dev.warren.amqp.benchmarks.e2e;

import dev.warren.amqp.benchmarks.perf.ClientKind;

/**
 * One connection of one client library, reduced to what the end-to-end benchmarks do with it, so that each
 * benchmark method is the same code for every client. Every wait is bounded by {@link Await#TIMEOUT}.
 */
interface BenchmarkClient extends AutoCloseable {

    /**
     * The client name of Warren with its consumers on the event loop (its fastest path), next to {@code warren},
     * whose consumers run on the callback executor (its default, and the shape of the official client: the I/O
     * thread hands deliveries to another thread). For publishing the two are the same.
     */
    String WARREN_EVENT_LOOP = "warren-event-loop";

    /**
     * Connects. {@code client} is a {@link ClientKind} name ({@code warren}, {@code official-blocking},
     * {@code official-netty}) or {@value #WARREN_EVENT_LOOP}.
     */
    static BenchmarkClient connect(String client, String uri) throws Exception {
        if (WARREN_EVENT_LOOP.equals(client)) {
            return WarrenBenchmarkClient.connect(uri, true);
        }
        ClientKind kind = ClientKind.fromCliName(client);
        return switch (kind) {
            case WARREN -> WarrenBenchmarkClient.connect(uri, false);
            case OFFICIAL_BLOCKING, OFFICIAL_NETTY -> OfficialBenchmarkClient.connect(kind, uri);
        };
    }

    /**
     * Opens a channel that publishes {@code body} to the default exchange with {@code routingKey}, without
     * properties and not mandatory; in confirm mode when {@code confirms}.
     */
    Publisher publisher(String routingKey, byte[] body, boolean confirms) throws Exception;

    /** Declares a server-named, exclusive, auto-delete queue on this connection and returns its name. */
    String declareQueue() throws Exception;

    /**
     * Opens a channel and starts an auto-ack consumer on {@code queue} that counts each delivery (and its body
     * size) in {@code counter}. Returns once the consumer is registered.
     */
    void consume(String queue, DeliveryCounter counter) throws Exception;

    /** Closes the connection (and what the client made for it); waits at most a few seconds. */
    @Override
    void close() throws Exception;

    /** Publishes batches on one channel. Used by one thread at a time. */
    interface Publisher {

        /**
         * Publishes {@code count} messages and returns once they are out of the client: written to the socket
         * (flushed to the kernel) outside confirm mode, confirmed by the peer in confirm mode.
         */
        void publish(int count) throws Exception;
    }
}

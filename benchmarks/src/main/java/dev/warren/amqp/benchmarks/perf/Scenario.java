package dev.warren.amqp.benchmarks.perf;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * One perf run, as the command line describes it. Immutable; the same scenario is handed to every client of a
 * {@code --compare} run.
 *
 * @param uri             the AMQP URI to connect to
 * @param transport       Warren's transport ({@code nio}, {@code epoll}, {@code io_uring}) or {@code null} for
 *                        Warren's default; the official client ignores it
 * @param client          which client library runs the scenario
 * @param producers       producer count, each with its own connection and channel
 * @param consumers       consumer count, each with its own connection and channel
 * @param messageSize     body size in bytes; bodies of 8 bytes or more carry the publish time
 *                        ({@link System#nanoTime()}, big-endian) in their first 8 bytes for end-to-end latency
 *                        when the run has consumers (see {@link #hasTimestamps()})
 * @param ratePerProducer messages per second per producer, 0 for as fast as possible
 * @param confirmWindow   unconfirmed publishes allowed per producer, 0 for no publisher confirms
 * @param prefetch        basic.qos prefetch count per consumer, 0 for unlimited
 * @param autoAck         automatic acknowledgement; otherwise every delivery is acked singly
 * @param duration        how long to run, or {@code null} when {@code messageCount} bounds the run
 * @param messageCount    messages per producer, 0 for unlimited (then {@code duration} bounds the run)
 * @param exchange        the exchange to publish to ({@code ""} is the default exchange)
 * @param routingKey      the routing key to publish with; {@code null} means the queue's name
 * @param queue           the queue consumers read from; declared unless {@code declare} is false
 * @param queueArguments  x-arguments for the queue declaration
 * @param declare         whether to declare the queue (and bind it when the exchange is not the default one);
 *                        false against the benchmark peer, which accepts declarations but needs none
 * @param ioThreads       threads of Warren's event-loop group and of the official client's Netty-mode group, 0 for
 *                        one per core (the official client's blocking mode has a reader thread per connection)
 */
public record Scenario(String uri, String transport, ClientKind client, int producers, int consumers,
                       int messageSize, int ratePerProducer, int confirmWindow, int prefetch, boolean autoAck,
                       Duration duration, long messageCount, String exchange, String routingKey, String queue,
                       Map<String, Object> queueArguments, boolean declare, int ioThreads) {

    /** The I/O threads a client's event-loop group gets: {@link #ioThreads()}, or one per core. */
    public int effectiveIoThreads() {
        return ioThreads > 0 ? ioThreads : Runtime.getRuntime().availableProcessors();
    }

    /** Bodies at least this long carry their publish time. */
    public static final int TIMESTAMP_BYTES = 8;

    public Scenario {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(exchange, "exchange");
        Objects.requireNonNull(queue, "queue");
        queueArguments = Map.copyOf(queueArguments == null ? Map.of() : queueArguments);
        if (producers < 0 || consumers < 0 || producers + consumers == 0) {
            throw new IllegalArgumentException("need at least one producer or consumer");
        }
        if (messageSize < 0 || ratePerProducer < 0 || confirmWindow < 0 || prefetch < 0 || messageCount < 0
                || ioThreads < 0) {
            throw new IllegalArgumentException("sizes, rates, windows and counts cannot be negative");
        }
        if (duration == null && messageCount == 0) {
            throw new IllegalArgumentException("a run needs a duration or a message count");
        }
    }

    /** The routing key publishes use. */
    public String effectiveRoutingKey() {
        return routingKey != null ? routingKey : queue;
    }

    /**
     * Whether bodies carry a timestamp, so that end-to-end latency can be measured: only when they are long
     * enough and the run has consumers to read it. A producer-only run publishes one unchanging body, which lets
     * a client skip the per-message work a changing body would cost and no consumer would use.
     */
    public boolean hasTimestamps() {
        return messageSize >= TIMESTAMP_BYTES && consumers > 0;
    }

    public Scenario withClient(ClientKind value) {
        return new Scenario(uri, transport, value, producers, consumers, messageSize, ratePerProducer,
                confirmWindow, prefetch, autoAck, duration, messageCount, exchange, routingKey, queue,
                queueArguments, declare, ioThreads);
    }

    public Scenario withUri(String value) {
        return new Scenario(value, transport, client, producers, consumers, messageSize, ratePerProducer,
                confirmWindow, prefetch, autoAck, duration, messageCount, exchange, routingKey, queue,
                queueArguments, declare, ioThreads);
    }
}

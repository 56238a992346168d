package dev.warren.amqp.client;

import dev.warren.amqp.codec.table.FieldTables;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How to consume. Immutable; start from {@link #manualAck()} or {@link #autoAck()} and derive with the
 * {@code with...} methods.
 *
 * <ul>
 *   <li>{@code autoAck}: the broker considers a message acknowledged once sent (no {@code ack()} needed, no
 *       redelivery after a crash). For {@link Channel#deliveries} Warren acknowledges each message as it hands it
 *       to the subscriber instead, so that a slow subscriber still bounds what the broker sends.</li>
 *   <li>{@code prefetch}: basic.qos for this consumer, sent before basic.consume; 0 leaves the channel's setting.
 *       For {@link Channel#deliveries} it is also the most messages held in memory (default 256).</li>
 *   <li>{@code exclusive}, {@code noLocal}, {@code consumerTag} ("" lets the broker choose), {@code arguments}
 *       (e.g. {@code x-priority}).</li>
 *   <li>{@code onEventLoop}: run the handler on the connection's event loop (fastest; it must never block)
 *       instead of the callback executor.</li>
 *   <li>{@code zeroCopy}: bodies as retained buffers the handler releases, instead of {@code byte[]}.</li>
 *   <li>{@code maxMessages}: end the consumer after this many deliveries (0: no limit); a
 *       {@link Channel#deliveries} stream then completes.</li>
 *   <li>{@code maxBufferedDeliveries}: for a callback consumer off the event loop, the most deliveries waiting
 *       for its handler before the connection stops reading (default 0: no bound; see
 *       {@link #withMaxBufferedDeliveries}).</li>
 * </ul>
 */
public final class ConsumeOptions {

    private static final int DEFAULT_STREAM_PREFETCH = 256;
    private static final int NO_BUFFER_BOUND = 0;

    private final boolean autoAck;
    private final boolean exclusive;
    private final boolean noLocal;
    private final String consumerTag;
    private final Map<String, Object> arguments;
    private final int prefetch;
    private final boolean onEventLoop;
    private final boolean zeroCopy;
    private final long maxMessages;
    private final int maxBufferedDeliveries;

    private ConsumeOptions(boolean autoAck, boolean exclusive, boolean noLocal, String consumerTag,
                           Map<String, ?> arguments, int prefetch, boolean onEventLoop, boolean zeroCopy,
                           long maxMessages, int maxBufferedDeliveries) {
        this.autoAck = autoAck;
        this.exclusive = exclusive;
        this.noLocal = noLocal;
        this.consumerTag = Objects.requireNonNull(consumerTag, "consumerTag");
        this.arguments = FieldTables.immutable(arguments);
        if (prefetch < 0 || prefetch > 65535) {
            throw new IllegalArgumentException("prefetch must be 0..65535, was " + prefetch);
        }
        if (maxMessages < 0) {
            throw new IllegalArgumentException("maxMessages must not be negative, was " + maxMessages);
        }
        this.prefetch = prefetch;
        this.onEventLoop = onEventLoop;
        this.zeroCopy = zeroCopy;
        if (maxBufferedDeliveries < 0 || maxBufferedDeliveries == 1) {
            throw new IllegalArgumentException("maxBufferedDeliveries must be 0 (no bound) or at least 2, was "
                    + maxBufferedDeliveries);
        }
        this.maxMessages = maxMessages;
        this.maxBufferedDeliveries = maxBufferedDeliveries;
    }

    /** Manual acknowledgement, no prefetch set, broker-chosen tag. */
    public static ConsumeOptions manualAck() {
        return new ConsumeOptions(false, false, false, "", Map.of(), 0, false, false, 0,
                NO_BUFFER_BOUND);
    }

    /** Automatic acknowledgement. */
    public static ConsumeOptions autoAck() {
        return new ConsumeOptions(true, false, false, "", Map.of(), 0, false, false, 0,
                NO_BUFFER_BOUND);
    }

    public boolean isAutoAck() {
        return autoAck;
    }

    public boolean isExclusive() {
        return exclusive;
    }

    public boolean isNoLocal() {
        return noLocal;
    }

    public String consumerTag() {
        return consumerTag;
    }

    public Map<String, Object> arguments() {
        return arguments;
    }

    public int prefetch() {
        return prefetch;
    }

    /** The prefetch a {@link Channel#deliveries} stream uses: {@link #prefetch()}, or 256 when unset. */
    public int streamPrefetch() {
        return prefetch > 0 ? prefetch : DEFAULT_STREAM_PREFETCH;
    }

    public boolean isOnEventLoop() {
        return onEventLoop;
    }

    public boolean isZeroCopy() {
        return zeroCopy;
    }

    public long maxMessages() {
        return maxMessages;
    }

    public int maxBufferedDeliveries() {
        return maxBufferedDeliveries;
    }

    public ConsumeOptions withAutoAck(boolean value) {
        return new ConsumeOptions(value, exclusive, noLocal, consumerTag, arguments, prefetch, onEventLoop, zeroCopy,
                maxMessages, maxBufferedDeliveries);
    }

    public ConsumeOptions withExclusive(boolean value) {
        return new ConsumeOptions(autoAck, value, noLocal, consumerTag, arguments, prefetch, onEventLoop, zeroCopy,
                maxMessages, maxBufferedDeliveries);
    }

    public ConsumeOptions withNoLocal(boolean value) {
        return new ConsumeOptions(autoAck, exclusive, value, consumerTag, arguments, prefetch, onEventLoop, zeroCopy,
                maxMessages, maxBufferedDeliveries);
    }

    public ConsumeOptions withConsumerTag(String value) {
        return new ConsumeOptions(autoAck, exclusive, noLocal, value, arguments, prefetch, onEventLoop, zeroCopy,
                maxMessages, maxBufferedDeliveries);
    }

    public ConsumeOptions withArguments(Map<String, ?> value) {
        return new ConsumeOptions(autoAck, exclusive, noLocal, consumerTag, value, prefetch, onEventLoop, zeroCopy,
                maxMessages, maxBufferedDeliveries);
    }

    public ConsumeOptions withArgument(String name, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(arguments);
        copy.put(name, value);
        return withArguments(copy);
    }

    /** Consumer priority ({@code x-priority}): higher-priority consumers get messages first. */
    public ConsumeOptions withPriority(int priority) {
        return withArgument("x-priority", priority);
    }

    public ConsumeOptions withPrefetch(int value) {
        return new ConsumeOptions(autoAck, exclusive, noLocal, consumerTag, arguments, value, onEventLoop, zeroCopy,
                maxMessages, maxBufferedDeliveries);
    }

    /** Shorthand for {@link #withPrefetch(int)}. */
    public ConsumeOptions prefetch(int value) {
        return withPrefetch(value);
    }

    public ConsumeOptions withOnEventLoop(boolean value) {
        return new ConsumeOptions(autoAck, exclusive, noLocal, consumerTag, arguments, prefetch, value, zeroCopy,
                maxMessages, maxBufferedDeliveries);
    }

    public ConsumeOptions withZeroCopy(boolean value) {
        return new ConsumeOptions(autoAck, exclusive, noLocal, consumerTag, arguments, prefetch, onEventLoop, value,
                maxMessages, maxBufferedDeliveries);
    }

    public ConsumeOptions withMaxMessages(long value) {
        return new ConsumeOptions(autoAck, exclusive, noLocal, consumerTag, arguments, prefetch, onEventLoop,
                zeroCopy, value, maxBufferedDeliveries);
    }

    /**
     * Bounds the deliveries a callback consumer off the event loop holds while its handler catches up (default 0:
     * no bound). At this many, the connection stops reading from its socket until the handler has worked the
     * backlog down to half, and TCP holds the broker back. Use it with automatic acknowledgement, or manual
     * acknowledgement without a prefetch, where nothing else bounds what the broker sends; a {@link
     * Channel#deliveries} stream, or a prefetch with manual acks, bounds memory without it.
     *
     * <p>While reading is paused nothing else on the connection is read: no confirms, no RPC replies, no deliveries
     * for other consumers. A handler that waits for any of those on the same connection (a confirmed publish, a
     * {@code queueDeclare().join()}) would wait for ever: with this bound, such handlers must use another
     * connection. Closing the connection ends the pause.
     */
    public ConsumeOptions withMaxBufferedDeliveries(int value) {
        return new ConsumeOptions(autoAck, exclusive, noLocal, consumerTag, arguments, prefetch, onEventLoop,
                zeroCopy, maxMessages, value);
    }

    @Override
    public String toString() {
        return "ConsumeOptions[autoAck=" + autoAck + ", exclusive=" + exclusive + ", noLocal=" + noLocal
                + ", consumerTag='" + consumerTag + "', arguments=" + arguments + ", prefetch=" + prefetch
                + ", onEventLoop=" + onEventLoop + ", zeroCopy=" + zeroCopy + ", maxMessages=" + maxMessages
                + ", maxBufferedDeliveries=" + maxBufferedDeliveries + ']';
    }
}

package dev.warren.amqp.client;

import dev.warren.amqp.codec.table.FieldTables;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How a queue is declared. Immutable; start from {@link #defaults()}, {@link #durable()} or {@link #exclusive()}
 * and derive with the {@code with...} methods, e.g.
 * {@code QueueOptions.durable().withArgument("x-queue-type", "quorum")}.
 */
public final class QueueOptions {

    private static final QueueOptions DEFAULTS = new QueueOptions(false, false, false, Map.of());

    private final boolean durable;
    private final boolean exclusive;
    private final boolean autoDelete;
    private final Map<String, Object> arguments;

    private QueueOptions(boolean durable, boolean exclusive, boolean autoDelete, Map<String, ?> arguments) {
        this.durable = durable;
        this.exclusive = exclusive;
        this.autoDelete = autoDelete;
        this.arguments = FieldTables.immutable(arguments);
    }

    /** Not durable, not exclusive, not auto-delete, no arguments. */
    public static QueueOptions defaults() {
        return DEFAULTS;
    }

    /** Survives a broker restart. */
    public static QueueOptions durable() {
        return new QueueOptions(true, false, false, Map.of());
    }

    /** Exclusive and auto-delete: a private queue that goes away with its connection. */
    public static QueueOptions exclusive() {
        return new QueueOptions(false, true, true, Map.of());
    }

    public boolean isDurable() {
        return durable;
    }

    /** Used by this connection only, and deleted when it closes. */
    public boolean isExclusive() {
        return exclusive;
    }

    /** Deleted when its last consumer goes. */
    public boolean isAutoDelete() {
        return autoDelete;
    }

    /** Optional arguments such as {@code x-max-length}, {@code x-message-ttl}, {@code x-queue-type}. */
    public Map<String, Object> arguments() {
        return arguments;
    }

    public QueueOptions withDurable(boolean value) {
        return new QueueOptions(value, exclusive, autoDelete, arguments);
    }

    public QueueOptions withExclusive(boolean value) {
        return new QueueOptions(durable, value, autoDelete, arguments);
    }

    public QueueOptions withAutoDelete(boolean value) {
        return new QueueOptions(durable, exclusive, value, arguments);
    }

    public QueueOptions withArguments(Map<String, ?> value) {
        return new QueueOptions(durable, exclusive, autoDelete, value);
    }

    public QueueOptions withArgument(String name, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(arguments);
        copy.put(name, value);
        return new QueueOptions(durable, exclusive, autoDelete, copy);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof QueueOptions q && q.durable == durable && q.exclusive == exclusive
                && q.autoDelete == autoDelete && q.arguments.equals(arguments);
    }

    @Override
    public int hashCode() {
        return Objects.hash(durable, exclusive, autoDelete, arguments);
    }

    @Override
    public String toString() {
        return "QueueOptions[durable=" + durable + ", exclusive=" + exclusive + ", autoDelete=" + autoDelete
                + ", arguments=" + arguments + ']';
    }
}

package dev.warren.amqp.client;

import dev.warren.amqp.codec.table.FieldTables;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** How an exchange is declared. Immutable; start from {@link #defaults()} or {@link #durable()}. */
public final class ExchangeOptions {

    private static final ExchangeOptions DEFAULTS = new ExchangeOptions(false, false, false, Map.of());

    private final boolean durable;
    private final boolean autoDelete;
    private final boolean internal;
    private final Map<String, Object> arguments;

    private ExchangeOptions(boolean durable, boolean autoDelete, boolean internal, Map<String, ?> arguments) {
        this.durable = durable;
        this.autoDelete = autoDelete;
        this.internal = internal;
        this.arguments = FieldTables.immutable(arguments);
    }

    public static ExchangeOptions defaults() {
        return DEFAULTS;
    }

    /** Survives a broker restart. */
    public static ExchangeOptions durable() {
        return new ExchangeOptions(true, false, false, Map.of());
    }

    public boolean isDurable() {
        return durable;
    }

    /** Deleted when its last binding goes. */
    public boolean isAutoDelete() {
        return autoDelete;
    }

    /** Cannot be published to directly, only through exchange-to-exchange bindings. */
    public boolean isInternal() {
        return internal;
    }

    /** Optional arguments such as {@code alternate-exchange}. */
    public Map<String, Object> arguments() {
        return arguments;
    }

    public ExchangeOptions withDurable(boolean value) {
        return new ExchangeOptions(value, autoDelete, internal, arguments);
    }

    public ExchangeOptions withAutoDelete(boolean value) {
        return new ExchangeOptions(durable, value, internal, arguments);
    }

    public ExchangeOptions withInternal(boolean value) {
        return new ExchangeOptions(durable, autoDelete, value, arguments);
    }

    public ExchangeOptions withArgument(String name, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(arguments);
        copy.put(name, value);
        return new ExchangeOptions(durable, autoDelete, internal, copy);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExchangeOptions e && e.durable == durable && e.autoDelete == autoDelete
                && e.internal == internal && e.arguments.equals(arguments);
    }

    @Override
    public int hashCode() {
        return Objects.hash(durable, autoDelete, internal, arguments);
    }

    @Override
    public String toString() {
        return "ExchangeOptions[durable=" + durable + ", autoDelete=" + autoDelete + ", internal=" + internal
                + ", arguments=" + arguments + ']';
    }
}

package dev.warren.amqp.benchmarks.perf;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The clients the perf tool can drive: Warren, and the official RabbitMQ Java client in each of its I/O modes. */
public enum ClientKind {
    WARREN("warren"),
    /** {@code com.rabbitmq:amqp-client} with its default blocking socket I/O (a reader thread per connection). */
    OFFICIAL_BLOCKING("official-blocking"),
    /** {@code com.rabbitmq:amqp-client} with {@code ConnectionFactory.netty()} I/O. */
    OFFICIAL_NETTY("official-netty");

    private final String cliName;

    ClientKind(String cliName) {
        this.cliName = cliName;
    }

    /** The name used on the command line, in reports and in file names. */
    public String cliName() {
        return cliName;
    }

    public boolean isOfficial() {
        return this != WARREN;
    }

    public static ClientKind fromCliName(String name) {
        for (ClientKind kind : values()) {
            if (kind.cliName.equalsIgnoreCase(name)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown client '" + name + "'; expected one of "
                + Arrays.stream(values()).map(ClientKind::cliName).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return cliName;
    }
}

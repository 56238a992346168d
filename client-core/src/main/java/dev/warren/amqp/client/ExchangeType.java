package dev.warren.amqp.client;

/** The exchange types every RabbitMQ has. Any other type name (from a plugin) may be passed as a string. */
public final class ExchangeType {
    public static final String DIRECT = "direct";
    public static final String FANOUT = "fanout";
    public static final String TOPIC = "topic";
    public static final String HEADERS = "headers";

    private ExchangeType() {
    }
}

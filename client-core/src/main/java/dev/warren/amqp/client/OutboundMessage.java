package dev.warren.amqp.client;

import dev.warren.amqp.codec.content.BasicProperties;

import java.util.Objects;

/**
 * A message to publish through {@link Channel#publishAll}. The body array is not copied until the message is
 * encoded, so it must not change after the message is handed over.
 *
 * @param exchange   the exchange ({@code ""} for the default exchange)
 * @param routingKey the routing key
 * @param mandatory  whether the broker returns it when no queue is bound for it
 * @param properties its properties
 * @param body       its body
 */
public record OutboundMessage(String exchange, String routingKey, boolean mandatory, BasicProperties properties,
                              byte[] body) {

    public OutboundMessage {
        dev.warren.amqp.codec.table.ShortStrings.requireShortString(exchange, "exchange");
        dev.warren.amqp.codec.table.ShortStrings.requireShortString(routingKey, "routingKey");
        Objects.requireNonNull(properties, "properties");
        Objects.requireNonNull(body, "body");
    }

    public static OutboundMessage of(String exchange, String routingKey, byte[] body) {
        return new OutboundMessage(exchange, routingKey, false, BasicProperties.EMPTY, body);
    }
}

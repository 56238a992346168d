package dev.warren.amqp.client;

/**
 * Where a delivered message came from.
 *
 * @param deliveryTag the tag to acknowledge it with, unique per channel
 * @param redelivered whether the broker delivered it before (to this or another consumer)
 * @param exchange    the exchange it was published to ({@code ""} for the default exchange)
 * @param routingKey  the routing key it was published with
 * @param consumerTag the consumer it was delivered to, or {@code null} for basic.get
 */
public record Envelope(long deliveryTag, boolean redelivered, String exchange, String routingKey,
                       String consumerTag) {
}

package dev.warren.amqp.client;

import dev.warren.amqp.codec.content.BasicProperties;

/**
 * A message the broker returned with basic.return: a mandatory publish no queue was bound for (312 NO_ROUTE).
 *
 * @param replyCode  why, e.g. 312
 * @param replyText  why, in words
 * @param exchange   the exchange it was published to
 * @param routingKey its routing key
 * @param properties its properties
 * @param body       its body
 */
public record ReturnedMessage(int replyCode, String replyText, String exchange, String routingKey,
                              BasicProperties properties, byte[] body) {
}

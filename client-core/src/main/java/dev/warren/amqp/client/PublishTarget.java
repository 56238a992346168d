package dev.warren.amqp.client;

import dev.warren.amqp.codec.table.EncodedShortString;

/**
 * An exchange and routing key encoded once, for publishing to the same place many times without encoding the
 * names again on each publish.
 */
public final class PublishTarget {

    private final EncodedShortString exchange;
    private final EncodedShortString routingKey;
    private final boolean mandatory;

    private PublishTarget(EncodedShortString exchange, EncodedShortString routingKey, boolean mandatory) {
        this.exchange = exchange;
        this.routingKey = routingKey;
        this.mandatory = mandatory;
    }

    public static PublishTarget of(String exchange, String routingKey) {
        return new PublishTarget(EncodedShortString.of(exchange), EncodedShortString.of(routingKey), false);
    }

    /** The same target, publishing mandatory messages (returned when no queue is bound for them). */
    public PublishTarget mandatory() {
        return new PublishTarget(exchange, routingKey, true);
    }

    public EncodedShortString exchange() {
        return exchange;
    }

    public EncodedShortString routingKey() {
        return routingKey;
    }

    public boolean isMandatory() {
        return mandatory;
    }

    @Override
    public String toString() {
        return "PublishTarget[exchange='" + exchange + "', routingKey='" + routingKey + "'"
                + (mandatory ? ", mandatory" : "") + ']';
    }
}

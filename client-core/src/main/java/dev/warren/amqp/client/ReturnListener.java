package dev.warren.amqp.client;

/**
 * Receives messages the broker returns on a channel that is not in confirm mode (in confirm mode the publish's
 * future fails with a {@link MessageReturnedException} instead). Runs on the callback executor, in order.
 */
@FunctionalInterface
public interface ReturnListener {
    void onReturn(ReturnedMessage message);
}

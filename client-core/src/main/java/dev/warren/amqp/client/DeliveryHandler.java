package dev.warren.amqp.client;

/**
 * Handles a consumer's deliveries, one at a time, in delivery order. Runs on the callback executor by default,
 * or on the event loop when {@link ConsumeOptions#withOnEventLoop(boolean)} is set (then it must never block).
 * An exception thrown here does not stop the consumer or close anything: it goes to the connection's
 * {@link CallbackExceptionHandler}.
 */
@FunctionalInterface
public interface DeliveryHandler {

    void handle(Delivery delivery) throws Exception;

    /** The consumer ended: cancelled by the client, by the broker (e.g. its queue was deleted), or by a close. */
    default void onCancel(ConsumerCancelledException reason) {
    }
}

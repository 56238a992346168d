package dev.warren.amqp.client;

import org.slf4j.LoggerFactory;

/** Receives exceptions thrown by user callbacks (delivery handlers, return listeners). */
@FunctionalInterface
public interface CallbackExceptionHandler {

    /** Logs the exception at WARN and carries on. */
    CallbackExceptionHandler LOG = (channel, consumerTag, error) -> LoggerFactory
            .getLogger(CallbackExceptionHandler.class)
            .warn("A callback of channel {} (consumer {}) threw", channel, consumerTag, error);

    /**
     * @param channel     the channel whose callback threw
     * @param consumerTag the consumer, or {@code null} for callbacks that are not a consumer's
     * @param error       what it threw
     */
    void handle(Channel channel, String consumerTag, Throwable error);
}

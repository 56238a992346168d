package dev.warren.amqp.testing;

/**
 * Thrown by {@link TestBroker#get()} when no RabbitMQ broker could be found for the tests. The message names every
 * place that was tried and why each failed, so that the fix (start a broker, set {@code AMQP_TEST_URI}, start a
 * Docker engine) is clear from the test report alone.
 */
public final class BrokerUnavailableException extends RuntimeException {

    public BrokerUnavailableException(String message) {
        super(message);
    }

    public BrokerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

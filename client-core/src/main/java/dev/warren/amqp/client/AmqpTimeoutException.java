package dev.warren.amqp.client;

/** An operation did not finish within its configured timeout. The message names the operation and the timeout. */
public class AmqpTimeoutException extends AmqpException {

    private static final long serialVersionUID = 1L;

    public AmqpTimeoutException(String message) {
        super(message);
    }
}

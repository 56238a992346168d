package dev.warren.amqp.client;

/** The base of every exception Warren raises. Unchecked: they arrive through failed futures. */
public class AmqpException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public AmqpException(String message) {
        super(message);
    }

    public AmqpException(String message, Throwable cause) {
        super(message, cause);
    }
}

package dev.warren.amqp.testing;

/**
 * Something went wrong with a {@link RabbitNode} or an external program it ran: a node that did not start in time
 * or died while booting, a {@code rabbitmqctl} call that failed or timed out. The message carries what the program
 * printed and, for a node, the tail of its log.
 */
public final class RabbitNodeException extends RuntimeException {

    public RabbitNodeException(String message) {
        super(message);
    }

    public RabbitNodeException(String message, Throwable cause) {
        super(message, cause);
    }
}

package dev.warren.amqp.client;

import java.util.List;

/**
 * No address of the connection could be reached: the message names every address tried and why each failed
 * (refused, unknown host, connect timeout); the failures are attached as suppressed exceptions in order.
 */
public class ConnectFailedException extends AmqpException {

    private static final long serialVersionUID = 1L;

    public ConnectFailedException(String message, List<? extends Throwable> failures) {
        super(message, failures.isEmpty() ? null : failures.get(failures.size() - 1));
        for (Throwable failure : failures) {
            if (failure != getCause()) {
                addSuppressed(failure);
            }
        }
    }
}

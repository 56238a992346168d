package dev.warren.amqp.client;

/**
 * A configured bound was reached, and the operation failed at once instead of waiting or growing without limit:
 * for example too many RPCs in flight on a channel, or a full publish queue. The message names the bound and the
 * option that sets it.
 */
public class LimitExceededException extends AmqpException {

    private static final long serialVersionUID = 1L;

    public LimitExceededException(String message) {
        super(message);
    }
}

package dev.warren.amqp.client;

/**
 * The channel is closed, or closed while the operation was in flight. Soft errors from the broker (such as
 * 404 NOT_FOUND for a missing queue or 406 PRECONDITION_FAILED for a redeclaration with other arguments) close
 * only the channel and arrive as this exception; the connection and its other channels keep working.
 */
public class ChannelClosedException extends AmqpException {

    private static final long serialVersionUID = 1L;

    private final transient CloseReason reason;
    private final int channelNumber;

    public ChannelClosedException(String connectionName, int channelNumber, CloseReason reason) {
        super("channel " + channelNumber + " of connection " + connectionName + " is closed: " + reason.describe(),
                reason.cause());
        this.reason = reason;
        this.channelNumber = channelNumber;
    }

    public CloseReason reason() {
        return reason;
    }

    public int replyCode() {
        return reason.replyCode();
    }

    public String replyText() {
        return reason.replyText();
    }

    public int channelNumber() {
        return channelNumber;
    }
}

package dev.warren.amqp.client;

/**
 * The broker refused a publish in confirm mode with basic.nack: for example a queue with {@code x-overflow =
 * reject-publish} at its length limit, or an internal error. The message may be published again.
 */
public class PublishNackedException extends AmqpException {

    private static final long serialVersionUID = 1L;

    private final long sequenceNumber;

    public PublishNackedException(String connectionName, int channel, long sequenceNumber) {
        super("the broker nacked publish " + sequenceNumber + " on channel " + channel + " of connection "
                + connectionName + " (not accepted; it may be published again)");
        this.sequenceNumber = sequenceNumber;
    }

    /** The publish's sequence number on its channel (1 for the first publish after confirm.select). */
    public long sequenceNumber() {
        return sequenceNumber;
    }
}

package dev.warren.amqp.client;

/** A mandatory publish in confirm mode was returned by the broker: no queue was bound for it. */
public class MessageReturnedException extends AmqpException {

    private static final long serialVersionUID = 1L;

    private final transient ReturnedMessage returned;

    public MessageReturnedException(ReturnedMessage returned) {
        super("the broker returned the message published to exchange '" + returned.exchange()
                + "' with routing key '" + returned.routingKey() + "': " + returned.replyCode() + " "
                + returned.replyText());
        this.returned = returned;
    }

    public ReturnedMessage returnedMessage() {
        return returned;
    }
}

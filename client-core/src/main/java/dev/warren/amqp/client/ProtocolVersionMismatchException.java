package dev.warren.amqp.client;

/** The peer does not speak AMQP 0-9-1: it answered the protocol header with the header of another version. */
public class ProtocolVersionMismatchException extends AmqpException {

    private static final long serialVersionUID = 1L;

    public ProtocolVersionMismatchException(String message) {
        super(message);
    }
}

package dev.warren.amqp.client;

/**
 * The connection is closed, or closed while the operation was in flight. Carries the {@link CloseReason}: the
 * reply code and text, the method that caused a server close, and who initiated it. Hard errors from the broker
 * (such as 320 CONNECTION_FORCED or 530 NOT_ALLOWED) arrive as this exception.
 */
public class ConnectionClosedException extends AmqpException {

    private static final long serialVersionUID = 1L;

    private final transient CloseReason reason;
    private final String connectionName;

    public ConnectionClosedException(String connectionName, CloseReason reason) {
        super("connection " + connectionName + " is closed: " + reason.describe(), reason.cause());
        this.reason = reason;
        this.connectionName = connectionName;
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

    public String connectionName() {
        return connectionName;
    }
}

package dev.warren.amqp.client;

/**
 * A consumer ended. {@link #byServer()} tells a broker-side cancel (its queue was deleted, or a node holding it
 * went down) from the client's own {@code cancel()} or a closed channel.
 */
public class ConsumerCancelledException extends AmqpException {

    private static final long serialVersionUID = 1L;

    private final String consumerTag;
    private final boolean byServer;

    public ConsumerCancelledException(String consumerTag, String queue, boolean byServer, String why,
                                      Throwable cause) {
        super("consumer " + consumerTag + " of queue '" + queue + "' was cancelled " + why, cause);
        this.consumerTag = consumerTag;
        this.byServer = byServer;
    }

    public String consumerTag() {
        return consumerTag;
    }

    public boolean byServer() {
        return byServer;
    }
}

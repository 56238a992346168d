package dev.warren.amqp.client;

/**
 * The broker refused the credentials. RabbitMQ reports this with connection.close 403 ACCESS_REFUSED to clients
 * that announce the {@code authentication_failure_close} capability (Warren does), and older brokers by closing
 * the socket during the handshake; both arrive as this exception.
 */
public class AuthenticationException extends AmqpException {

    private static final long serialVersionUID = 1L;

    public AuthenticationException(String message) {
        super(message);
    }

    public AuthenticationException(String message, Throwable cause) {
        super(message, cause);
    }
}

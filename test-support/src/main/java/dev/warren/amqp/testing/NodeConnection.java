package dev.warren.amqp.testing;

/**
 * One client connection as {@code rabbitmqctl list_connections pid name peer_port} shows it on a
 * {@link RabbitNode}.
 *
 * @param pid      the Erlang process id of the connection, e.g. {@code <rabbit@localhost.1692.1234.0>}; the
 *                 argument {@link RabbitNode#closeConnection(String, String)} takes
 * @param name     the connection's name, e.g. {@code 127.0.0.1:41234 -> 127.0.0.1:5672}
 * @param peerPort the client's local port, which tells connections from the same host apart
 */
public record NodeConnection(String pid, String name, int peerPort) {
}

package dev.warren.amqp.benchmarks.perf;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

import java.io.IOException;
import java.util.Optional;

/**
 * Empties the scenario's queue between runs. Clients differ in speed, so a run whose consumers fall behind leaves
 * a backlog, and the next client's consumers would first receive those old messages, with their old timestamps.
 * Only queues the tool declares are purged; with {@code --no-declare} the queue is left alone.
 */
final class QueuePurger {

    private static final int TIMEOUT_MILLIS = 10_000;

    private QueuePurger() {
    }

    /** Purges {@code queue} if it exists; returns why that failed, or empty. */
    static Optional<String> purge(String uri, String queue) {
        ConnectionFactory factory = new ConnectionFactory();
        try {
            factory.setUri(uri);
        } catch (Exception e) {
            return Optional.of(ChildCommand.oneLine(e));
        }
        factory.setConnectionTimeout(TIMEOUT_MILLIS);
        factory.setHandshakeTimeout(TIMEOUT_MILLIS);
        factory.setChannelRpcTimeout(TIMEOUT_MILLIS);
        factory.setAutomaticRecoveryEnabled(false);
        try (Connection connection = factory.newConnection("warren-perf-purge")) {
            Channel channel = connection.createChannel();
            try {
                channel.queueDeclarePassive(queue);
            } catch (IOException notFound) {
                // No queue yet: nothing to purge; the failed passive declare closed the channel.
                return Optional.empty();
            }
            channel.queuePurge(queue);
            return Optional.empty();
        } catch (Exception e) {
            return Optional.of(ChildCommand.oneLine(e));
        }
    }
}

package dev.warren.amqp.benchmarks.perf;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;

import java.io.IOException;

/**
 * An official-client consumer, run on the connection's default consumer work pool: records the end-to-end latency
 * from the body's timestamp and acks each delivery singly unless the broker acks automatically.
 */
final class OfficialConsumer extends DefaultConsumer {

    private final Metrics metrics;
    private final RunFailures failures;
    private final boolean autoAck;
    private final String queue;

    OfficialConsumer(Channel channel, Metrics metrics, RunFailures failures, boolean autoAck, String queue) {
        super(channel);
        this.queue = queue;
        this.metrics = metrics;
        this.failures = failures;
        this.autoAck = autoAck;
    }

    @Override
    public void handleDelivery(String consumerTag, Envelope envelope, AMQP.BasicProperties properties,
                               byte[] body) {
        metrics.received(BodyTimestamps.latencyNanos(body));
        if (!autoAck) {
            try {
                getChannel().basicAck(envelope.getDeliveryTag(), false);
            } catch (IOException | RuntimeException e) {
                failures.record(e);
            }
        }
    }

    /** Only a cancel by the broker (its queue deleted, say) arrives here; a closed channel is counted elsewhere. */
    @Override
    public void handleCancel(String consumerTag) {
        failures.record(new IllegalStateException("the broker cancelled consumer " + consumerTag + " of queue '"
                + queue + "' (was the queue deleted?)"));
    }
}

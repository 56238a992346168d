package dev.warren.amqp.benchmarks.perf;

import com.rabbitmq.client.Channel;

import java.io.IOException;

/**
 * A producer on an official-client channel of its own (the client's channels must not be shared between
 * threads). {@code basicPublish} writes the frames before it returns (to the socket, or in Netty mode into a
 * buffer of its own), so the body array is reused for every message. With confirms, the window of
 * {@link OfficialConfirms} bounds what is unconfirmed.
 */
final class OfficialProducer extends ProducerLoop {

    private final Channel channel;
    private final OfficialConfirms confirms;
    private final String exchange;
    private final String routingKey;

    OfficialProducer(Scenario scenario, Metrics metrics, RunFailures failures, Channel channel,
                     OfficialConfirms confirms) {
        super(scenario, metrics, failures);
        this.channel = channel;
        this.confirms = confirms;
        this.exchange = scenario.exchange();
        this.routingKey = scenario.effectiveRoutingKey();
    }

    @Override
    protected boolean publishOne() throws InterruptedException {
        if (confirms != null && !confirms.window().acquire(() -> stopRequested() || !channel.isOpen())) {
            return false;
        }
        long sequenceNumber = channel.getNextPublishSeqNo();
        long publishedAt = BodyTimestamps.stamp(body);
        if (confirms != null) {
            confirms.published(sequenceNumber, publishedAt);
        }
        try {
            channel.basicPublish(exchange, routingKey, false, null, body);
        } catch (IOException | RuntimeException e) {
            // AlreadyClosedException (a RuntimeException) once the channel or connection is gone.
            if (confirms != null) {
                confirms.abandon(sequenceNumber);
            }
            failures.record(e);
            return false;
        }
        metrics.published(1);
        return true;
    }

    @Override
    protected int outstanding() {
        return confirms != null ? confirms.window().outstanding() : 0;
    }
}

package dev.warren.amqp.benchmarks.perf;

import dev.warren.amqp.client.ConsumeOptions;
import dev.warren.amqp.client.ConsumerCancelledException;
import dev.warren.amqp.client.Delivery;
import dev.warren.amqp.client.DeliveryHandler;

/**
 * A consumer's delivery handler, run on the connection's event loop: reads the body's timestamp straight from
 * Warren's read buffer (zero copy: nothing is allocated for the body), records the end-to-end latency and acks
 * the delivery singly unless the broker acks automatically. Never blocks.
 */
final class WarrenConsumer implements DeliveryHandler {

    private final Metrics metrics;
    private final RunFailures failures;
    private final boolean autoAck;

    WarrenConsumer(Metrics metrics, RunFailures failures, boolean autoAck) {
        this.metrics = metrics;
        this.failures = failures;
        this.autoAck = autoAck;
    }

    static ConsumeOptions options(Scenario scenario) {
        ConsumeOptions options = scenario.autoAck() ? ConsumeOptions.autoAck() : ConsumeOptions.manualAck();
        return options.withPrefetch(scenario.prefetch()).withOnEventLoop(true).withZeroCopy(true);
    }

    @Override
    public void handle(Delivery delivery) {
        long latency;
        try {
            latency = BodyTimestamps.latencyNanos(delivery.bodyBuffer());
        } finally {
            delivery.release();
        }
        metrics.received(latency);
        if (!autoAck) {
            delivery.ack();
        }
    }

    @Override
    public void onCancel(ConsumerCancelledException reason) {
        // A closing channel ends its consumers too; that close is counted once, by the driver's close listener.
        if (reason.byServer()) {
            failures.record(reason);
        }
    }
}

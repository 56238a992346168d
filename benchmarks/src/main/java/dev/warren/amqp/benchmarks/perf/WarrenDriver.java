package dev.warren.amqp.benchmarks.perf;

import dev.warren.amqp.client.AmqpClient;
import dev.warren.amqp.client.Channel;
import dev.warren.amqp.client.ChannelClosedException;
import dev.warren.amqp.client.ClientResources;
import dev.warren.amqp.client.Connection;
import dev.warren.amqp.client.ConnectionOptions;
import dev.warren.amqp.client.PublishOptions;
import dev.warren.amqp.client.QueueOptions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a scenario with Warren. Every connection runs on one {@link ClientResources} owned by the driver (the
 * scenario's transport, one I/O thread per core). Each producer and consumer has a connection and a channel of
 * its own; producers publish from a platform thread each ({@link WarrenProducer}), consumers handle deliveries on
 * the event loop ({@link WarrenConsumer}).
 *
 * <p>When the scenario declares, the queue is declared non-durable, non-exclusive and not auto-delete (so that it
 * outlives the connection that declared it, and a later run finds its backlog), with the scenario's arguments;
 * with an exchange other than the default one, the queue is bound to it with the routing key. The exchange
 * itself is never declared: it must exist (a built-in one such as {@code amq.direct} does).
 */
final class WarrenDriver extends BaseDriver {

    private static final Duration SETUP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(2);
    private static final int PRODUCER_QUEUE_CAPACITY = PublishOptions.defaults().queueCapacity();

    private final List<Connection> connections = new CopyOnWriteArrayList<>();
    private volatile ClientResources resources;

    WarrenDriver() {
    }

    @Override
    public void start(Scenario scenario, Metrics metrics) throws Exception {
        begin(scenario, metrics);
        try {
            resources = ClientResources.builder().transport(scenario.transport())
                    .ioThreads(scenario.effectiveIoThreads()).build();
            if (scenario.declare()) {
                declare(scenario);
            }
            for (int i = 1; i <= scenario.consumers(); i++) {
                startConsumer(scenario, metrics, i);
            }
            for (int i = 1; i <= scenario.producers(); i++) {
                producers.add(new WarrenProducer(scenario, metrics, failures, openProducerChannel(scenario, i)));
            }
            producers.start();
        } catch (Exception | Error e) {
            close();
            throw e;
        }
    }

    private void declare(Scenario scenario) throws Exception {
        Connection connection = connect("perf-declare", PublishOptions.defaults());
        try {
            Channel channel = await(connection.openChannel(), "opening a channel");
            await(channel.queueDeclare(scenario.queue(),
                    QueueOptions.defaults().withArguments(scenario.queueArguments())), "declaring the queue");
            if (!scenario.exchange().isEmpty()) {
                await(channel.queueBind(scenario.queue(), scenario.exchange(), scenario.effectiveRoutingKey(),
                        Map.of()), "binding the queue");
            }
        } finally {
            connections.remove(connection);
            connection.closeAsync(200, "declared", CLOSE_TIMEOUT);
        }
    }

    private void startConsumer(Scenario scenario, Metrics metrics, int index) throws Exception {
        Connection connection = connect("perf-consumer-" + index, PublishOptions.defaults());
        Channel channel = await(connection.openChannel(), "opening a channel");
        await(channel.consume(scenario.queue(), WarrenConsumer.options(scenario),
                new WarrenConsumer(metrics, failures, scenario.autoAck())), "starting a consumer");
        watch(channel);
    }

    private Channel openProducerChannel(Scenario scenario, int index) throws Exception {
        PublishOptions publishOptions = PublishOptions.defaults();
        if (scenario.confirmWindow() > 0) {
            // The producer's ConfirmWindow already bounds what is unconfirmed; this keeps the channel to the same
            // bound, and the queue large enough never to refuse a publish the window let through.
            publishOptions = publishOptions.withMaxUnconfirmed(scenario.confirmWindow())
                    .withQueueCapacity(Math.max(PRODUCER_QUEUE_CAPACITY, scenario.confirmWindow()));
        }
        Connection connection = connect("perf-producer-" + index, publishOptions);
        Channel channel = await(connection.openChannel(), "opening a channel");
        if (scenario.confirmWindow() > 0) {
            await(channel.confirmSelect(), "enabling publisher confirms");
        }
        watch(channel);
        return channel;
    }

    private Connection connect(String name, PublishOptions publishOptions) throws Exception {
        ConnectionOptions options = ConnectionOptions.fromUri(scenario.uri()).toBuilder()
                .resources(resources)
                .connectionName(name)
                .publishOptions(publishOptions)
                .callbackExceptionHandler((channel, consumerTag, error) -> failures.record(error))
                .build();
        Connection connection = await(AmqpClient.connect(options), "connecting");
        connections.add(connection);
        if (closed.get()) {
            connection.closeAsync(200, "driver closed", CLOSE_TIMEOUT);
            throw new IllegalStateException("the driver was closed while starting");
        }
        return connection;
    }

    /**
     * A channel closing once running, before the driver closes, is a failure of the run (a broker error, a lost
     * connection); during setup the failing step throws instead.
     */
    private void watch(Channel channel) {
        String connectionName = channel.connection().name();
        channel.closeFuture().thenAccept(reason -> failures.record(
                new ChannelClosedException(connectionName, channel.number(), reason)));
    }

    /** The name of the transport the connections run on ({@code nio}, {@code epoll}, ...), once started. */
    String transportName() {
        ClientResources r = resources;
        return r == null ? null : r.transport().name();
    }

    @Override
    public void close() throws InterruptedException {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        RunFailures f = failures;
        if (f != null) {
            f.closing();
        }
        producers.stop(Duration.ofSeconds(1));
        List<CompletableFuture<?>> closing = new ArrayList<>();
        for (Connection connection : connections) {
            try {
                closing.add(connection.closeAsync(200, "perf run over", CLOSE_TIMEOUT));
            } catch (RuntimeException e) {
                // Already closed or failing: nothing left to wait for.
            }
        }
        awaitQuietly(CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new)),
                CLOSE_TIMEOUT.plusSeconds(1));
        ClientResources r = resources;
        if (r != null) {
            awaitQuietly(r.shutdown(Duration.ZERO, CLOSE_TIMEOUT), CLOSE_TIMEOUT.plusSeconds(1));
        }
    }

    private static void awaitQuietly(CompletableFuture<?> future, Duration timeout) throws InterruptedException {
        try {
            future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // Closing is best effort and bounded: a connection that failed or hangs is left to the socket close.
        }
    }

    /** Waits for a setup step; its failure is thrown as the client reported it, not wrapped. */
    private static <T> T await(CompletableFuture<T> future, String what) throws Exception {
        try {
            return future.get(SETUP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = RunFailures.unwrap(e);
            if (cause instanceof Exception exception) {
                throw exception;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw e;
        } catch (TimeoutException e) {
            throw new TimeoutException(what + " took longer than " + SETUP_TIMEOUT.toSeconds() + " s");
        }
    }
}

package dev.warren.amqp.benchmarks.perf;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Runs a scenario with the official RabbitMQ Java client ({@code com.rabbitmq:amqp-client}), with its default
 * blocking socket I/O (a reader thread per connection) or with its Netty I/O. Automatic recovery is off: a lost
 * connection is a failure of the run, as it is for Warren. Each producer and consumer has a connection and a
 * channel of its own; producers publish from a platform thread each ({@link OfficialProducer}), consumers run on
 * each connection's default consumer work pool ({@link OfficialConsumer}).
 *
 * <p>In Netty mode every connection shares one NIO event-loop group owned by the driver, sized like Warren's
 * (one I/O thread per core), rather than the client's default of a group per connection.
 *
 * <p>Declarations are the same as {@link WarrenDriver}'s: a non-durable, non-exclusive, not auto-delete queue with
 * the scenario's arguments, bound to the scenario's exchange (which must exist) unless that is the default one.
 */
final class OfficialDriver extends BaseDriver {

    private static final int CLOSE_TIMEOUT_MILLIS = 2000;

    private final ClientKind kind;
    private final List<Connection> connections = new CopyOnWriteArrayList<>();
    private volatile EventLoopGroup eventLoopGroup;

    OfficialDriver(ClientKind kind) {
        if (!kind.isOfficial()) {
            throw new IllegalArgumentException(kind + " is not the official client");
        }
        this.kind = kind;
    }

    @Override
    public void start(Scenario scenario, Metrics metrics) throws Exception {
        begin(scenario, metrics);
        try {
            ConnectionFactory factory = connectionFactory(scenario);
            if (scenario.declare()) {
                declare(factory, scenario);
            }
            for (int i = 1; i <= scenario.consumers(); i++) {
                startConsumer(factory, scenario, metrics, i);
            }
            for (int i = 1; i <= scenario.producers(); i++) {
                producers.add(newProducer(factory, scenario, metrics, i));
            }
            producers.start();
        } catch (Exception | Error e) {
            close();
            throw e;
        }
    }

    private ConnectionFactory connectionFactory(Scenario scenario) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(scenario.uri());
        factory.setAutomaticRecoveryEnabled(false);
        factory.setTopologyRecoveryEnabled(false);
        if (kind == ClientKind.OFFICIAL_NETTY) {
            eventLoopGroup = new MultiThreadIoEventLoopGroup(scenario.effectiveIoThreads(),
                    new DefaultThreadFactory("official-netty", true), NioIoHandler.newFactory());
            factory.netty().eventLoopGroup(eventLoopGroup);
        }
        return factory;
    }

    private void declare(ConnectionFactory factory, Scenario scenario) throws Exception {
        try (Connection connection = factory.newConnection("perf-declare")) {
            Channel channel = connection.createChannel();
            channel.queueDeclare(scenario.queue(), false, false, false, scenario.queueArguments());
            if (!scenario.exchange().isEmpty()) {
                channel.queueBind(scenario.queue(), scenario.exchange(), scenario.effectiveRoutingKey());
            }
        }
    }

    private void startConsumer(ConnectionFactory factory, Scenario scenario, Metrics metrics, int index)
            throws Exception {
        Channel channel = connect(factory, "perf-consumer-" + index).createChannel();
        if (scenario.prefetch() > 0) {
            channel.basicQos(scenario.prefetch());
        }
        channel.basicConsume(scenario.queue(), scenario.autoAck(),
                new OfficialConsumer(channel, metrics, failures, scenario.autoAck(), scenario.queue()));
        watch(channel, null);
    }

    private OfficialProducer newProducer(ConnectionFactory factory, Scenario scenario, Metrics metrics, int index)
            throws Exception {
        Channel channel = connect(factory, "perf-producer-" + index).createChannel();
        OfficialConfirms confirms = null;
        if (scenario.confirmWindow() > 0) {
            confirms = new OfficialConfirms(scenario.confirmWindow(), metrics);
            channel.addConfirmListener(confirms);
            channel.confirmSelect();
        }
        watch(channel, confirms);
        return new OfficialProducer(scenario, metrics, failures, channel, confirms);
    }

    private Connection connect(ConnectionFactory factory, String name) throws Exception {
        Connection connection = factory.newConnection(name);
        connections.add(connection);
        if (closed.get()) {
            connection.abort(CLOSE_TIMEOUT_MILLIS);
            throw new IllegalStateException("the driver was closed while starting");
        }
        return connection;
    }

    /**
     * A channel closing before the driver closes is a failure of the run, and so are the publishes it leaves
     * unconfirmed. Called on the client's I/O thread; does not block.
     */
    private void watch(Channel channel, OfficialConfirms confirms) {
        channel.addShutdownListener(cause -> {
            int lost = confirms == null ? 0 : confirms.channelClosed();
            if (!cause.isInitiatedByApplication()) {
                failures.record(cause);
                failures.record(lost, cause);
            }
        });
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
        closeConnections();
        EventLoopGroup group = eventLoopGroup;
        if (group != null) {
            group.shutdownGracefully(0, CLOSE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)
                    .await(CLOSE_TIMEOUT_MILLIS + 1000, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Closes every connection at once (each close waits for the broker's close-ok, up to a timeout, and for its
     * consumer work pool), so that closing takes a few seconds however many connections there are. Closing a
     * connection ends its consumers. {@code abort} never throws for a connection that is already closed.
     */
    private void closeConnections() throws InterruptedException {
        List<Thread> closers = new ArrayList<>();
        for (Connection connection : connections) {
            Thread closer = new Thread(() -> connection.abort(AMQP.REPLY_SUCCESS, "perf run over",
                    CLOSE_TIMEOUT_MILLIS), "perf-close-" + connection.getClientProvidedName());
            closer.setDaemon(true);
            closer.start();
            closers.add(closer);
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_TIMEOUT_MILLIS + 1000);
        for (Thread closer : closers) {
            long left = deadline - System.nanoTime();
            if (left > 0) {
                TimeUnit.NANOSECONDS.timedJoin(closer, left);
            }
        }
    }
}

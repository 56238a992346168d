package dev.warren.amqp.benchmarks.e2e;

import dev.warren.amqp.client.AmqpClient;
import dev.warren.amqp.client.Channel;
import dev.warren.amqp.client.ConnectionOptions;
import dev.warren.amqp.client.ConsumeOptions;
import dev.warren.amqp.client.Connection;
import dev.warren.amqp.client.OutboundMessage;
import dev.warren.amqp.client.PublishTarget;
import dev.warren.amqp.codec.content.BasicProperties;

import java.util.concurrent.CompletableFuture;

/**
 * Warren with its defaults: a connection that makes its own resources (one I/O thread on the best available
 * transport, epoll on Linux; the default callback executor).
 */
final class WarrenBenchmarkClient implements BenchmarkClient {

    private final Connection connection;
    private final Channel control;
    private final boolean consumeOnEventLoop;

    private WarrenBenchmarkClient(Connection connection, Channel control, boolean consumeOnEventLoop) {
        this.connection = connection;
        this.control = control;
        this.consumeOnEventLoop = consumeOnEventLoop;
    }

    static WarrenBenchmarkClient connect(String uri, boolean consumeOnEventLoop) throws Exception {
        ConnectionOptions options = ConnectionOptions.fromUri(uri).toBuilder().connectionName("warren-jmh").build();
        Connection connection = Await.result(AmqpClient.connect(options), "Warren connecting");
        try {
            Channel control = Await.result(connection.openChannel(), "Warren opening a channel");
            return new WarrenBenchmarkClient(connection, control, consumeOnEventLoop);
        } catch (Exception | Error e) {
            E2e.closeAfterFailure(e, connection);
            throw e;
        }
    }

    @Override
    public Publisher publisher(String routingKey, byte[] body, boolean confirms) throws Exception {
        Channel channel = Await.result(connection.openChannel(), "Warren opening a channel");
        PublishTarget target = PublishTarget.of("", routingKey);
        if (confirms) {
            Await.result(channel.confirmSelect(), "Warren confirm.select");
            return new ConfirmedPublisher(channel, target, body);
        }
        return new WrittenPublisher(channel, OutboundMessage.of("", routingKey, body), target);
    }

    @Override
    public String declareQueue() throws Exception {
        return Await.result(control.queueDeclare(), "Warren queue.declare").queue();
    }

    @Override
    public void consume(String queue, DeliveryCounter counter) throws Exception {
        Channel channel = Await.result(connection.openChannel(), "Warren opening a channel");
        ConsumeOptions options = ConsumeOptions.autoAck().withOnEventLoop(consumeOnEventLoop);
        Await.result(channel.consume(queue, options, delivery -> counter.onDelivery(delivery.body().length)),
                "Warren basic.consume");
    }

    @Override
    public void close() {
        connection.close();
    }

    /**
     * Outside confirm mode: all but the last message through {@link Channel#offer(OutboundMessage)} (Warren's
     * cheapest publish: the same immutable message queued again, no future), the last through
     * {@link Channel#publish(PublishTarget, BasicProperties, byte[])}, whose future completes when the write that
     * carries it has been flushed to the socket. The channel writes its queue in order, so that is when the whole
     * batch is on the wire: nothing is left queued in the client when the invocation ends.
     */
    private static final class WrittenPublisher implements Publisher {
        private final Channel channel;
        private final OutboundMessage message;
        private final PublishTarget target;

        WrittenPublisher(Channel channel, OutboundMessage message, PublishTarget target) {
            this.channel = channel;
            this.message = message;
            this.target = target;
        }

        @Override
        public void publish(int count) throws Exception {
            for (int i = 1; i < count; i++) {
                while (!channel.offer(message)) {
                    Await.result(channel.publishCapacity(), "waiting for room in Warren's publish queue");
                }
            }
            // Only this thread publishes, so the room seen here is still there for the last message.
            Await.result(channel.publishCapacity(), "waiting for room in Warren's publish queue");
            Await.result(channel.publish(target, BasicProperties.EMPTY, message.body()), "Warren writing a batch");
        }
    }

    /** In confirm mode: one future per publish, each completing on the broker's ack; waits for all of them. */
    private static final class ConfirmedPublisher implements Publisher {
        private final Channel channel;
        private final PublishTarget target;
        private final byte[] body;
        private CompletableFuture<?>[] pending = new CompletableFuture<?>[0];

        ConfirmedPublisher(Channel channel, PublishTarget target, byte[] body) {
            this.channel = channel;
            this.target = target;
            this.body = body;
        }

        @Override
        public void publish(int count) throws Exception {
            if (pending.length < count) {
                pending = new CompletableFuture<?>[count];
            }
            for (int i = 0; i < count; i++) {
                pending[i] = channel.publish(target, BasicProperties.EMPTY, body);
            }
            for (int i = 0; i < count; i++) {
                Await.result(pending[i], "Warren confirmed publish");
                pending[i] = null;
            }
        }
    }
}

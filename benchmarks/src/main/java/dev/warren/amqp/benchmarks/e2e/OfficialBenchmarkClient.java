package dev.warren.amqp.benchmarks.e2e;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import dev.warren.amqp.benchmarks.perf.ClientKind;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The official client ({@code com.rabbitmq:amqp-client}) with its defaults except automatic recovery, which is
 * off because Warren has none to pay for: blocking socket I/O (a reader thread per connection), or with
 * {@code ConnectionFactory.netty()} Netty NIO on an event-loop group of one thread made here (as Warren's
 * connection makes one I/O thread). Deliveries reach consumers on the client's consumer work pool in both modes.
 */
final class OfficialBenchmarkClient implements BenchmarkClient {

    private static final AMQP.BasicProperties EMPTY = new AMQP.BasicProperties();

    private final Connection connection;
    private final Channel control;
    private final EventLoopGroup group;

    private OfficialBenchmarkClient(Connection connection, Channel control, EventLoopGroup group) {
        this.connection = connection;
        this.control = control;
        this.group = group;
    }

    static OfficialBenchmarkClient connect(ClientKind kind, String uri) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(uri);
        factory.setAutomaticRecoveryEnabled(false);
        factory.setConnectionTimeout((int) Await.TIMEOUT.toMillis());
        EventLoopGroup group = null;
        if (kind == ClientKind.OFFICIAL_NETTY) {
            group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("official-netty", true),
                    NioIoHandler.newFactory());
            factory.netty().eventLoopGroup(group);
        }
        Connection connection = null;
        try {
            connection = factory.newConnection("official-jmh");
            return new OfficialBenchmarkClient(connection, connection.createChannel(), group);
        } catch (Exception | Error e) {
            EventLoopGroup created = group;
            E2e.closeAfterFailure(e, connection, () -> shutDown(created));
            throw e;
        }
    }

    @Override
    public Publisher publisher(String routingKey, byte[] body, boolean confirms) throws Exception {
        Channel channel = connection.createChannel();
        if (confirms) {
            channel.confirmSelect();
            return count -> {
                for (int i = 0; i < count; i++) {
                    channel.basicPublish("", routingKey, false, EMPTY, body);
                }
                channel.waitForConfirmsOrDie(Await.TIMEOUT.toMillis());
            };
        }
        return new WrittenPublisher(channel, routingKey, body);
    }

    @Override
    public String declareQueue() throws Exception {
        return control.queueDeclare().getQueue();
    }

    @Override
    public void consume(String queue, DeliveryCounter counter) throws Exception {
        Channel channel = connection.createChannel();
        channel.basicConsume(queue, true, new DefaultConsumer(channel) {
            @Override
            public void handleDelivery(String consumerTag, Envelope envelope, AMQP.BasicProperties properties,
                                       byte[] body) {
                counter.onDelivery(body.length);
            }
        });
    }

    @Override
    public void close() throws Exception {
        try {
            if (connection.isOpen()) {
                connection.close((int) TimeUnit.SECONDS.toMillis(5));
            }
        } finally {
            shutDown(group);
        }
    }

    private static void shutDown(EventLoopGroup group) throws InterruptedException {
        if (group != null) {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
        }
    }

    /**
     * Outside confirm mode: {@code basicPublish} for all but the last message; the last goes through the
     * {@code basicPublish} variant with a {@code WriteListener}, called once the write carrying it is done. In
     * blocking mode every {@code basicPublish} has already flushed the socket's stream when it returns (the
     * listener is called at once); in Netty mode {@code basicPublish} only queues the frames on the event loop, and
     * the listener reports when they have been flushed to the socket. Either way the whole batch is on the wire
     * when the invocation ends, as with Warren.
     */
    private static final class WrittenPublisher implements Publisher {
        private final Channel channel;
        private final String routingKey;
        private final byte[] body;

        WrittenPublisher(Channel channel, String routingKey, byte[] body) {
            this.channel = channel;
            this.routingKey = routingKey;
            this.body = body;
        }

        @Override
        public void publish(int count) throws Exception {
            for (int i = 1; i < count; i++) {
                channel.basicPublish("", routingKey, false, EMPTY, body);
            }
            CompletableFuture<Void> written = new CompletableFuture<>();
            channel.basicPublish("", routingKey, false, false, EMPTY, ByteBuffer.wrap(body), (ok, error) -> {
                if (ok) {
                    written.complete(null);
                } else {
                    written.completeExceptionally(error != null ? error
                            : new IllegalStateException("the official client reported a failed write"));
                }
            });
            Await.result(written, "the official client writing a batch");
        }
    }
}

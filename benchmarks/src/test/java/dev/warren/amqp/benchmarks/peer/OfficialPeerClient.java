package dev.warren.amqp.benchmarks.peer;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.ShutdownSignalException;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** {@link PeerClient} on the official RabbitMQ client, with blocking sockets or on Netty. */
final class OfficialPeerClient implements PeerClient {

    private final Connection connection;
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile Channel consuming;

    private OfficialPeerClient(Connection connection) {
        this.connection = connection;
        connection.addShutdownListener(cause -> closed.countDown());
        if (!connection.isOpen()) {
            closed.countDown();
        }
    }

    static OfficialPeerClient connect(String uri, int heartbeatSeconds, boolean netty) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(uri);
        factory.setRequestedHeartbeat(heartbeatSeconds);
        factory.setConnectionTimeout((int) TIMEOUT.toMillis());
        factory.setHandshakeTimeout((int) TIMEOUT.toMillis());
        factory.setChannelRpcTimeout((int) TIMEOUT.toMillis());
        factory.setAutomaticRecoveryEnabled(false);
        if (netty) {
            factory.netty();
        }
        return new OfficialPeerClient(factory.newConnection("peer-test"));
    }

    @Override
    public void publishConfirmed(int count, int bodySize) throws Exception {
        Channel channel = connection.createChannel();
        channel.confirmSelect();
        publish(channel, count, bodySize);
        channel.waitForConfirmsOrDie(TIMEOUT.toMillis());
    }

    @Override
    public void publishUnconfirmed(int count, int bodySize) throws Exception {
        publish(connection.createChannel(), count, bodySize);
    }

    private static void publish(Channel channel, int count, int bodySize) throws Exception {
        byte[] body = new byte[bodySize];
        for (int i = 0; i < count; i++) {
            channel.basicPublish("", "peer-test", null, body);
        }
    }

    @Override
    public String declareQueue(String name) throws Exception {
        Channel channel = connection.createChannel();
        AMQP.Queue.DeclareOk ok = name.isEmpty() ? channel.queueDeclare()
                : channel.queueDeclare(name, false, false, false, null);
        return ok.getQueue();
    }

    @Override
    public void consume(String queue, boolean autoAck, int prefetch, DeliveryRecorder recorder) throws Exception {
        Channel channel = connection.createChannel();
        consuming = channel;
        if (!autoAck && prefetch > 0) {
            channel.basicQos(prefetch);
        }
        channel.basicConsume(queue, autoAck,
                (tag, delivery) -> recorder.record(delivery.getEnvelope().getDeliveryTag(), delivery.getBody()),
                tag -> { });
    }

    @Override
    public void ack(long deliveryTag, boolean multiple) throws Exception {
        consuming.basicAck(deliveryTag, multiple);
    }

    @Override
    public boolean isOpen() {
        return connection.isOpen();
    }

    @Override
    public boolean awaitClosed(Duration timeout) throws InterruptedException {
        return closed.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public int closeReplyCode() {
        ShutdownSignalException cause = connection.getCloseReason();
        if (cause != null && cause.getReason() instanceof AMQP.Connection.Close close) {
            return close.getReplyCode();
        }
        return 0;
    }

    @Override
    public void close() throws Exception {
        if (connection.isOpen()) {
            connection.close((int) TIMEOUT.toMillis());
        }
    }
}

package dev.warren.amqp.benchmarks.peer;

import dev.warren.amqp.client.AmqpClient;
import dev.warren.amqp.client.Channel;
import dev.warren.amqp.client.CloseReason;
import dev.warren.amqp.client.ConsumeOptions;
import dev.warren.amqp.client.Connection;
import dev.warren.amqp.client.QueueOptions;
import dev.warren.amqp.codec.content.BasicProperties;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** {@link PeerClient} on Warren. */
final class WarrenPeerClient implements PeerClient {

    /** Publishes in flight at once: well inside Warren's default per-channel publish queue. */
    private static final int WINDOW = 1000;

    private final Connection connection;
    private volatile Channel consuming;

    private WarrenPeerClient(Connection connection) {
        this.connection = connection;
    }

    static WarrenPeerClient connect(String uri, int heartbeatSeconds) throws Exception {
        return new WarrenPeerClient(AmqpClient.connect(uri + "?heartbeat=" + heartbeatSeconds)
                .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
    }

    @Override
    public void publishConfirmed(int count, int bodySize) throws Exception {
        Channel channel = openChannel();
        get(channel.confirmSelect());
        publish(channel, count, bodySize);
    }

    @Override
    public void publishUnconfirmed(int count, int bodySize) throws Exception {
        publish(openChannel(), count, bodySize);
    }

    private static void publish(Channel channel, int count, int bodySize) throws Exception {
        byte[] body = new byte[bodySize];
        List<CompletableFuture<Void>> window = new ArrayList<>(WINDOW);
        for (int i = 0; i < count; i++) {
            window.add(channel.publish("", "peer-test", BasicProperties.EMPTY, body));
            if (window.size() == WINDOW || i == count - 1) {
                get(CompletableFuture.allOf(window.toArray(CompletableFuture[]::new)));
                window.clear();
            }
        }
    }

    @Override
    public String declareQueue(String name) throws Exception {
        Channel channel = openChannel();
        return get(name.isEmpty() ? channel.queueDeclare() : channel.queueDeclare(name, QueueOptions.defaults()))
                .queue();
    }

    @Override
    public void consume(String queue, boolean autoAck, int prefetch, DeliveryRecorder recorder) throws Exception {
        Channel channel = openChannel();
        consuming = channel;
        ConsumeOptions options = autoAck ? ConsumeOptions.autoAck() : ConsumeOptions.manualAck().prefetch(prefetch);
        get(channel.consume(queue, options, delivery -> recorder.record(delivery.deliveryTag(), delivery.body())));
    }

    @Override
    public void ack(long deliveryTag, boolean multiple) throws Exception {
        get(consuming.basicAck(deliveryTag, multiple));
    }

    @Override
    public boolean isOpen() {
        return connection.isOpen();
    }

    @Override
    public boolean awaitClosed(Duration timeout) throws InterruptedException {
        try {
            connection.closeFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            return true;
        }
    }

    @Override
    public int closeReplyCode() {
        CloseReason reason = connection.closeReason();
        return reason == null ? 0 : reason.replyCode();
    }

    @Override
    public void close() throws Exception {
        if (connection.isOpen()) {
            CloseReason reason = get(connection.closeAsync());
            if (!reason.isNormal()) {
                throw new AssertionError("the close was not clean: " + reason.describe());
            }
        }
    }

    private Channel openChannel() throws Exception {
        return get(connection.openChannel());
    }

    private static <T> T get(CompletableFuture<T> future) throws Exception {
        return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }
}

package dev.warren.amqp.client;

import dev.warren.amqp.codec.content.BasicProperties;
import io.netty.util.Timeout;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Request/reply over RabbitMQ's direct reply-to: requests carry {@code reply_to = amq.rabbitmq.reply-to} and a
 * correlation id, replies come back on a pseudo-queue with no queue to declare, and each reply completes the
 * future of its request. Thread-safe. Uses a channel of its own, which {@link #close()} closes.
 *
 * <pre>{@code
 * DirectReplyToClient rpc = DirectReplyToClient.create(connection).get(5, SECONDS);
 * Delivery reply = rpc.call("", "rpc_queue", BasicProperties.EMPTY, request, Duration.ofSeconds(5)).get();
 * }</pre>
 */
public final class DirectReplyToClient implements AutoCloseable {

    /** The pseudo-queue replies arrive on. */
    public static final String REPLY_TO = "amq.rabbitmq.reply-to";

    private static final AtomicLong CLIENT_IDS = new AtomicLong();

    private final Channel channel;
    private final ClientResources resources;
    private final String prefix = "warren-rpc-" + CLIENT_IDS.incrementAndGet() + "-";
    private final AtomicLong ids = new AtomicLong();
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    private static final class Pending {
        final CompletableFuture<Delivery> future;
        volatile Timeout timeout;

        Pending(CompletableFuture<Delivery> future) {
            this.future = future;
        }

        void cancelTimeout() {
            Timeout armed = timeout;
            if (armed != null) {
                armed.cancel();
            }
        }
    }

    private DirectReplyToClient(Channel channel, ClientResources resources) {
        this.channel = channel;
        this.resources = resources;
    }

    /**
     * Opens a channel on {@code connection} and starts consuming from {@link #REPLY_TO} (direct reply-to needs
     * the consumer before the first request). Uses the connection's resources' timer for timeouts.
     */
    public static CompletableFuture<DirectReplyToClient> create(Connection connection) {
        ClientResources resources = connection.resources();
        return connection.openChannel().thenCompose(channel -> {
            DirectReplyToClient client = new DirectReplyToClient(channel, resources);
            return channel.consume(REPLY_TO, ConsumeOptions.autoAck().withOnEventLoop(true), client::onReply)
                    .thenApply(consumer -> client)
                    .whenComplete((c, error) -> {
                        if (error != null) {
                            channel.closeAsync();
                        }
                    });
        });
    }

    /**
     * Sends a request and completes with the reply, or fails with {@link AmqpTimeoutException} after
     * {@code timeout}, or with the channel's close. The request's properties get {@code reply_to} and a
     * correlation id of Warren's, replacing any the caller set.
     */
    public CompletableFuture<Delivery> call(String exchange, String routingKey, BasicProperties properties,
                                            byte[] body, Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        String correlationId = prefix + ids.incrementAndGet();
        CompletableFuture<Delivery> result = new CompletableFuture<>();
        // Registered before the timer is armed, so that even a timeout of zero finds the request to fail.
        Pending waiting = new Pending(result);
        pending.put(correlationId, waiting);
        waiting.timeout = resources.timer().newTimeout(t -> {
            Pending expired = pending.remove(correlationId);
            if (expired != null) {
                expired.future.completeExceptionally(new AmqpTimeoutException("no reply to request "
                        + correlationId + " sent to exchange '" + exchange + "' with routing key '" + routingKey
                        + "' within " + timeout));
            }
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        BasicProperties request = properties.toBuilder().replyTo(REPLY_TO).correlationId(correlationId).build();
        channel.publish(exchange, routingKey, false, request, body).whenComplete((ok, error) -> {
            if (error != null) {
                Pending failed = pending.remove(correlationId);
                if (failed != null) {
                    failed.cancelTimeout();
                    failed.future.completeExceptionally(error);
                }
            }
        });
        return result;
    }

    private void onReply(Delivery delivery) {
        String correlationId = delivery.properties().correlationId();
        Pending waiting = correlationId == null ? null : pending.remove(correlationId);
        if (waiting != null) {
            waiting.cancelTimeout();
            waiting.future.completeAsync(() -> delivery, resources.callbackExecutor());
        }
    }

    /** Requests awaiting replies. */
    public int pendingCount() {
        return pending.size();
    }

    /** Closes the channel; requests still waiting fail. */
    @Override
    public void close() {
        channel.closeAsync();
        for (Map.Entry<String, Pending> entry : pending.entrySet()) {
            if (pending.remove(entry.getKey()) != null) {
                entry.getValue().cancelTimeout();
                entry.getValue().future.completeExceptionally(new AmqpException("the direct reply-to client "
                        + "closed before the reply to " + entry.getKey() + " arrived"));
            }
        }
    }
}

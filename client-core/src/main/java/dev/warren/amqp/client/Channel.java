package dev.warren.amqp.client;

import dev.warren.amqp.codec.content.BasicProperties;
import dev.warren.amqp.codec.method.BasicMethod;
import dev.warren.amqp.codec.method.ConfirmMethod;
import dev.warren.amqp.codec.method.ExchangeMethod;
import dev.warren.amqp.codec.method.Method;
import dev.warren.amqp.codec.method.QueueMethod;
import dev.warren.amqp.codec.method.TxMethod;

import io.netty.buffer.ByteBuf;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * An AMQP channel. Thread-safe: any thread may call any method, and every call returns at once with a future.
 * Synchronous methods are pipelined: many may be in flight at once (up to
 * {@link ConnectionOptions#maxPendingRpcs()}), and each future completes with the broker's reply, in order.
 * An error the broker reports closes the channel: the failing call and every later one in flight fail with a
 * {@link ChannelClosedException} that carries the reply code and text. The {@code ...NoWait} variants complete
 * when the method has been written, and the broker sends no reply.
 *
 * <p>Futures complete on the connection's event loop: callbacks attached to them must not block (use the
 * {@code ...Async} variants of {@link CompletableFuture} with an executor for blocking work).
 */
public interface Channel extends AutoCloseable {

    int number();

    Connection connection();

    boolean isOpen();

    /** Why the channel closed, or {@code null} while it is open. */
    CloseReason closeReason();

    /** Completes when the channel has closed, for whatever reason. */
    CompletableFuture<CloseReason> closeFuture();

    /** Closes with 200 "OK". */
    CompletableFuture<CloseReason> closeAsync();

    /** Sends channel.close and completes on close-ok (or when the close timeout passes). Idempotent. */
    CompletableFuture<CloseReason> closeAsync(int replyCode, String replyText);

    /** Closes and waits up to the close timeout. Throws on an event-loop thread. */
    @Override
    void close();

    // ---- exchanges

    CompletableFuture<ExchangeMethod.DeclareOk> exchangeDeclare(String exchange, String type,
                                                               ExchangeOptions options);

    /** Checks that the exchange exists; fails with 404 (closing the channel) when it does not. */
    CompletableFuture<ExchangeMethod.DeclareOk> exchangeDeclarePassive(String exchange);

    CompletableFuture<Void> exchangeDeclareNoWait(String exchange, String type, ExchangeOptions options);

    CompletableFuture<ExchangeMethod.DeleteOk> exchangeDelete(String exchange, boolean ifUnused);

    CompletableFuture<Void> exchangeDeleteNoWait(String exchange, boolean ifUnused);

    /** Binds exchange {@code destination} to {@code source} (a RabbitMQ extension). */
    CompletableFuture<ExchangeMethod.BindOk> exchangeBind(String destination, String source, String routingKey,
                                                         Map<String, Object> arguments);

    CompletableFuture<Void> exchangeBindNoWait(String destination, String source, String routingKey,
                                               Map<String, Object> arguments);

    CompletableFuture<ExchangeMethod.UnbindOk> exchangeUnbind(String destination, String source, String routingKey,
                                                             Map<String, Object> arguments);

    CompletableFuture<Void> exchangeUnbindNoWait(String destination, String source, String routingKey,
                                                 Map<String, Object> arguments);

    // ---- queues

    /** Declares a queue; the reply holds its name (the broker's, for an empty name) and its counts. */
    CompletableFuture<QueueMethod.DeclareOk> queueDeclare(String queue, QueueOptions options);

    /** Declares a server-named, exclusive, auto-delete queue. */
    CompletableFuture<QueueMethod.DeclareOk> queueDeclare();

    /** Checks that the queue exists and returns its counts; fails with 404 (closing the channel) when not. */
    CompletableFuture<QueueMethod.DeclareOk> queueDeclarePassive(String queue);

    CompletableFuture<Void> queueDeclareNoWait(String queue, QueueOptions options);

    CompletableFuture<QueueMethod.BindOk> queueBind(String queue, String exchange, String routingKey,
                                                   Map<String, Object> arguments);

    CompletableFuture<Void> queueBindNoWait(String queue, String exchange, String routingKey,
                                            Map<String, Object> arguments);

    CompletableFuture<QueueMethod.UnbindOk> queueUnbind(String queue, String exchange, String routingKey,
                                                       Map<String, Object> arguments);

    /** Removes every ready message; the reply holds how many. */
    CompletableFuture<QueueMethod.PurgeOk> queuePurge(String queue);

    CompletableFuture<Void> queuePurgeNoWait(String queue);

    /** Deletes a queue; the reply holds how many messages went with it. */
    CompletableFuture<QueueMethod.DeleteOk> queueDelete(String queue, boolean ifUnused, boolean ifEmpty);

    CompletableFuture<Void> queueDeleteNoWait(String queue, boolean ifUnused, boolean ifEmpty);

    // ---- basic, confirm, tx

    /**
     * Sets the prefetch: per consumer (RabbitMQ's meaning of {@code global=false}) or for the whole channel
     * ({@code global=true}).
     */
    CompletableFuture<BasicMethod.QosOk> basicQos(int prefetchCount, boolean global);

    CompletableFuture<BasicMethod.QosOk> basicQos(long prefetchSize, int prefetchCount, boolean global);

    /** Redelivers this channel's unacknowledged messages (requeued when {@code requeue}). */
    CompletableFuture<BasicMethod.RecoverOk> basicRecover(boolean requeue);

    /** Puts the channel in confirm mode (publisher confirms). */
    CompletableFuture<ConfirmMethod.SelectOk> confirmSelect();

    CompletableFuture<TxMethod.SelectOk> txSelect();

    CompletableFuture<TxMethod.CommitOk> txCommit();

    CompletableFuture<TxMethod.RollbackOk> txRollback();

    /**
     * Sends any synchronous method and completes with its reply; for methods this interface has no shortcut for.
     * A method without a reply completes with {@code null} once written.
     */
    CompletableFuture<Method> rpc(Method request);

    // ---- publishing

    /**
     * Publishes a message. The body is copied before this returns; the encoding happens on the event loop,
     * together with the rest of the burst, in one pooled buffer and one write. The future completes when the message has been
     * written to the socket, or, in confirm mode, when the broker confirms it; it fails with
     * {@link PublishNackedException} on a nack, {@link MessageReturnedException} for a mandatory message the broker
     * returned, {@link LimitExceededException} at once when the channel's publish queue is full, and
     * {@link ChannelClosedException} or {@link ConnectionClosedException} when the channel closes first. Never
     * blocks: while the socket is busy, the broker has blocked the connection, or the unconfirmed bound is reached,
     * the message waits in the channel's bounded queue.
     */
    CompletableFuture<Void> publish(String exchange, String routingKey, BasicProperties properties, byte[] body);

    /** As {@link #publish(String, String, BasicProperties, byte[])}, with the mandatory flag. */
    CompletableFuture<Void> publish(String exchange, String routingKey, boolean mandatory,
                                    BasicProperties properties, byte[] body);

    /** Publishes the remaining bytes of {@code body} (copied; the buffer's position does not move). */
    CompletableFuture<Void> publish(String exchange, String routingKey, boolean mandatory,
                                    BasicProperties properties, ByteBuffer body);

    /**
     * Publishes the readable bytes of {@code body} and takes over the caller's reference: Warren releases the
     * buffer once written (large bodies are written from it without a copy).
     */
    CompletableFuture<Void> publish(String exchange, String routingKey, boolean mandatory,
                                    BasicProperties properties, ByteBuf body);

    /** Publishes to a pre-encoded target (see {@link PublishTarget}). */
    CompletableFuture<Void> publish(PublishTarget target, BasicProperties properties, byte[] body);

    /**
     * Queues a publish without a future (the body is copied): returns {@code false}, and publishes nothing, when
     * the channel's publish queue is full. In confirm mode the confirm still counts against the unconfirmed bound;
     * a nack of such a publish is not reported, and a return goes to the return listeners.
     *
     * @throws AmqpException a {@link ChannelClosedException} or {@link ConnectionClosedException} when closed
     * @throws IllegalArgumentException when the properties do not fit the negotiated frame-max
     */
    boolean offer(PublishTarget target, BasicProperties properties, byte[] body);

    /**
     * The cheapest way to publish: queues {@code message} itself, neither copied nor wrapped, to be encoded on the
     * event loop together with the rest of its burst. The message (and its body array) must not change afterwards;
     * an unchanging message may be offered again and again. Returns {@code false} when the publish queue is full;
     * otherwise as {@link #offer(PublishTarget, BasicProperties, byte[])}.
     */
    boolean offer(OutboundMessage message);

    /** Completes when the channel's publish queue has room again; at once when it has room now. */
    CompletableFuture<Void> publishCapacity();

    /** Publishes waiting in the channel's queue right now. */
    int queuedPublishes();

    /**
     * Publishes every message of {@code messages} and emits one {@link PublishOutcome} per message, in publish
     * order. It requests messages from upstream only as fast as the unconfirmed bound (in confirm mode) or the
     * publish queue allows, and holds at most that many outcomes for a slow subscriber. Each subscription
     * subscribes to {@code messages} once.
     */
    Flow.Publisher<PublishOutcome> publishAll(Flow.Publisher<OutboundMessage> messages);

    /** Receives basic.return outside confirm mode (in confirm mode returns fail the publish's future). */
    void addReturnListener(ReturnListener listener);

    void removeReturnListener(ReturnListener listener);

    // ---- consuming

    /**
     * Starts a consumer (basic.qos first when the options set a prefetch); completes on consume-ok with the
     * consumer's handle. Deliveries reach {@code handler} one at a time, in order.
     */
    CompletableFuture<Consumer> consume(String queue, ConsumeOptions options, DeliveryHandler handler);

    /**
     * A queue's deliveries as a {@link Flow.Publisher}; each subscription is a consumer of its own. The
     * subscriber's demand is bounded by broker credit: with prefetch {@code n} (default 256) at most {@code n}
     * messages are unacknowledged and at most {@code n} wait in memory. Cancelling sends basic.cancel; a consumer
     * the broker cancels ends the stream with a {@link ConsumerCancelledException}.
     */
    Flow.Publisher<Delivery> deliveries(String queue, ConsumeOptions options);

    /**
     * Fetches one message (basic.get); an empty queue gives an empty optional. The delivery's
     * {@link Delivery#messageCount()} is the number of messages left.
     */
    CompletableFuture<Optional<Delivery>> basicGet(String queue, boolean autoAck);

    /** Acknowledges a delivery by tag (and with {@code multiple} all earlier ones). Any thread. */
    CompletableFuture<Void> basicAck(long deliveryTag, boolean multiple);

    CompletableFuture<Void> basicNack(long deliveryTag, boolean multiple, boolean requeue);

    CompletableFuture<Void> basicReject(long deliveryTag, boolean requeue);

    /** Cancels a consumer by tag; completes on cancel-ok. */
    CompletableFuture<Void> basicCancel(String consumerTag);
}

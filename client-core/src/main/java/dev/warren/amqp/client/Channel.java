package dev.warren.amqp.client;

import dev.warren.amqp.codec.method.BasicMethod;
import dev.warren.amqp.codec.method.ConfirmMethod;
import dev.warren.amqp.codec.method.ExchangeMethod;
import dev.warren.amqp.codec.method.Method;
import dev.warren.amqp.codec.method.QueueMethod;
import dev.warren.amqp.codec.method.TxMethod;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

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
}

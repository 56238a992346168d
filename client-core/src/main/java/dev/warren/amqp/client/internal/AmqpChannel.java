package dev.warren.amqp.client.internal;

import dev.warren.amqp.client.CallbackExceptionHandler;
import dev.warren.amqp.client.Channel;
import dev.warren.amqp.client.ChannelClosedException;
import dev.warren.amqp.client.ConsumeOptions;
import dev.warren.amqp.client.Consumer;
import dev.warren.amqp.client.ConsumerCancelledException;
import dev.warren.amqp.client.Delivery;
import dev.warren.amqp.client.DeliveryHandler;
import dev.warren.amqp.client.OutboundMessage;
import dev.warren.amqp.client.PublishOutcome;
import dev.warren.amqp.client.PublishTarget;
import dev.warren.amqp.client.ReturnListener;
import dev.warren.amqp.client.ReturnedMessage;
import dev.warren.amqp.client.CloseInitiator;
import dev.warren.amqp.client.CloseReason;
import dev.warren.amqp.client.Connection;
import dev.warren.amqp.client.ConnectionClosedException;
import dev.warren.amqp.client.ExchangeOptions;
import dev.warren.amqp.client.AmqpTimeoutException;
import dev.warren.amqp.client.LimitExceededException;
import dev.warren.amqp.client.QueueOptions;
import dev.warren.amqp.codec.ReplyCode;
import dev.warren.amqp.codec.content.BasicProperties;
import dev.warren.amqp.codec.frame.Command;
import dev.warren.amqp.codec.frame.PublishEncoder;
import dev.warren.amqp.codec.table.EncodedShortString;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import dev.warren.amqp.codec.frame.ContentTooLarge;
import dev.warren.amqp.codec.method.BasicMethod;
import dev.warren.amqp.codec.method.ChannelMethod;
import dev.warren.amqp.codec.method.ConfirmMethod;
import dev.warren.amqp.codec.method.ExchangeMethod;
import dev.warren.amqp.codec.method.Method;
import dev.warren.amqp.codec.method.MethodKind;
import dev.warren.amqp.codec.method.QueueMethod;
import dev.warren.amqp.codec.method.TxMethod;
import io.netty.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.function.Function;

/**
 * A channel. Its protocol state lives on the connection's event loop: the queue of synchronous methods awaiting
 * replies (answered in order, so many can be in flight), the open/closing/closed state and the flow flag. Public
 * methods build the method record on the caller's thread (so argument errors throw there) and hand the rest to
 * the loop.
 */
public final class AmqpChannel implements Channel {

    private static final Logger LOG = LoggerFactory.getLogger(AmqpChannel.class);

    enum State { OPENING, OPEN, CLOSING, CLOSED }

    final AmqpConnection connection;
    private final int number;
    private final CompletableFuture<CloseReason> closeFuture = new CompletableFuture<>();

    private volatile State state = State.OPENING;
    private volatile CloseReason closeReason;

    private final ChannelPublisher publisher;
    private final SerialExecutor callbackExecutor;
    private final CopyOnWriteArrayList<ReturnListener> returnListeners = new CopyOnWriteArrayList<>();
    private volatile NameCache nameCache = new NameCache("", EncodedShortString.EMPTY, "", EncodedShortString.EMPTY);

    // Event loop only.
    private final ArrayDeque<PendingRpc<?>> rpcs = new ArrayDeque<>();
    private final Map<String, ChannelConsumer> consumers = new HashMap<>();
    private CloseReason pendingCloseReason;
    private Timeout closeTimeout;
    /** The tx.commit awaiting its commit-ok, and the writes held until it comes (see {@link #writeInOrder}). */
    private PendingRpc<?> commitInFlight;
    private final ArrayDeque<Runnable> heldWrites = new ArrayDeque<>();
    private volatile boolean flowActive = true;
    private volatile boolean closedWithConnection;

    AmqpChannel(AmqpConnection connection, int number) {
        this.connection = connection;
        this.number = number;
        this.publisher = new ChannelPublisher(this, connection.options.publishOptions());
        this.callbackExecutor = new SerialExecutor(connection.callbackExecutor());
    }

    // ------------------------------------------------------------------ public API

    @Override
    public int number() {
        return number;
    }

    @Override
    public Connection connection() {
        return connection;
    }

    @Override
    public boolean isOpen() {
        return state == State.OPEN;
    }

    @Override
    public CloseReason closeReason() {
        return closeReason;
    }

    @Override
    public CompletableFuture<CloseReason> closeFuture() {
        return closeFuture;
    }

    @Override
    public CompletableFuture<CloseReason> closeAsync() {
        return closeAsync(ReplyCode.SUCCESS, "OK");
    }

    @Override
    public CompletableFuture<CloseReason> closeAsync(int replyCode, String replyText) {
        CloseReason reason = new CloseReason(replyCode, replyText, null, CloseInitiator.CLIENT, null);
        long barrier = publisher.methodCalled();
        connection.execute(() -> {
            publisher.runAfterQueued(barrier, () -> closeOnLoop(reason));
            publisher.methodArrived();
            if (state == State.OPEN) {
                // The close waits for the publishes queued before it; if they cannot go out (the broker blocks
                // the connection, confirms stop coming) it goes anyway after the close timeout, and they fail.
                connection.schedule(() -> closeOnLoop(reason), connection.options.closeTimeout().toMillis());
            }
        });
        return closeFuture;
    }

    @Override
    public void close() {
        Blocking.checkNotOnEventLoop("Channel.close()");
        Blocking.await(closeAsync(), connection.options.closeTimeout().plusSeconds(1),
                "closing channel " + number);
    }

    @Override
    public CompletableFuture<ExchangeMethod.DeclareOk> exchangeDeclare(String exchange, String type,
                                                                      ExchangeOptions o) {
        return call(new ExchangeMethod.Declare(exchange, type, false, o.isDurable(), o.isAutoDelete(), o.isInternal(),
                false, o.arguments()), ExchangeMethod.DeclareOk.class);
    }

    @Override
    public CompletableFuture<ExchangeMethod.DeclareOk> exchangeDeclarePassive(String exchange) {
        return call(new ExchangeMethod.Declare(exchange, "", true, false, false, false, false, Map.of()),
                ExchangeMethod.DeclareOk.class);
    }

    @Override
    public CompletableFuture<Void> exchangeDeclareNoWait(String exchange, String type, ExchangeOptions o) {
        return send(new ExchangeMethod.Declare(exchange, type, false, o.isDurable(), o.isAutoDelete(), o.isInternal(),
                true, o.arguments()));
    }

    @Override
    public CompletableFuture<ExchangeMethod.DeleteOk> exchangeDelete(String exchange, boolean ifUnused) {
        return call(new ExchangeMethod.Delete(exchange, ifUnused, false), ExchangeMethod.DeleteOk.class);
    }

    @Override
    public CompletableFuture<Void> exchangeDeleteNoWait(String exchange, boolean ifUnused) {
        return send(new ExchangeMethod.Delete(exchange, ifUnused, true));
    }

    @Override
    public CompletableFuture<ExchangeMethod.BindOk> exchangeBind(String destination, String source,
                                                                String routingKey, Map<String, Object> arguments) {
        return call(new ExchangeMethod.Bind(destination, source, routingKey, false, arguments),
                ExchangeMethod.BindOk.class);
    }

    @Override
    public CompletableFuture<Void> exchangeBindNoWait(String destination, String source, String routingKey,
                                                      Map<String, Object> arguments) {
        return send(new ExchangeMethod.Bind(destination, source, routingKey, true, arguments));
    }

    @Override
    public CompletableFuture<ExchangeMethod.UnbindOk> exchangeUnbind(String destination, String source,
                                                                    String routingKey,
                                                                    Map<String, Object> arguments) {
        return call(new ExchangeMethod.Unbind(destination, source, routingKey, false, arguments),
                ExchangeMethod.UnbindOk.class);
    }

    @Override
    public CompletableFuture<Void> exchangeUnbindNoWait(String destination, String source, String routingKey,
                                                        Map<String, Object> arguments) {
        return send(new ExchangeMethod.Unbind(destination, source, routingKey, true, arguments));
    }

    @Override
    public CompletableFuture<QueueMethod.DeclareOk> queueDeclare(String queue, QueueOptions o) {
        return call(new QueueMethod.Declare(queue, false, o.isDurable(), o.isExclusive(), o.isAutoDelete(), false,
                o.arguments()), QueueMethod.DeclareOk.class);
    }

    @Override
    public CompletableFuture<QueueMethod.DeclareOk> queueDeclare() {
        return queueDeclare("", QueueOptions.exclusive());
    }

    @Override
    public CompletableFuture<QueueMethod.DeclareOk> queueDeclarePassive(String queue) {
        return call(new QueueMethod.Declare(queue, true, false, false, false, false, Map.of()),
                QueueMethod.DeclareOk.class);
    }

    @Override
    public CompletableFuture<Void> queueDeclareNoWait(String queue, QueueOptions o) {
        return send(new QueueMethod.Declare(queue, false, o.isDurable(), o.isExclusive(), o.isAutoDelete(), true,
                o.arguments()));
    }

    @Override
    public CompletableFuture<QueueMethod.BindOk> queueBind(String queue, String exchange, String routingKey,
                                                          Map<String, Object> arguments) {
        return call(new QueueMethod.Bind(queue, exchange, routingKey, false, arguments), QueueMethod.BindOk.class);
    }

    @Override
    public CompletableFuture<Void> queueBindNoWait(String queue, String exchange, String routingKey,
                                                   Map<String, Object> arguments) {
        return send(new QueueMethod.Bind(queue, exchange, routingKey, true, arguments));
    }

    @Override
    public CompletableFuture<QueueMethod.UnbindOk> queueUnbind(String queue, String exchange, String routingKey,
                                                              Map<String, Object> arguments) {
        return call(new QueueMethod.Unbind(queue, exchange, routingKey, arguments), QueueMethod.UnbindOk.class);
    }

    @Override
    public CompletableFuture<QueueMethod.PurgeOk> queuePurge(String queue) {
        return call(new QueueMethod.Purge(queue, false), QueueMethod.PurgeOk.class);
    }

    @Override
    public CompletableFuture<Void> queuePurgeNoWait(String queue) {
        return send(new QueueMethod.Purge(queue, true));
    }

    @Override
    public CompletableFuture<QueueMethod.DeleteOk> queueDelete(String queue, boolean ifUnused, boolean ifEmpty) {
        return call(new QueueMethod.Delete(queue, ifUnused, ifEmpty, false), QueueMethod.DeleteOk.class);
    }

    @Override
    public CompletableFuture<Void> queueDeleteNoWait(String queue, boolean ifUnused, boolean ifEmpty) {
        return send(new QueueMethod.Delete(queue, ifUnused, ifEmpty, true));
    }

    @Override
    public CompletableFuture<BasicMethod.QosOk> basicQos(int prefetchCount, boolean global) {
        return basicQos(0, prefetchCount, global);
    }

    @Override
    public CompletableFuture<BasicMethod.QosOk> basicQos(long prefetchSize, int prefetchCount, boolean global) {
        return call(new BasicMethod.Qos(prefetchSize, prefetchCount, global), BasicMethod.QosOk.class);
    }

    @Override
    public CompletableFuture<BasicMethod.RecoverOk> basicRecover(boolean requeue) {
        return call(new BasicMethod.Recover(requeue), BasicMethod.RecoverOk.class);
    }

    @Override
    public CompletableFuture<ConfirmMethod.SelectOk> confirmSelect() {
        return call(new ConfirmMethod.Select(false), ConfirmMethod.SelectOk.class);
    }

    // ------------------------------------------------------------------ publishing

    @Override
    public CompletableFuture<Void> publish(String exchange, String routingKey, BasicProperties properties,
                                          byte[] body) {
        return publish(exchange, routingKey, false, properties, body);
    }

    @Override
    public CompletableFuture<Void> publish(String exchange, String routingKey, boolean mandatory,
                                          BasicProperties properties, byte[] body) {
        Objects.requireNonNull(body, "body");
        NameCache names = names(exchange, routingKey);
        return enqueue(names.exchangeEncoded, names.routingKeyEncoded, mandatory, properties, body.clone(), null);
    }

    @Override
    public CompletableFuture<Void> publish(String exchange, String routingKey, boolean mandatory,
                                          BasicProperties properties, ByteBuffer body) {
        Objects.requireNonNull(body, "body");
        byte[] copy = new byte[body.remaining()];
        body.duplicate().get(copy);
        NameCache names = names(exchange, routingKey);
        return enqueue(names.exchangeEncoded, names.routingKeyEncoded, mandatory, properties, copy, null);
    }

    @Override
    public CompletableFuture<Void> publish(String exchange, String routingKey, boolean mandatory,
                                          BasicProperties properties, ByteBuf body) {
        Objects.requireNonNull(body, "body");
        NameCache names;
        try {
            names = names(exchange, routingKey);
        } catch (RuntimeException e) {
            body.release();
            throw e;
        }
        return enqueue(names.exchangeEncoded, names.routingKeyEncoded, mandatory, properties, null, body);
    }

    @Override
    public CompletableFuture<Void> publish(PublishTarget target, BasicProperties properties, byte[] body) {
        Objects.requireNonNull(body, "body");
        return enqueue(target.exchange(), target.routingKey(), target.isMandatory(), properties, body.clone(), null);
    }

    @Override
    public boolean offer(PublishTarget target, BasicProperties properties, byte[] body) {
        Objects.requireNonNull(body, "body");
        checkOffer(properties);
        return publisher.offer(new PendingPublish(target.exchange(), target.routingKey(), target.isMandatory(),
                properties, body.clone(), null, null));
    }

    @Override
    public boolean offer(OutboundMessage message) {
        checkOffer(message.properties());
        return publisher.offer(message);
    }

    private void checkOffer(BasicProperties properties) {
        if (state != State.OPEN) {
            throw closedException();
        }
        PublishEncoder.checkProperties(properties, connection.negotiatedFrameMax());
    }

    /**
     * Queues a publish: its properties checked here (so that a caller's mistake throws in the caller), the encoding
     * left to the event loop. Takes over {@code bodyBuffer}.
     */
    private CompletableFuture<Void> enqueue(EncodedShortString exchange, EncodedShortString routingKey,
                                            boolean mandatory, BasicProperties properties, byte[] body,
                                            ByteBuf bodyBuffer) {
        CompletableFuture<Void> future = new CompletableFuture<>();
        try {
            Objects.requireNonNull(properties, "properties");
            PublishEncoder.checkProperties(properties, connection.negotiatedFrameMax());
        } catch (RuntimeException e) {
            if (bodyBuffer != null) {
                bodyBuffer.release();
            }
            throw e;
        }
        PendingPublish publish = new PendingPublish(exchange, routingKey, mandatory, properties, body, bodyBuffer,
                future);
        if (state != State.OPEN) {
            publish.fail(closedException());
        } else if (!publisher.offer(publish)) {
            publish.fail(publisher.queueFull());
        }
        return future;
    }

    @Override
    public CompletableFuture<Void> publishCapacity() {
        return publisher.capacity();
    }

    @Override
    public int queuedPublishes() {
        return publisher.queuedCount();
    }

    @Override
    public Flow.Publisher<PublishOutcome> publishAll(Flow.Publisher<OutboundMessage> messages) {
        return new BulkPublish(this, messages, connection.options.publishOptions());
    }

    @Override
    public void addReturnListener(ReturnListener listener) {
        returnListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public void removeReturnListener(ReturnListener listener) {
        returnListeners.remove(listener);
    }

    /** The encoded exchange and routing key, reusing the last ones when the same names come again. */
    private NameCache names(String exchange, String routingKey) {
        NameCache cache = nameCache;
        if (cache.matches(exchange, routingKey)) {
            return cache;
        }
        EncodedShortString exchangeEncoded = exchange.equals(cache.exchange) ? cache.exchangeEncoded
                : EncodedShortString.of(exchange);
        EncodedShortString routingKeyEncoded = routingKey.equals(cache.routingKey) ? cache.routingKeyEncoded
                : EncodedShortString.of(routingKey);
        cache = new NameCache(exchange, exchangeEncoded, routingKey, routingKeyEncoded);
        nameCache = cache;
        return cache;
    }

    private record NameCache(String exchange, EncodedShortString exchangeEncoded, String routingKey,
                             EncodedShortString routingKeyEncoded) {
        boolean matches(String e, String r) {
            return (e == exchange || e.equals(exchange)) && (r == routingKey || r.equals(routingKey));
        }
    }

    // ------------------------------------------------------------------ consuming

    @Override
    public CompletableFuture<Consumer> consume(String queue, ConsumeOptions options, DeliveryHandler handler) {
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(handler, "handler");
        CallbackConsumer consumer = new CallbackConsumer(this, queue, options, handler);
        return startConsumer(consumer).thenApply(c -> c);
    }

    @Override
    public Flow.Publisher<Delivery> deliveries(String queue, ConsumeOptions options) {
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(options, "options");
        return new DeliveryStream(this, queue, options);
    }

    @Override
    public CompletableFuture<Optional<Delivery>> basicGet(String queue, boolean autoAck) {
        return call(new BasicMethod.Get(queue, autoAck), command -> {
            if (command.method() instanceof BasicMethod.GetOk ok) {
                return Optional.of(AmqpDelivery.of(this, ok.deliveryTag(), ok.redelivered(), ok.exchange(),
                        ok.routingKey(), null, command.header().properties(), command.body(), false, autoAck,
                        ok.messageCount()));
            }
            return Optional.empty();
        });
    }

    @Override
    public CompletableFuture<Void> basicAck(long deliveryTag, boolean multiple) {
        return acknowledge(new BasicMethod.Ack(deliveryTag, multiple));
    }

    @Override
    public CompletableFuture<Void> basicNack(long deliveryTag, boolean multiple, boolean requeue) {
        return acknowledge(new BasicMethod.Nack(deliveryTag, multiple, requeue));
    }

    @Override
    public CompletableFuture<Void> basicReject(long deliveryTag, boolean requeue) {
        return acknowledge(new BasicMethod.Reject(deliveryTag, requeue));
    }

    @Override
    public CompletableFuture<Void> basicCancel(String consumerTag) {
        Objects.requireNonNull(consumerTag, "consumerTag");
        return call(new BasicMethod.Cancel(consumerTag, false), command -> {
            ChannelConsumer consumer = consumers.remove(consumerTag);
            if (consumer != null) {
                consumer.onCancelled(new ConsumerCancelledException(consumerTag, consumer.queue, false,
                        "by the client", null));
            }
            return null;
        });
    }

    /**
     * Acks, nacks and rejects: written without waiting for anything, in call order per thread, which keeps them in
     * order with the methods around them (an ack before a tx.commit is in that transaction, one after it is not).
     * Not once channel.close is sent: RabbitMQ takes a frame arriving after its close-ok as a connection error
     * (504).
     */
    private CompletableFuture<Void> acknowledge(Method method) {
        if (state != State.OPEN) {
            return CompletableFuture.failedFuture(closedException());
        }
        CompletableFuture<Void> result = new CompletableFuture<>();
        connection.execute(() -> writeInOrder(() -> {
            if (state != State.OPEN) {
                result.completeExceptionally(closedException());
                return;
            }
            writeOnLoop(method);
            result.complete(null);
        }));
        return result;
    }

    /** Starts a consumer: basic.qos when it has a prefetch, then basic.consume, pipelined. */
    <C extends ChannelConsumer> CompletableFuture<C> startConsumer(C consumer) {
        ConsumeOptions options = consumer.options;
        int prefetch = consumer.prefetch();
        if (prefetch > 0) {
            call(new BasicMethod.Qos(0, prefetch, false), BasicMethod.QosOk.class);
        }
        CompletableFuture<C> started = call(new BasicMethod.Consume(consumer.queue, options.consumerTag(),
                options.isNoLocal(), consumer.brokerAutoAck(), options.isExclusive(), false, options.arguments()),
                command -> {
                    String tag = ((BasicMethod.ConsumeOk) command.method()).consumerTag();
                    consumer.tag = tag;
                    consumers.put(tag, consumer);
                    return consumer;
                });
        started.whenComplete((c, error) -> {
            if (error != null) {
                consumer.onStartFailed(error);
            }
        });
        return started;
    }

    /** Puts back a delivery nobody will see: nack with requeue while the channel lives, then release. */
    void requeue(AmqpDelivery delivery) {
        if (state == State.OPEN && !delivery.isAutoAcked()) {
            basicReject(delivery.deliveryTag(), true);
        }
        delivery.release();
    }

    java.util.concurrent.Executor callbackExecutor() {
        return callbackExecutor;
    }

    void reportCallbackError(String consumerTag, Throwable error) {
        try {
            connection.callbackExceptionHandler().handle(this, consumerTag, error);
        } catch (RuntimeException e) {
            LOG.warn("{} the callback exception handler threw", connection.logPrefix(), e);
        }
    }

    @Override
    public CompletableFuture<TxMethod.SelectOk> txSelect() {
        return call(TxMethod.Select.INSTANCE, TxMethod.SelectOk.class);
    }

    @Override
    public CompletableFuture<TxMethod.CommitOk> txCommit() {
        return call(TxMethod.Commit.INSTANCE, TxMethod.CommitOk.class);
    }

    @Override
    public CompletableFuture<TxMethod.RollbackOk> txRollback() {
        return call(TxMethod.Rollback.INSTANCE, TxMethod.RollbackOk.class);
    }

    @Override
    public CompletableFuture<Method> rpc(Method request) {
        if (request.kind().classId() == 10 || request.kind() == MethodKind.CHANNEL_OPEN
                || request.kind() == MethodKind.CHANNEL_CLOSE) {
            throw new IllegalArgumentException(request.kind().amqpName()
                    + " is managed by the connection and channel themselves");
        }
        if (request.kind().responses().isEmpty() || isNoWait(request)) {
            return send(request).thenApply(v -> null);
        }
        return call(request, Command::method);
    }

    /** Whether a method with a nowait bit has it set, so that the broker sends no reply. */
    private static boolean isNoWait(Method method) {
        if (method instanceof BasicMethod.Consume m) {
            return m.nowait();
        } else if (method instanceof BasicMethod.Cancel m) {
            return m.nowait();
        } else if (method instanceof ExchangeMethod.Declare m) {
            return m.nowait();
        } else if (method instanceof ExchangeMethod.Delete m) {
            return m.nowait();
        } else if (method instanceof ExchangeMethod.Bind m) {
            return m.nowait();
        } else if (method instanceof ExchangeMethod.Unbind m) {
            return m.nowait();
        } else if (method instanceof QueueMethod.Declare m) {
            return m.nowait();
        } else if (method instanceof QueueMethod.Bind m) {
            return m.nowait();
        } else if (method instanceof QueueMethod.Purge m) {
            return m.nowait();
        } else if (method instanceof QueueMethod.Delete m) {
            return m.nowait();
        } else if (method instanceof ConfirmMethod.Select m) {
            return m.nowait();
        }
        return false;
    }

    @Override
    public String toString() {
        return "Channel[" + number + " of " + connection.connectionName() + ", " + state + ']';
    }

    // ------------------------------------------------------------------ RPC machinery

    /** Sends a synchronous method and completes with its reply, cast to {@code replyType}. */
    protected <T extends Method> CompletableFuture<T> call(Method request, Class<T> replyType) {
        return call(request, command -> replyType.cast(command.method()));
    }

    /**
     * Sends a synchronous method; {@code mapper} turns the reply into the result, on the event loop. The method is
     * written after every publish this thread queued before calling (see {@link ChannelPublisher#barrier()}), so
     * that, say, a tx.commit never overtakes the publishes it should commit.
     */
    protected <T> CompletableFuture<T> call(Method request, Function<Command, T> mapper) {
        CompletableFuture<T> result = new CompletableFuture<>();
        long barrier = publisher.methodCalled();
        connection.execute(() -> {
            sendRpcOnLoop(request, result, mapper, barrier);
            publisher.methodArrived();
        });
        return result;
    }

    private <T> void sendRpcOnLoop(Method request, CompletableFuture<T> result, Function<Command, T> mapper,
                                   long barrier) {
        PendingRpc<T> rpc = new PendingRpc<>(request.kind(), result, mapper);
        if (state == State.CLOSED || state == State.CLOSING) {
            rpc.fail(closedException());
            return;
        }
        long timeoutMillis = connection.options.rpcTimeout().toMillis();
        rpc.timeout = connection.schedule(() -> rpc.expire(new AmqpTimeoutException(request.kind().amqpName()
                + " on channel " + number + " of connection " + connection.connectionName()
                + " got no reply within " + timeoutMillis + " ms")), timeoutMillis);
        publisher.runAfterQueued(barrier, () -> writeRpc(request, rpc));
    }

    private <T> void writeRpc(Method request, PendingRpc<T> rpc) {
        writeInOrder(() -> writeRpcNow(request, rpc));
    }

    private <T> void writeRpcNow(Method request, PendingRpc<T> rpc) {
        if (rpc.abandoned) {
            // Timed out while waiting behind queued publishes or a commit: never written, so nothing to match.
            return;
        }
        if (state != State.OPEN && !(state == State.OPENING && request.kind() == MethodKind.CHANNEL_OPEN)) {
            rpc.fail(closedException());
            return;
        }
        if (rpcs.size() >= connection.options.maxPendingRpcs()) {
            rpc.fail(new LimitExceededException("channel " + number + " already has " + rpcs.size()
                    + " synchronous methods awaiting replies (maxPendingRpcs)"));
            return;
        }
        rpcs.add(rpc);
        if (request.kind() == MethodKind.TX_COMMIT) {
            commitInFlight = rpc;
        }
        if (request.kind() == MethodKind.CONFIRM_SELECT) {
            publisher.enterConfirmMode();
        }
        connection.write(Command.of(number, request)).addListener(written -> {
            // A method that cannot be encoded (its tables exceed frame-max) never reaches the broker, so no reply
            // will come for it: take it out of the queue and fail it with the encoder's reason.
            if (!written.isSuccess() && written.cause() instanceof IllegalArgumentException && rpcs.remove(rpc)) {
                rpc.fail(written.cause());
            }
        });
    }

    /**
     * Runs a write now, or, while a tx.commit awaits its commit-ok, once it has come, in order: RabbitMQ takes any
     * method sent on the channel meanwhile as a connection error (504 "unexpected command while processing
     * 'tx.commit'"). Publishes wait too (see {@link ChannelPublisher}). {@code write} itself must not come back
     * here. Event loop only.
     */
    private void writeInOrder(Runnable write) {
        if (isCommitting()) {
            heldWrites.add(write);
        } else {
            write.run();
        }
    }

    /** Whether writes on this channel must wait for a commit-ok (or behind writes that do). Event loop only. */
    boolean isCommitting() {
        return commitInFlight != null || !heldWrites.isEmpty();
    }

    private void releaseHeldWrites() {
        Runnable next;
        boolean ran = false;
        while (commitInFlight == null && (next = heldWrites.poll()) != null) {
            next.run();
            ran = true;
        }
        if (ran && connection.socketChannel() != null) {
            connection.flush();
        }
        publisher.scheduleDrain();
    }

    /** Sends a method that gets no reply; completes once written, after the publishes queued before it. */
    protected CompletableFuture<Void> send(Method request) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        long barrier = publisher.methodCalled();
        connection.execute(() -> {
            publisher.runAfterQueued(barrier, () -> writeInOrder(() -> {
                if (state != State.OPEN) {
                    result.completeExceptionally(closedException());
                    return;
                }
                connection.write(Command.of(number, request)).addListener(f -> {
                    if (f.isSuccess()) {
                        result.complete(null);
                    } else {
                        result.completeExceptionally(connection.state().isOpen() ? f.cause()
                                : connection.closedException());
                    }
                });
            }));
            publisher.methodArrived();
        });
        return result;
    }

    /** Writes a method without a future, for acks and the like; event loop only. */
    void writeOnLoop(Method method) {
        connection.writeVoid(Command.of(number, method));
    }

    // ------------------------------------------------------------------ lifecycle, event loop only

    void open(CompletableFuture<Channel> result) {
        CompletableFuture<AmqpChannel> opened = new CompletableFuture<>();
        sendRpcOnLoop(ChannelMethod.Open.INSTANCE, opened, reply -> {
            state = State.OPEN;
            return this;
        }, 0);
        opened.whenComplete((channel, error) -> {
            if (error != null) {
                if (state == State.OPENING) {
                    // The open itself failed or timed out: the number must not stay taken.
                    finish(new CloseReason(0, "channel.open failed: " + error.getMessage(), null,
                            CloseInitiator.CLIENT, error));
                }
                result.completeExceptionally(error);
            } else {
                result.complete(channel);
            }
        });
    }

    State state() {
        return state;
    }

    /**
     * The exception for using this channel now that it is closed: a {@link ConnectionClosedException} when it
     * went with its connection, else a {@link ChannelClosedException}; both carry the reason.
     */
    dev.warren.amqp.client.AmqpException closedException() {
        if (closedWithConnection) {
            return new ConnectionClosedException(connection.connectionName(), closeReason);
        }
        CloseReason reason = closeReason != null ? closeReason : pendingCloseReason;
        if (reason == null) {
            reason = new CloseReason(0, "the channel is " + state.name().toLowerCase(), null, CloseInitiator.CLIENT,
                    null);
        }
        return new ChannelClosedException(connection.connectionName(), number, reason);
    }

    void onCommand(Command command) {
        Method method = command.method();
        MethodKind kind = method.kind();
        switch (kind) {
            case CHANNEL_CLOSE -> {
                command.release();
                onServerClose((ChannelMethod.Close) method);
            }
            case CHANNEL_CLOSE_OK -> {
                command.release();
                if (state == State.CLOSING) {
                    finish(pendingCloseReason);
                } else {
                    connection.protocolError(ReplyCode.UNEXPECTED_FRAME, "channel.close-ok on channel " + number
                            + ", which was not closing", kind);
                }
            }
            case CHANNEL_FLOW -> {
                command.release();
                boolean active = ((ChannelMethod.Flow) method).active();
                flowActive = active;
                LOG.debug("{} channel {} flow {}", connection.logPrefix(), number, active ? "on" : "off");
                if (state == State.OPEN) {
                    writeOnLoop(new ChannelMethod.FlowOk(active));
                }
                onFlowChanged(active);
            }
            default -> {
                if (!onAsyncCommand(command)) {
                    onReply(command);
                }
            }
        }
    }

    /**
     * Handles commands that are not replies: deliveries, returns, confirms, server-side cancels. Returns false
     * when {@code command} is not one of them. Takes over the command when it returns true.
     */
    private boolean onAsyncCommand(Command command) {
        Method method = command.method();
        switch (method.kind()) {
            case BASIC_DELIVER -> {
                onDeliver((BasicMethod.Deliver) method, command);
                return true;
            }
            case BASIC_ACK -> {
                command.release();
                BasicMethod.Ack ack = (BasicMethod.Ack) method;
                publisher.onAck(ack.deliveryTag(), ack.multiple());
                return true;
            }
            case BASIC_NACK -> {
                command.release();
                BasicMethod.Nack nack = (BasicMethod.Nack) method;
                publisher.onNack(nack.deliveryTag(), nack.multiple());
                return true;
            }
            case BASIC_RETURN -> {
                onReturn((BasicMethod.Return) method, command);
                return true;
            }
            case BASIC_CANCEL -> {
                command.release();
                BasicMethod.Cancel cancel = (BasicMethod.Cancel) method;
                ChannelConsumer consumer = consumers.remove(cancel.consumerTag());
                if (!cancel.nowait() && state == State.OPEN) {
                    writeOnLoop(new BasicMethod.CancelOk(cancel.consumerTag()));
                }
                if (consumer != null) {
                    LOG.debug("{} consumer {} of queue '{}' cancelled by the broker", connection.logPrefix(),
                            cancel.consumerTag(), consumer.queue);
                    consumer.onCancelled(new ConsumerCancelledException(cancel.consumerTag(), consumer.queue, true,
                            "by the broker (the queue was deleted or became unavailable)", null));
                }
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    private void onDeliver(BasicMethod.Deliver deliver, Command command) {
        ChannelConsumer consumer = consumers.get(deliver.consumerTag());
        if (consumer == null) {
            // A delivery racing with the consumer's cancel-ok; the broker requeues it when the channel closes.
            LOG.debug("{} delivery for unknown consumer {} dropped", connection.logPrefix(), deliver.consumerTag());
            command.release();
            return;
        }
        AmqpDelivery delivery = AmqpDelivery.of(this, deliver.deliveryTag(), deliver.redelivered(),
                deliver.exchange(), deliver.routingKey(), deliver.consumerTag(), command.header().properties(),
                command.body(), consumer.options.isZeroCopy(), consumer.brokerAutoAck(), -1);
        consumer.onDelivery(delivery);
    }

    private void onReturn(BasicMethod.Return ret, Command command) {
        byte[] body;
        try {
            body = ByteBufUtil.getBytes(command.body());
        } finally {
            command.release();
        }
        ReturnedMessage message = new ReturnedMessage(ret.replyCode(), ret.replyText(), ret.exchange(),
                ret.routingKey(), command.header().properties(), body);
        if (publisher.onReturn(message)) {
            return;
        }
        if (returnListeners.isEmpty()) {
            LOG.debug("{} message returned on channel {} with no return listener: {} {}", connection.logPrefix(),
                    number, ret.replyCode(), ret.replyText());
            return;
        }
        callbackExecutor.execute(() -> {
            for (ReturnListener listener : returnListeners) {
                try {
                    listener.onReturn(message);
                } catch (Throwable t) {
                    reportCallbackError(null, t);
                }
            }
        });
    }

    private void onFlowChanged(boolean active) {
        if (active) {
            publisher.scheduleDrain();
        }
    }

    /** The connection was blocked or unblocked. */
    void onConnectionBlockedChanged() {
        publisher.scheduleDrain();
    }

    /** The socket became writable or stopped being so. */
    void onWritabilityChanged(boolean writable) {
        if (writable) {
            publisher.scheduleDrain();
        }
    }

    boolean isFlowActive() {
        return flowActive;
    }

    private void onReply(Command command) {
        MethodKind kind = command.method().kind();
        PendingRpc<?> rpc = matchReply(kind);
        if (rpc == null) {
            PendingRpc<?> awaited = rpcs.peek();
            command.release();
            if (state == State.CLOSING) {
                return;
            }
            connection.protocolError(ReplyCode.UNEXPECTED_FRAME, kind.amqpName() + " arrived on channel " + number
                    + (awaited == null ? ", which awaits no reply" : " while it awaits the reply to "
                    + awaited.request.amqpName()), kind);
            return;
        }
        boolean committed = rpc == commitInFlight;
        if (committed) {
            commitInFlight = null;
        }
        boolean taken = false;
        try {
            taken = rpc.complete(command);
        } finally {
            if (!taken || !keepsContent(kind)) {
                command.release();
            }
        }
        if (committed) {
            releaseHeldWrites();
        }
    }

    /**
     * Takes the pending RPC that {@code reply} answers out of the queue, or returns null when it answers none.
     * Replies come in request order, with one exception: RabbitMQ sends basic.consume-ok and basic.cancel-ok
     * through the queue's process, so the reply to a method pipelined after a consume or cancel can overtake them.
     * So a reply that does not answer the oldest pending RPC may answer a later one, past pending consumes and
     * cancels only.
     */
    private PendingRpc<?> matchReply(MethodKind reply) {
        java.util.Iterator<PendingRpc<?>> pending = rpcs.iterator();
        while (pending.hasNext()) {
            PendingRpc<?> rpc = pending.next();
            if (rpc.request.isAnsweredBy(reply)) {
                pending.remove();
                return rpc;
            }
            if (rpc.request != MethodKind.BASIC_CONSUME && rpc.request != MethodKind.BASIC_CANCEL) {
                return null;
            }
        }
        return null;
    }

    /** Whether the RPC result for {@code reply} takes over the command's body (basic.get-ok does). */
    private static boolean keepsContent(MethodKind reply) {
        return reply == MethodKind.BASIC_GET_OK;
    }

    private void onServerClose(ChannelMethod.Close close) {
        CloseReason reason = new CloseReason(close.replyCode(), close.replyText(),
                MethodKind.of(close.classId(), close.methodId()), CloseInitiator.SERVER, null);
        LOG.debug("{} channel {} closed by the broker: {}", connection.logPrefix(), number, reason.describe());
        writeOnLoop(ChannelMethod.CloseOk.INSTANCE);
        finish(reason);
    }

    void onContentTooLarge(ContentTooLarge tooLarge) {
        LOG.warn("{} {}; closing channel {}", connection.logPrefix(), tooLarge.describe(), number);
        closeOnLoop(new CloseReason(ReplyCode.CONTENT_TOO_LARGE, tooLarge.describe(), tooLarge.method().kind(),
                CloseInitiator.CLIENT, null));
    }

    private void closeOnLoop(CloseReason reason) {
        if (state == State.CLOSING || state == State.CLOSED) {
            return;
        }
        if (!connection.state().isOpen()) {
            finish(reason);
            return;
        }
        pendingCloseReason = reason;
        state = State.CLOSING;
        writeOnLoop(new ChannelMethod.Close(reason.replyCode(), reason.replyText(),
                reason.causedBy() == null ? 0 : reason.causedBy().classId(),
                reason.causedBy() == null ? 0 : reason.causedBy().methodId()));
        long millis = connection.options.closeTimeout().toMillis();
        closeTimeout = connection.schedule(() -> {
            if (state == State.CLOSING) {
                LOG.warn("{} no channel.close-ok on channel {} within {} ms", connection.logPrefix(), number, millis);
                finish(reason);
            }
        }, millis);
    }

    void onConnectionClosed(CloseReason connectionReason) {
        if (state == State.CLOSED) {
            return;
        }
        ConnectionClosedException error = new ConnectionClosedException(connection.connectionName(),
                connectionReason);
        closedWithConnection = true;
        terminate(connectionReason, error);
    }

    /** Ends the channel with {@code reason}, frees its number, fails whatever waits. */
    private void finish(CloseReason reason) {
        if (state == State.CLOSED) {
            return;
        }
        terminate(reason, new ChannelClosedException(connection.connectionName(), number, reason));
        connection.releaseChannel(this);
    }

    private void terminate(CloseReason reason, RuntimeException error) {
        state = State.CLOSED;
        closeReason = reason;
        if (closeTimeout != null) {
            closeTimeout.cancel();
        }
        List<PendingRpc<?>> failed = new ArrayList<>(rpcs);
        rpcs.clear();
        List<ChannelConsumer> ended = new ArrayList<>(consumers.values());
        consumers.clear();
        publisher.onClosed(error);
        for (PendingRpc<?> rpc : failed) {
            rpc.fail(error);
        }
        for (ChannelConsumer consumer : ended) {
            consumer.onCancelled(new ConsumerCancelledException(consumer.tag, consumer.queue,
                    false, "because its channel closed: " + reason.describe(),
                    error));
        }
        if (isCommitting()) {
            // Writes held for a commit-ok that will not come now fail on the closed channel.
            commitInFlight = null;
            releaseHeldWrites();
        }
        closeFuture.complete(reason);
    }
}

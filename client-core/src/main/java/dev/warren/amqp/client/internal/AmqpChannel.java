package dev.warren.amqp.client.internal;

import dev.warren.amqp.client.Channel;
import dev.warren.amqp.client.ChannelClosedException;
import dev.warren.amqp.client.CloseInitiator;
import dev.warren.amqp.client.CloseReason;
import dev.warren.amqp.client.Connection;
import dev.warren.amqp.client.ConnectionClosedException;
import dev.warren.amqp.client.ExchangeOptions;
import dev.warren.amqp.client.AmqpTimeoutException;
import dev.warren.amqp.client.LimitExceededException;
import dev.warren.amqp.client.QueueOptions;
import dev.warren.amqp.codec.ReplyCode;
import dev.warren.amqp.codec.frame.Command;
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

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A channel. Its protocol state lives on the connection's event loop: the queue of synchronous methods awaiting
 * replies (answered in order, so many can be in flight), the open/closing/closed state and the flow flag. Public
 * methods build the method record on the caller's thread (so argument errors throw there) and hand the rest to
 * the loop.
 */
public class AmqpChannel implements Channel {

    private static final Logger LOG = LoggerFactory.getLogger(AmqpChannel.class);

    enum State { OPENING, OPEN, CLOSING, CLOSED }

    final AmqpConnection connection;
    private final int number;
    private final CompletableFuture<CloseReason> closeFuture = new CompletableFuture<>();

    private volatile State state = State.OPENING;
    private volatile CloseReason closeReason;

    // Event loop only.
    private final ArrayDeque<PendingRpc<?>> rpcs = new ArrayDeque<>();
    private CloseReason pendingCloseReason;
    private Timeout closeTimeout;
    private boolean flowActive = true;

    AmqpChannel(AmqpConnection connection, int number) {
        this.connection = connection;
        this.number = number;
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
        connection.execute(() -> closeOnLoop(reason));
        return closeFuture;
    }

    @Override
    public void close() {
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
        if (request.kind().responses().isEmpty()) {
            return send(request).thenApply(v -> null);
        }
        return call(request, Command::method);
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

    /** Sends a synchronous method; {@code mapper} turns the reply into the result, on the event loop. */
    protected <T> CompletableFuture<T> call(Method request, Function<Command, T> mapper) {
        CompletableFuture<T> result = new CompletableFuture<>();
        connection.execute(() -> sendRpcOnLoop(request, result, mapper));
        return result;
    }

    private <T> void sendRpcOnLoop(Method request, CompletableFuture<T> result, Function<Command, T> mapper) {
        if (state != State.OPEN && !(state == State.OPENING && request.kind() == MethodKind.CHANNEL_OPEN)) {
            result.completeExceptionally(closedException());
            return;
        }
        if (rpcs.size() >= connection.options.maxPendingRpcs()) {
            result.completeExceptionally(new LimitExceededException("channel " + number + " already has "
                    + rpcs.size() + " synchronous methods awaiting replies (maxPendingRpcs)"));
            return;
        }
        PendingRpc<T> rpc = new PendingRpc<>(request.kind(), result, mapper);
        long timeoutMillis = connection.options.rpcTimeout().toMillis();
        rpc.timeout = connection.resources.timer().newTimeout(t -> connection.execute(() -> rpc.expire(
                new AmqpTimeoutException(request.kind().amqpName() + " on channel " + number + " of connection "
                        + connection.connectionName() + " got no reply within " + timeoutMillis + " ms"))),
                timeoutMillis, TimeUnit.MILLISECONDS);
        rpcs.add(rpc);
        connection.write(Command.of(number, request));
    }

    /** Sends a method that gets no reply; completes once written. */
    protected CompletableFuture<Void> send(Method request) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        connection.execute(() -> {
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
        });
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

    ChannelClosedException closedException() {
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
                writeOnLoop(new ChannelMethod.FlowOk(active));
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
    protected boolean onAsyncCommand(Command command) {
        return false;
    }

    /** channel.flow changed publishing permission. */
    protected void onFlowChanged(boolean active) {
    }

    /** The connection was blocked or unblocked. */
    void onConnectionBlockedChanged() {
        onBlockedChanged(connection.isPublishingBlocked());
    }

    protected void onBlockedChanged(boolean blocked) {
    }

    /** The socket became writable or stopped being so. */
    protected void onWritabilityChanged(boolean writable) {
    }

    boolean isFlowActive() {
        return flowActive;
    }

    private void onReply(Command command) {
        MethodKind kind = command.method().kind();
        PendingRpc<?> head = rpcs.peek();
        if (head == null || !head.request.isAnsweredBy(kind)) {
            command.release();
            if (state == State.CLOSING) {
                return;
            }
            connection.protocolError(ReplyCode.UNEXPECTED_FRAME, kind.amqpName() + " arrived on channel " + number
                    + (head == null ? ", which awaits no reply" : " while it awaits the reply to "
                    + head.request.amqpName()), kind);
            return;
        }
        rpcs.poll();
        try {
            head.complete(command);
        } finally {
            if (!command.hasContent() || !keepsContent(kind)) {
                command.release();
            }
        }
    }

    /** Whether the RPC result for {@code reply} keeps the command's body (basic.get-ok does). */
    protected boolean keepsContent(MethodKind reply) {
        return false;
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
        onClosing(reason);
        writeOnLoop(new ChannelMethod.Close(reason.replyCode(), reason.replyText(),
                reason.causedBy() == null ? 0 : reason.causedBy().classId(),
                reason.causedBy() == null ? 0 : reason.causedBy().methodId()));
        long millis = connection.options.closeTimeout().toMillis();
        closeTimeout = connection.resources.timer().newTimeout(t -> connection.execute(() -> {
            if (state == State.CLOSING) {
                LOG.warn("{} no channel.close-ok on channel {} within {} ms", connection.logPrefix(), number, millis);
                finish(reason);
            }
        }), millis, TimeUnit.MILLISECONDS);
    }

    /** The channel starts closing at the client's request; subclasses stop publishing here. */
    protected void onClosing(CloseReason reason) {
    }

    void onConnectionClosed(CloseReason connectionReason) {
        if (state == State.CLOSED) {
            return;
        }
        ConnectionClosedException error = new ConnectionClosedException(connection.connectionName(),
                connectionReason);
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
        onClosed(reason, error);
        for (PendingRpc<?> rpc : failed) {
            rpc.fail(error);
        }
        closeFuture.complete(reason);
    }

    /** The channel is closed; subclasses fail their own pending work with {@code error}. */
    protected void onClosed(CloseReason reason, RuntimeException error) {
    }
}

package dev.warren.amqp.client.internal;

import dev.warren.amqp.client.AuthenticationException;
import dev.warren.amqp.client.Channel;
import dev.warren.amqp.client.ClientResources;
import dev.warren.amqp.client.CloseInitiator;
import dev.warren.amqp.client.CloseReason;
import dev.warren.amqp.client.Connection;
import dev.warren.amqp.client.ConnectionClosedException;
import dev.warren.amqp.client.ConnectionListener;
import dev.warren.amqp.client.ConnectionOptions;
import dev.warren.amqp.client.ConnectionState;
import dev.warren.amqp.client.LimitExceededException;
import dev.warren.amqp.client.SocketReadback;
import dev.warren.amqp.client.spi.Transport;
import dev.warren.amqp.codec.AmqpCodecException;
import dev.warren.amqp.codec.ReplyCode;
import dev.warren.amqp.codec.frame.Command;
import dev.warren.amqp.codec.frame.CommandEncoder;
import dev.warren.amqp.codec.frame.ContentTooLarge;
import dev.warren.amqp.codec.frame.FrameDecoder;
import dev.warren.amqp.codec.method.ConnectionMethod;
import dev.warren.amqp.codec.method.Method;
import dev.warren.amqp.codec.method.MethodKind;
import dev.warren.amqp.codec.table.LongString;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.EventLoop;
import io.netty.util.Timeout;
import io.netty.util.collection.IntObjectHashMap;
import io.netty.util.collection.IntObjectMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A connection. Its protocol state (channel table, channel ids, pending closes and secret updates) belongs to one
 * event loop and is touched nowhere else; public methods hand their work to that loop. Everything that ends the
 * connection goes through {@link #terminate}, which runs once.
 */
public final class AmqpConnection implements Connection {

    private static final Logger LOG = LoggerFactory.getLogger(AmqpConnection.class);
    private static final AtomicLong IDS = new AtomicLong();

    final ConnectionOptions options;
    final ClientResources resources;
    private final boolean ownsResources;
    private final String name;
    final EventLoop eventLoop;
    final Transport transport;
    private final SerialExecutor listenerExecutor;
    private final CopyOnWriteArrayList<ConnectionListener> listeners = new CopyOnWriteArrayList<>();
    private final CompletableFuture<CloseReason> closeFuture = new CompletableFuture<>();
    final CompletableFuture<Connection> openFuture = new CompletableFuture<>();

    private volatile ConnectionState state = ConnectionState.CONNECTING;
    /** Consumers that asked to stop reading; event-loop confined. */
    private int readPauses;
    private volatile CloseReason closeReason;
    private volatile io.netty.channel.Channel socket;
    private volatile String logPrefix;

    // Set once by the handshake, before the state becomes OPEN (the volatile write publishes them).
    private Map<String, Object> serverProperties = Map.of();
    private int channelMax;
    private int frameMax;
    private int heartbeatSeconds;

    // Event loop only.
    private final IntObjectMap<AmqpChannel> channels = new IntObjectHashMap<>();
    private final BitSet usedChannelIds = new BitSet();
    private final ArrayDeque<CompletableFuture<Void>> pendingSecretUpdates = new ArrayDeque<>();
    private CompletableFuture<CloseReason> closeRequest;
    private CloseReason pendingCloseReason;
    private Timeout closeTimeout;
    private boolean blocked;
    private String blockedReason;

    AmqpConnection(ConnectionOptions options, ClientResources resources, boolean ownsResources) {
        this.options = options;
        this.resources = resources;
        this.ownsResources = ownsResources;
        long id = IDS.incrementAndGet();
        this.name = options.connectionName() != null ? options.connectionName() : "warren-" + id;
        this.eventLoop = resources.eventLoopGroup().next();
        this.transport = resources.transport();
        this.listenerExecutor = new SerialExecutor(resources.callbackExecutor());
        this.logPrefix = "[" + name + "]";
    }

    // ------------------------------------------------------------------ public API

    @Override
    public String name() {
        return name;
    }

    @Override
    public ConnectionState state() {
        return state;
    }

    @Override
    public boolean isOpen() {
        return state.isOpen();
    }

    @Override
    public CompletableFuture<Channel> openChannel() {
        CompletableFuture<Channel> result = new CompletableFuture<>();
        execute(() -> openChannelOnLoop(result));
        return result;
    }

    @Override
    public CompletableFuture<CloseReason> closeAsync() {
        return closeAsync(ReplyCode.SUCCESS, "OK", options.closeTimeout());
    }

    @Override
    public CompletableFuture<CloseReason> closeAsync(int replyCode, String replyText, Duration timeout) {
        CompletableFuture<CloseReason> result = new CompletableFuture<>();
        execute(() -> closeOnLoop(new CloseReason(replyCode, replyText, null, CloseInitiator.CLIENT, null), timeout)
                .whenComplete((reason, error) -> {
                    if (error != null) {
                        result.completeExceptionally(error);
                    } else {
                        result.complete(reason);
                    }
                }));
        return result;
    }

    @Override
    public void close() {
        Blocking.checkNotOnEventLoop("Connection.close()");
        Blocking.await(closeAsync(), options.closeTimeout().plusSeconds(1), "closing connection " + name);
    }

    @Override
    public CompletableFuture<CloseReason> closeFuture() {
        return closeFuture;
    }

    @Override
    public CloseReason closeReason() {
        return closeReason;
    }

    @Override
    public Map<String, Object> serverProperties() {
        return serverProperties;
    }

    @Override
    public boolean hasCapability(String capability) {
        return serverProperties.get("capabilities") instanceof Map<?, ?> capabilities
                && Boolean.TRUE.equals(capabilities.get(capability));
    }

    @Override
    public int channelMax() {
        return channelMax;
    }

    @Override
    public int frameMax() {
        return frameMax;
    }

    @Override
    public Duration heartbeat() {
        return Duration.ofSeconds(heartbeatSeconds);
    }

    @Override
    public boolean isBlocked() {
        return state == ConnectionState.BLOCKED;
    }

    @Override
    public CompletableFuture<Void> updateSecret(String newSecret, String reason) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        Method request = new ConnectionMethod.UpdateSecret(LongString.of(newSecret), reason);
        execute(() -> {
            if (!state.isOpen()) {
                result.completeExceptionally(closedException());
                return;
            }
            pendingSecretUpdates.add(result);
            write(Command.of(0, request));
        });
        return result;
    }

    @Override
    public SocketReadback socket() {
        io.netty.channel.Channel s = socket;
        if (s == null) {
            throw new IllegalStateException("connection " + name + " has no socket yet");
        }
        if (!eventLoop.inEventLoop()) {
            // The native transports read on the socket's own loop and wait for it: not from another loop.
            Blocking.checkNotOnEventLoop("Connection.socket() (use socketAsync())");
        }
        return transport.readBack(s, options.socketOptions());
    }

    @Override
    public CompletableFuture<SocketReadback> socketAsync() {
        io.netty.channel.Channel s = socket;
        if (s == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("connection " + name
                    + " has no socket yet"));
        }
        CompletableFuture<SocketReadback> result = new CompletableFuture<>();
        execute(() -> {
            try {
                result.complete(transport.readBack(s, options.socketOptions()));
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    @Override
    public void addListener(ConnectionListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(ConnectionListener listener) {
        listeners.remove(listener);
    }

    @Override
    public String toString() {
        return "Connection[" + name + ", " + state + (socket != null ? ", " + socket.remoteAddress() : "") + ']';
    }

    // ------------------------------------------------------------------ plumbing for handlers and channels

    /**
     * Runs {@code task} on the event loop: at once when already there. Once the connection is closed and the
     * loop it owned is gone, the task runs on the caller's thread: the state is final by then, and every task
     * only fails its future with the close reason.
     */
    void execute(Runnable task) {
        if (eventLoop.inEventLoop()) {
            task.run();
            return;
        }
        try {
            eventLoop.execute(task);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            if (state != ConnectionState.CLOSED) {
                throw e;
            }
            task.run();
        }
    }

    /** Writes and asks for a flush; {@code FlushConsolidationHandler} turns bursts into one flush. */
    ChannelFuture write(Object message) {
        return socket.writeAndFlush(message);
    }

    void writeVoid(Object message) {
        socket.writeAndFlush(message, socket.voidPromise());
    }

    /** Writes without a flush, for a caller that flushes once after a burst. */
    void writeNoFlush(Object message) {
        socket.write(message, socket.voidPromise());
    }

    void flush() {
        socket.flush();
    }

    /**
     * Stops reading from the socket until as many {@link #resumeReading()} calls: a consumer whose handler lags
     * holds the broker back through TCP instead of buffering without bound. Event loop only.
     */
    void pauseReading() {
        if (readPauses++ == 0 && socket != null && state.isOpen()) {
            socket.config().setAutoRead(false);
        }
    }

    /** Undoes one {@link #pauseReading()}; reading resumes when none is left. Event loop only. */
    void resumeReading() {
        if (readPauses > 0 && --readPauses == 0 && socket != null && state.isOpen()) {
            socket.config().setAutoRead(true);
        }
    }

    /** Whether the caller runs on this connection's event loop. */
    boolean inEventLoop() {
        return eventLoop.inEventLoop();
    }

    private void releaseReadPauses() {
        readPauses = 0;
        if (socket != null) {
            socket.config().setAutoRead(true);
        }
    }

    io.netty.channel.Channel socketChannel() {
        return socket;
    }

    String logPrefix() {
        return logPrefix;
    }

    String connectionName() {
        return name;
    }

    ConnectionClosedException closedException() {
        CloseReason reason = closeReason;
        if (reason == null) {
            reason = pendingCloseReason != null ? pendingCloseReason
                    : new CloseReason(0, "the connection is " + state.name().toLowerCase(), null,
                    CloseInitiator.CLIENT, null);
        }
        return new ConnectionClosedException(name, reason);
    }

    /** The socket was connected; called by the connector on the event loop. */
    void onSocketConnected(io.netty.channel.Channel channel) {
        this.socket = channel;
        this.logPrefix = "[" + name + " " + channel.remoteAddress() + "]";
        setState(ConnectionState.HANDSHAKING);
    }

    /** The handshake finished with connection.open-ok; called on the event loop. */
    void onOpen(Map<String, Object> serverProperties, int channelMax, int frameMax, int heartbeatSeconds) {
        this.serverProperties = serverProperties;
        this.channelMax = channelMax;
        this.frameMax = frameMax;
        this.heartbeatSeconds = heartbeatSeconds;
        setState(ConnectionState.OPEN);
        LOG.debug("{} open: channel-max {}, frame-max {}, heartbeat {} s", logPrefix, channelMax, frameMax,
                heartbeatSeconds);
        openFuture.complete(this);
    }

    void applyFrameMax(int frameMax) {
        socket.pipeline().get(FrameDecoder.class).setMaxFrameSize(frameMax);
        socket.pipeline().get(CommandEncoder.class).setFrameMax(frameMax);
    }

    int negotiatedFrameMax() {
        return frameMax;
    }

    // ------------------------------------------------------------------ inbound, event loop only

    void onCommand(Command command) {
        int number = command.channel();
        if (closeRequest != null && state == ConnectionState.CLOSING && number != 0) {
            // We sent connection.close: the spec has everything but close and close-ok discarded now, and a
            // frame for a channel already failed must not start a second protocol error.
            command.release();
            return;
        }
        if (number == 0) {
            try {
                onConnectionMethod(command.method());
            } finally {
                command.release();
            }
            return;
        }
        AmqpChannel channel = channels.get(number);
        if (channel == null) {
            command.release();
            protocolError(ReplyCode.CHANNEL_ERROR, command.method().kind().amqpName() + " arrived on channel "
                    + number + ", which is not open", command.method().kind());
            return;
        }
        channel.onCommand(command);
    }

    void onContentTooLarge(ContentTooLarge tooLarge) {
        AmqpChannel channel = channels.get(tooLarge.channel());
        if (channel != null) {
            channel.onContentTooLarge(tooLarge);
        }
    }

    private void onConnectionMethod(Method method) {
        switch (method.kind()) {
            case CONNECTION_CLOSE -> {
                ConnectionMethod.Close close = (ConnectionMethod.Close) method;
                CloseReason reason = new CloseReason(close.replyCode(), close.replyText(),
                        MethodKind.of(close.classId(), close.methodId()), CloseInitiator.SERVER, null);
                LOG.info("{} closed by the broker: {}", logPrefix, reason.describe());
                pendingCloseReason = reason;
                setState(ConnectionState.CLOSING);
                failChannels(reason);
                socket.writeAndFlush(Command.of(0, ConnectionMethod.CloseOk.INSTANCE))
                        .addListener(ChannelFutureListener.CLOSE);
            }
            case CONNECTION_CLOSE_OK -> {
                if (closeRequest != null) {
                    socket.close();
                } else {
                    protocolError(ReplyCode.UNEXPECTED_FRAME, "connection.close-ok without a connection.close",
                            method.kind());
                }
            }
            case CONNECTION_BLOCKED -> {
                blocked = true;
                blockedReason = ((ConnectionMethod.Blocked) method).reason();
                if (state == ConnectionState.OPEN) {
                    setState(ConnectionState.BLOCKED);
                }
                String reason = blockedReason;
                LOG.info("{} blocked by the broker: {}", logPrefix, reason);
                notifyListeners(l -> l.onBlocked(reason));
                channels.values().forEach(AmqpChannel::onConnectionBlockedChanged);
            }
            case CONNECTION_UNBLOCKED -> {
                blocked = false;
                if (state == ConnectionState.BLOCKED) {
                    setState(ConnectionState.OPEN);
                }
                LOG.info("{} unblocked by the broker", logPrefix);
                notifyListeners(ConnectionListener::onUnblocked);
                channels.values().forEach(AmqpChannel::onConnectionBlockedChanged);
            }
            case CONNECTION_UPDATE_SECRET_OK -> {
                CompletableFuture<Void> pending = pendingSecretUpdates.poll();
                if (pending == null) {
                    protocolError(ReplyCode.UNEXPECTED_FRAME, "connection.update-secret-ok without a request",
                            method.kind());
                } else {
                    pending.complete(null);
                }
            }
            default -> protocolError(ReplyCode.COMMAND_INVALID, method.kind().amqpName()
                    + " is not valid on channel 0 of an open connection", method.kind());
        }
    }

    /** The socket's write buffer crossed a watermark; publishing channels pause or resume. Event loop only. */
    void onWritabilityChanged(boolean writable) {
        if (channels.isEmpty()) {
            return;
        }
        for (AmqpChannel channel : new ArrayList<>(channels.values())) {
            channel.onWritabilityChanged(writable);
        }
    }

    boolean isWritable() {
        io.netty.channel.Channel s = socket;
        return s != null && s.isWritable();
    }

    boolean isPublishingBlocked() {
        return blocked;
    }

    /** An inbound error (codec, I/O, missed heartbeat); event loop only. */
    void onException(Throwable cause) {
        if (state == ConnectionState.CLOSED) {
            return;
        }
        if (state == ConnectionState.CLOSING && pendingCloseReason != null) {
            // The close handshake was under way; a reset as the broker drops the socket changes nothing.
            LOG.debug("{} error while closing: {}", logPrefix, cause.toString());
            terminate(pendingCloseReason);
            return;
        }
        if (cause instanceof AmqpCodecException codecError) {
            protocolError(codecError.replyCode(), codecError.getMessage(), null);
        } else if (cause instanceof MissedHeartbeatException) {
            LOG.warn("{} {}", logPrefix, cause.getMessage());
            terminate(new CloseReason(0, "missed heartbeats: " + cause.getMessage(), null,
                    CloseInitiator.TRANSPORT, cause));
        } else {
            LOG.debug("{} connection failed", logPrefix, cause);
            terminate(new CloseReason(0, "connection failed: " + cause, null, CloseInitiator.TRANSPORT, cause));
        }
    }

    /** The socket closed; event loop only. */
    void onSocketClosed(CloseReason handshakeFailure) {
        if (handshakeFailure != null) {
            terminate(handshakeFailure);
            return;
        }
        CloseReason reason = pendingCloseReason != null ? pendingCloseReason
                : new CloseReason(0, "connection lost: the socket closed without connection.close", null,
                CloseInitiator.TRANSPORT, null);
        terminate(reason);
    }

    /**
     * The broker broke the protocol: tell it why with connection.close, wait briefly for close-ok, and close.
     */
    void protocolError(int replyCode, String text, MethodKind causedBy) {
        LOG.warn("{} protocol error, closing with {} {}: {}", logPrefix, replyCode, ReplyCode.name(replyCode), text);
        if (state == ConnectionState.CLOSED || closeRequest != null) {
            terminate(new CloseReason(replyCode, text, causedBy, CloseInitiator.CLIENT, null));
            return;
        }
        CloseReason reason = new CloseReason(replyCode, text, causedBy, CloseInitiator.CLIENT,
                new AmqpCodecException(replyCode, text));
        closeOnLoop(reason, options.closeTimeout());
    }

    // ------------------------------------------------------------------ channels

    private void openChannelOnLoop(CompletableFuture<Channel> result) {
        if (!state.isOpen()) {
            result.completeExceptionally(closedException());
            return;
        }
        int number = usedChannelIds.nextClearBit(1);
        if (number > channelMax) {
            result.completeExceptionally(new LimitExceededException("connection " + name + " has all "
                    + channelMax + " channels open (the negotiated channel-max); close one first"));
            return;
        }
        usedChannelIds.set(number);
        AmqpChannel channel = new AmqpChannel(this, number);
        channels.put(number, channel);
        channel.open(result);
    }

    /** A channel finished closing; its number may be reused. Event loop only. */
    void releaseChannel(AmqpChannel channel) {
        if (channels.get(channel.number()) == channel) {
            channels.remove(channel.number());
            usedChannelIds.clear(channel.number());
        }
    }

    int openChannelCount() {
        return channels.size();
    }

    // ------------------------------------------------------------------ closing

    private CompletableFuture<CloseReason> closeOnLoop(CloseReason reason, Duration timeout) {
        if (closeRequest != null) {
            return closeRequest;
        }
        closeRequest = new CompletableFuture<>();
        if (state == ConnectionState.CLOSED) {
            closeRequest.complete(closeReason);
            return closeRequest;
        }
        closeFuture.whenComplete((r, e) -> closeRequest.complete(r));
        if (!state.isOpen()) {
            // Still connecting or handshaking, or already closing because the broker asked: just end it.
            terminate(pendingCloseReason != null ? pendingCloseReason : reason);
            return closeRequest;
        }
        pendingCloseReason = reason;
        setState(ConnectionState.CLOSING);
        failChannels(reason);
        // A lagging consumer's read pause would keep close-ok (and the broker's own close) unread.
        releaseReadPauses();
        write(Command.of(0, new ConnectionMethod.Close(reason.replyCode(), reason.replyText(),
                reason.causedBy() == null ? 0 : reason.causedBy().classId(),
                reason.causedBy() == null ? 0 : reason.causedBy().methodId())));
        closeTimeout = schedule(() -> {
            if (state != ConnectionState.CLOSED) {
                LOG.warn("{} no connection.close-ok within {}; closing the socket", logPrefix, timeout);
                socket.close();
            }
        }, timeout.toMillis());
        return closeRequest;
    }

    private void failChannels(CloseReason reason) {
        if (channels.isEmpty()) {
            return;
        }
        List<AmqpChannel> all = new ArrayList<>(channels.values());
        channels.clear();
        usedChannelIds.clear();
        for (AmqpChannel channel : all) {
            channel.onConnectionClosed(reason);
        }
    }

    /**
     * The one way a connection ends: fail whatever is in flight with {@code reason}, close the socket, tell the
     * listeners once, and release resources the connection owns. Idempotent; event loop only.
     */
    void terminate(CloseReason reason) {
        if (state == ConnectionState.CLOSED) {
            return;
        }
        closeReason = reason;
        if (closeTimeout != null) {
            closeTimeout.cancel();
        }
        setState(ConnectionState.CLOSED);
        failChannels(reason);
        ConnectionClosedException error = new ConnectionClosedException(name, reason);
        CompletableFuture<Void> secret;
        while ((secret = pendingSecretUpdates.poll()) != null) {
            secret.completeExceptionally(error);
        }
        if (socket != null && socket.isOpen()) {
            socket.close();
        }
        if (!openFuture.isDone()) {
            openFuture.completeExceptionally(new ConnectionClosedException(name, reason));
        }
        if (reason.initiator() != CloseInitiator.CLIENT || !reason.isNormal()) {
            LOG.debug("{} closed: {}", logPrefix, reason.describe());
        }
        notifyListeners(l -> l.onClose(reason));
        closeFuture.complete(reason);
        if (ownsResources) {
            // Let the listener tasks queued above run before the executor goes.
            listenerExecutor.execute(() -> resources.shutdown(Duration.ZERO, Duration.ofSeconds(2)));
        }
    }

    /**
     * The handshake failed: the connect future fails with {@code error} (a typed exception such as
     * {@link AuthenticationException}), and the connection ends with {@code reason}. Event loop only.
     */
    void failHandshake(Throwable error, CloseReason reason) {
        openFuture.completeExceptionally(error);
        terminate(reason);
    }

    // ------------------------------------------------------------------ state and listeners

    private void setState(ConnectionState next) {
        ConnectionState previous = state;
        if (previous == next) {
            return;
        }
        state = next;
        notifyListeners(l -> l.onStateChange(previous, next));
    }

    private void notifyListeners(java.util.function.Consumer<ConnectionListener> event) {
        if (listeners.isEmpty()) {
            return;
        }
        listenerExecutor.execute(() -> {
            for (ConnectionListener listener : listeners) {
                try {
                    event.accept(listener);
                } catch (RuntimeException e) {
                    LOG.warn("{} a connection listener threw", logPrefix, e);
                }
            }
        });
    }

    dev.warren.amqp.client.CallbackExceptionHandler callbackExceptionHandler() {
        return options.callbackExceptionHandler();
    }

    @Override
    public ClientResources resources() {
        return resources;
    }

    /**
     * Runs {@code task} on the event loop after {@code delay}, through the resources' timer. Returns null when
     * the resources were shut down under the connection: their loop is going away, and the connection with it.
     */
    Timeout schedule(Runnable task, long delayMillis) {
        try {
            return resources.timer().newTimeout(t -> execute(task), delayMillis, TimeUnit.MILLISECONDS);
        } catch (IllegalStateException stopped) {
            LOG.debug("{} timer stopped; no timeout scheduled", logPrefix);
            return null;
        }
    }

    java.util.concurrent.Executor callbackExecutor() {
        return resources.callbackExecutor();
    }
}

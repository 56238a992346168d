package dev.warren.amqp.client.internal;

import dev.warren.amqp.client.AmqpException;
import dev.warren.amqp.client.AmqpTimeoutException;
import dev.warren.amqp.client.AuthenticationException;
import dev.warren.amqp.client.CloseInitiator;
import dev.warren.amqp.client.CloseReason;
import dev.warren.amqp.client.ConnectionClosedException;
import dev.warren.amqp.client.ConnectionOptions;
import dev.warren.amqp.client.ProtocolVersionMismatchException;
import dev.warren.amqp.client.SaslMechanism;
import dev.warren.amqp.codec.ReplyCode;
import dev.warren.amqp.codec.frame.Command;
import dev.warren.amqp.codec.frame.ProtocolHeader;
import dev.warren.amqp.codec.frame.Tuning;
import dev.warren.amqp.codec.method.ConnectionMethod;
import dev.warren.amqp.codec.method.Method;
import dev.warren.amqp.codec.method.MethodKind;
import dev.warren.amqp.codec.table.LongString;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The AMQP handshake, as a state machine: (TLS) → protocol header → connection.start → start-ok →
 * (connection.secure → secure-ok)* → connection.tune → tune-ok → connection.open → open-ok. It installs the
 * heartbeat handler once tuning is done and removes itself at open-ok. Any failure fails the connect with a
 * typed exception (wrong credentials as {@link AuthenticationException}, a vhost refused as a
 * {@link ConnectionClosedException} with the broker's reply code, a broker of another protocol version as
 * {@link ProtocolVersionMismatchException}, no answer within the handshake timeout as
 * {@link AmqpTimeoutException}). Event loop only.
 */
final class HandshakeHandler extends ChannelInboundHandlerAdapter {

    static final String NAME = "amqp-handshake";

    private static final Logger LOG = LoggerFactory.getLogger(HandshakeHandler.class);

    private enum Step { AWAIT_TLS, AWAIT_START, AWAIT_TUNE, AWAIT_OPEN_OK, DONE }

    private final AmqpConnection connection;
    private final ConnectionOptions options;
    private Step step;
    private SaslMechanism mechanism;
    private ScheduledFuture<?> timeout;
    private int channelMax;
    private int frameMax;
    private int heartbeat;
    private Map<String, Object> serverProperties;

    HandshakeHandler(AmqpConnection connection, boolean awaitTls) {
        this.connection = connection;
        this.options = connection.options;
        this.step = awaitTls ? Step.AWAIT_TLS : Step.AWAIT_START;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        long millis = options.handshakeTimeout().toMillis();
        timeout = ctx.executor().schedule(() -> fail(ctx, new AmqpTimeoutException("the AMQP handshake with "
                + ctx.channel().remoteAddress() + " did not finish within " + millis + " ms (at step "
                + step + "); raise handshakeTimeout or check that the port is an AMQP listener"
                + (options.tls() == null ? " without TLS" : " with TLS"))), millis, TimeUnit.MILLISECONDS);
        if (step == Step.AWAIT_START) {
            sendProtocolHeader(ctx);
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (timeout != null) {
            timeout.cancel(false);
        }
    }

    private void sendProtocolHeader(ChannelHandlerContext ctx) {
        ctx.writeAndFlush(ProtocolHeader.AMQP_0_9_1);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof SslHandshakeCompletionEvent tls && step == Step.AWAIT_TLS) {
            if (tls.isSuccess()) {
                LOG.debug("{} TLS {} established", connection.logPrefix(),
                        ctx.pipeline().get(SslHandler.class).engine().getSession().getProtocol());
                step = Step.AWAIT_START;
                sendProtocolHeader(ctx);
            } else {
                fail(ctx, new AmqpException("TLS handshake with " + ctx.channel().remoteAddress() + " failed: "
                        + describeTlsFailure(tls.cause()), tls.cause()));
            }
            return;
        }
        ctx.fireUserEventTriggered(event);
    }

    private static String describeTlsFailure(Throwable cause) {
        StringBuilder s = new StringBuilder();
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (s.length() > 0) {
                s.append(": ");
            }
            s.append(t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName());
            if (t.getCause() == t) {
                break;
            }
        }
        return s.toString();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (step == Step.DONE) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            if (msg instanceof ProtocolHeader header) {
                fail(ctx, new ProtocolVersionMismatchException("the peer at " + ctx.channel().remoteAddress()
                        + " does not speak AMQP 0-9-1; it answered with protocol header " + header));
            } else if (msg instanceof Command command) {
                if (command.channel() != 0) {
                    fail(ctx, protocolError(ctx, command.method().kind().amqpName() + " on channel "
                            + command.channel() + " during the handshake"));
                } else {
                    onMethod(ctx, command.method());
                }
            }
            // Heartbeats may arrive once tuned; nothing else is expected.
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void onMethod(ChannelHandlerContext ctx, Method method) {
        MethodKind kind = method.kind();
        if (kind == MethodKind.CONNECTION_CLOSE) {
            onServerClose(ctx, (ConnectionMethod.Close) method);
            return;
        }
        switch (step) {
            case AWAIT_START -> {
                if (kind != MethodKind.CONNECTION_START) {
                    fail(ctx, protocolError(ctx, "expected connection.start, got " + kind));
                    return;
                }
                onStart(ctx, (ConnectionMethod.Start) method);
            }
            case AWAIT_TUNE -> {
                if (kind == MethodKind.CONNECTION_SECURE) {
                    byte[] challenge = ((ConnectionMethod.Secure) method).challenge().bytes();
                    byte[] response;
                    try {
                        response = mechanism.challengeResponse(challenge, options.username(), options.password());
                    } catch (RuntimeException e) {
                        fail(ctx, e);
                        return;
                    }
                    ctx.writeAndFlush(Command.of(0, new ConnectionMethod.SecureOk(LongString.of(response))));
                } else if (kind == MethodKind.CONNECTION_TUNE) {
                    onTune(ctx, (ConnectionMethod.Tune) method);
                } else {
                    fail(ctx, protocolError(ctx, "expected connection.secure or connection.tune, got " + kind));
                }
            }
            case AWAIT_OPEN_OK -> {
                if (kind != MethodKind.CONNECTION_OPEN_OK) {
                    fail(ctx, protocolError(ctx, "expected connection.open-ok, got " + kind));
                    return;
                }
                step = Step.DONE;
                ctx.pipeline().remove(this);
                connection.onOpen(serverProperties, channelMax, frameMax, heartbeat);
            }
            default -> fail(ctx, protocolError(ctx, "unexpected " + kind + " during the handshake"));
        }
    }

    private void onStart(ChannelHandlerContext ctx, ConnectionMethod.Start start) {
        if (start.versionMajor() != 0 || start.versionMinor() != 9) {
            fail(ctx, new ProtocolVersionMismatchException("the broker at " + ctx.channel().remoteAddress()
                    + " offers AMQP " + start.versionMajor() + "-" + start.versionMinor() + ", not 0-9"));
            return;
        }
        serverProperties = start.serverProperties();
        List<String> offered = Arrays.asList(start.mechanisms().toString().trim().split("\\s+"));
        for (SaslMechanism candidate : options.saslMechanisms()) {
            if (offered.contains(candidate.name())) {
                mechanism = candidate;
                break;
            }
        }
        if (mechanism == null) {
            List<String> wanted = new ArrayList<>();
            options.saslMechanisms().forEach(m -> wanted.add(m.name()));
            fail(ctx, new AuthenticationException("the broker offers SASL mechanisms " + offered
                    + ", none of those configured: " + wanted));
            return;
        }
        byte[] response;
        try {
            response = mechanism.initialResponse(options.username(), options.password());
        } catch (RuntimeException e) {
            fail(ctx, e);
            return;
        }
        step = Step.AWAIT_TUNE;
        ctx.writeAndFlush(Command.of(0, new ConnectionMethod.StartOk(
                ClientProperties.of(options, connection.connectionName()), mechanism.name(),
                LongString.of(response), "en_US")));
    }

    private void onTune(ChannelHandlerContext ctx, ConnectionMethod.Tune tune) {
        int requestedChannelMax = options.requestedChannelMax();
        channelMax = (int) Tuning.negotiate(requestedChannelMax, tune.channelMax());
        if (channelMax == 0) {
            channelMax = 65535;
        }
        frameMax = Tuning.frameMax(options.requestedFrameMax(), tune.frameMax(), options.requestedFrameMax());
        // Asking for 0 turns heartbeats off whatever the broker proposes; otherwise the spec's rule applies.
        heartbeat = options.requestedHeartbeat() == 0 ? 0
                : (int) Tuning.negotiate(options.requestedHeartbeat(), tune.heartbeat());
        ctx.write(Command.of(0, new ConnectionMethod.TuneOk(channelMax, frameMax, heartbeat)));
        connection.applyFrameMax(frameMax);
        if (heartbeat > 0) {
            ctx.pipeline().addAfter(dev.warren.amqp.codec.frame.CommandEncoder.NAME, HeartbeatHandler.NAME,
                    new HeartbeatHandler(heartbeat));
        }
        step = Step.AWAIT_OPEN_OK;
        ctx.writeAndFlush(Command.of(0, new ConnectionMethod.Open(options.virtualHost())));
    }

    private void onServerClose(ChannelHandlerContext ctx, ConnectionMethod.Close close) {
        ctx.writeAndFlush(Command.of(0, ConnectionMethod.CloseOk.INSTANCE)).addListener(ChannelFutureListener.CLOSE);
        CloseReason reason = new CloseReason(close.replyCode(), close.replyText(),
                MethodKind.of(close.classId(), close.methodId()), CloseInitiator.SERVER, null);
        RuntimeException error;
        if (close.replyCode() == ReplyCode.ACCESS_REFUSED && step == Step.AWAIT_TUNE) {
            error = new AuthenticationException("the broker at " + ctx.channel().remoteAddress()
                    + " refused the login of user '" + options.username() + "' with SASL " + mechanism.name()
                    + ": " + close.replyText());
        } else {
            error = new ConnectionClosedException(connection.connectionName(), reason);
        }
        fail(ctx, error, reason);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (step != Step.DONE) {
            RuntimeException error;
            if (step == Step.AWAIT_TUNE) {
                // Brokers that do not know authentication_failure_close drop the socket on a bad login.
                error = new AuthenticationException("the broker at " + ctx.channel().remoteAddress()
                        + " closed the connection right after the login of user '" + options.username()
                        + "' with SASL " + (mechanism == null ? "?" : mechanism.name())
                        + "; the credentials are probably wrong");
            } else {
                error = new AmqpException("the broker at " + ctx.channel().remoteAddress()
                        + " closed the connection during the handshake (at step " + step + ")");
            }
            fail(ctx, error);
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (step == Step.DONE) {
            ctx.fireExceptionCaught(cause);
            return;
        }
        Throwable root = cause instanceof io.netty.handler.codec.DecoderException && cause.getCause() != null
                && !(cause instanceof dev.warren.amqp.codec.AmqpCodecException) ? cause.getCause() : cause;
        if (root instanceof javax.net.ssl.SSLException) {
            fail(ctx, new AmqpException("TLS with " + ctx.channel().remoteAddress() + " failed: "
                    + describeTlsFailure(root), root));
        } else if (root instanceof AmqpException amqp) {
            fail(ctx, amqp);
        } else {
            fail(ctx, new AmqpException("the handshake with " + ctx.channel().remoteAddress() + " failed: " + root,
                    root));
        }
    }

    private RuntimeException protocolError(ChannelHandlerContext ctx, String text) {
        return new AmqpException("the broker at " + ctx.channel().remoteAddress() + " broke the handshake: " + text);
    }

    private void fail(ChannelHandlerContext ctx, RuntimeException error) {
        fail(ctx, error, new CloseReason(0, error.getMessage(), null, CloseInitiator.CLIENT, error));
    }

    private void fail(ChannelHandlerContext ctx, RuntimeException error, CloseReason reason) {
        if (step == Step.DONE) {
            return;
        }
        step = Step.DONE;
        if (timeout != null) {
            timeout.cancel(false);
        }
        LOG.debug("{} handshake failed: {}", connection.logPrefix(), error.getMessage());
        connection.failHandshake(error, reason);
    }
}

package dev.warren.amqp.client.internal;

import dev.warren.amqp.codec.frame.HeartbeatFrame;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.concurrent.TimeUnit;

/**
 * Heartbeats for a negotiated interval: a heartbeat frame goes out when nothing was written for half the
 * interval (RabbitMQ's own cadence, so one late timer never costs the connection), and the broker is declared
 * dead once nothing at all arrived for two intervals (noticed within a quarter interval more). Not installed when
 * heartbeats are off.
 *
 * <p>Reads and writes only set a flag, which two periodic tasks look at; unlike Netty's IdleStateHandler this puts
 * no listener on every write, which matters at a million publishes a second. Event loop only.
 */
final class HeartbeatHandler extends ChannelDuplexHandler {

    static final String NAME = "amqp-heartbeat";

    private final long intervalNanos;
    private boolean wroteSinceCheck;
    private boolean readSinceCheck;
    private long lastReadNanos;
    private ScheduledFuture<?> sendTask;
    private ScheduledFuture<?> checkTask;

    HeartbeatHandler(int intervalSeconds) {
        this.intervalNanos = TimeUnit.SECONDS.toNanos(intervalSeconds);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive()) {
            start(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        start(ctx);
        ctx.fireChannelActive();
    }

    private void start(ChannelHandlerContext ctx) {
        if (sendTask != null) {
            return;
        }
        lastReadNanos = System.nanoTime();
        long half = intervalNanos / 2;
        long quarter = intervalNanos / 4;
        sendTask = ctx.executor().scheduleAtFixedRate(() -> sendIfIdle(ctx), half, half, TimeUnit.NANOSECONDS);
        checkTask = ctx.executor().scheduleAtFixedRate(() -> checkPeer(ctx), quarter, quarter, TimeUnit.NANOSECONDS);
    }

    private void sendIfIdle(ChannelHandlerContext ctx) {
        if (!wroteSinceCheck) {
            ctx.writeAndFlush(HeartbeatFrame.INSTANCE, ctx.voidPromise());
        }
        wroteSinceCheck = false;
    }

    private void checkPeer(ChannelHandlerContext ctx) {
        long now = System.nanoTime();
        // While a lagging consumer has reading paused, the broker's frames wait in the socket: silence proves nothing.
        if (readSinceCheck || !ctx.channel().config().isAutoRead()) {
            readSinceCheck = false;
            lastReadNanos = now;
        } else if (now - lastReadNanos >= 2 * intervalNanos) {
            stop();
            ctx.fireExceptionCaught(new MissedHeartbeatException("nothing received from the broker for "
                    + TimeUnit.NANOSECONDS.toMillis(now - lastReadNanos) + " ms (two heartbeat intervals: "
                    + TimeUnit.NANOSECONDS.toMillis(2 * intervalNanos) + " ms)"));
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        readSinceCheck = true;
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        wroteSinceCheck = true;
        ctx.write(msg, promise);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        stop();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        stop();
    }

    private void stop() {
        if (sendTask != null) {
            sendTask.cancel(false);
            checkTask.cancel(false);
        }
    }
}

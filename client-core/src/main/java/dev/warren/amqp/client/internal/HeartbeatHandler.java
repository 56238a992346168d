package dev.warren.amqp.client.internal;

import dev.warren.amqp.codec.frame.HeartbeatFrame;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;

import java.util.concurrent.TimeUnit;

/**
 * Heartbeats for a negotiated interval: a heartbeat frame goes out when nothing was written for half the
 * interval (RabbitMQ's own cadence, so one late timer never costs the connection), and the broker is declared
 * dead when nothing at all arrived for two intervals. Not installed when heartbeats are off. Event loop only.
 */
final class HeartbeatHandler extends IdleStateHandler {

    static final String NAME = "amqp-heartbeat";

    private final long intervalMillis;

    HeartbeatHandler(int intervalSeconds) {
        super(2000L * intervalSeconds, 500L * intervalSeconds, 0, TimeUnit.MILLISECONDS);
        this.intervalMillis = 1000L * intervalSeconds;
    }

    @Override
    protected void channelIdle(ChannelHandlerContext ctx, IdleStateEvent event) {
        if (event.state() == IdleState.WRITER_IDLE) {
            ctx.writeAndFlush(HeartbeatFrame.INSTANCE, ctx.voidPromise());
        } else if (event.state() == IdleState.READER_IDLE) {
            ctx.fireExceptionCaught(new MissedHeartbeatException("nothing received from the broker for "
                    + 2 * intervalMillis + " ms (two heartbeat intervals)"));
        }
    }
}

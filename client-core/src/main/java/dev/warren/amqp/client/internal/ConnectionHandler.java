package dev.warren.amqp.client.internal;

import dev.warren.amqp.codec.frame.Command;
import dev.warren.amqp.codec.frame.ContentTooLarge;
import dev.warren.amqp.codec.frame.HeartbeatFrame;
import dev.warren.amqp.codec.frame.ProtocolHeader;
import dev.warren.amqp.codec.ReplyCode;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.util.ReferenceCountUtil;

/**
 * The last handler: hands commands of an open connection to the {@link AmqpConnection} (which routes them to
 * channels), and turns a closed socket or an error into the connection's single ending. Event loop only.
 */
final class ConnectionHandler extends ChannelInboundHandlerAdapter {

    static final String NAME = "amqp-connection";

    private final AmqpConnection connection;

    ConnectionHandler(AmqpConnection connection) {
        this.connection = connection;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Command command) {
            connection.onCommand(command);
        } else if (msg instanceof ContentTooLarge tooLarge) {
            connection.onContentTooLarge(tooLarge);
        } else if (msg instanceof HeartbeatFrame) {
            // Its arrival is all that matters, and the heartbeat handler has seen it.
            return;
        } else if (msg instanceof ProtocolHeader header) {
            connection.protocolError(ReplyCode.FRAME_ERROR, "protocol header " + header + " on an open connection",
                    null);
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        connection.onWritabilityChanged(ctx.channel().isWritable());
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        connection.onSocketClosed(null);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable error = cause;
        if (error instanceof DecoderException && !(error instanceof dev.warren.amqp.codec.AmqpCodecException)
                && error.getCause() != null) {
            error = error.getCause();
        }
        connection.onException(error);
    }
}

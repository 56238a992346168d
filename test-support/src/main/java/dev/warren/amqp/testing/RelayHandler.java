package dev.warren.amqp.testing;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

/**
 * The only handler in each channel of a {@link FaultProxy}: hands what the channel reads, and its state changes,
 * to the {@link ProxiedConnection} it belongs to. One instance per channel.
 *
 * <p>Called by Netty on the proxy's event loop only.
 */
final class RelayHandler extends ChannelInboundHandlerAdapter {

    static final String NAME = "warren-fault-proxy-relay";

    private final ProxiedConnection connection;
    private final boolean clientSide;

    RelayHandler(ProxiedConnection connection, boolean clientSide) {
        this.connection = connection;
        this.clientSide = clientSide;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf data) {
            connection.onRead(clientSide, data);
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        connection.onReadComplete(clientSide);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        connection.updateReading();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        connection.onEndOfStream(clientSide);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        connection.onError(clientSide, cause);
    }
}

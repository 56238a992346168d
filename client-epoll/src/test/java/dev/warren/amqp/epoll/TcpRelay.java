package dev.warren.amqp.epoll;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * A plain TCP relay for tests, listening on any loopback address (such as 127.0.0.2, where the shared broker does not
 * listen) and forwarding each connection to a target. One NIO thread of its own; every buffer is written on or
 * released.
 */
final class TcpRelay implements AutoCloseable {

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1,
            new DefaultThreadFactory("test-relay", true), NioIoHandler.newFactory());
    private final ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final Channel server;

    private TcpRelay(String bindHost, String targetHost, int targetPort) {
        InetSocketAddress target = new InetSocketAddress(targetHost, targetPort);
        server = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.AUTO_READ, false)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel inbound) {
                        channels.add(inbound);
                        new Bootstrap().group(inbound.eventLoop()).channel(NioSocketChannel.class)
                                .option(ChannelOption.AUTO_READ, false)
                                .handler(new Forward(inbound))
                                .connect(target).addListener((ChannelFutureListener) f -> {
                                    if (!f.isSuccess()) {
                                        inbound.close();
                                        return;
                                    }
                                    channels.add(f.channel());
                                    inbound.pipeline().addLast(new Forward(f.channel()));
                                    inbound.config().setAutoRead(true);
                                    f.channel().config().setAutoRead(true);
                                });
                    }
                })
                .bind(bindHost, 0).syncUninterruptibly().channel();
    }

    static TcpRelay start(String bindHost, String targetHost, int targetPort) {
        return new TcpRelay(bindHost, targetHost, targetPort);
    }

    String host() {
        return ((InetSocketAddress) server.localAddress()).getAddress().getHostAddress();
    }

    int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    /** Writes what one side reads to the other; closes the other when one side goes away. */
    static final class Forward extends ChannelInboundHandlerAdapter {
        private final Channel to;

        Forward(Channel to) {
            this.to = to;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (to.isActive()) {
                to.writeAndFlush(msg);
            } else {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            to.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        channels.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}

package dev.warren.amqp.epoll;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.socksx.SocksMessage;
import io.netty.handler.codec.socksx.v5.DefaultSocks5CommandResponse;
import io.netty.handler.codec.socksx.v5.DefaultSocks5InitialResponse;
import io.netty.handler.codec.socksx.v5.Socks5AddressType;
import io.netty.handler.codec.socksx.v5.Socks5AuthMethod;
import io.netty.handler.codec.socksx.v5.Socks5CommandRequest;
import io.netty.handler.codec.socksx.v5.Socks5CommandRequestDecoder;
import io.netty.handler.codec.socksx.v5.Socks5CommandStatus;
import io.netty.handler.codec.socksx.v5.Socks5CommandType;
import io.netty.handler.codec.socksx.v5.Socks5InitialRequest;
import io.netty.handler.codec.socksx.v5.Socks5InitialRequestDecoder;
import io.netty.handler.codec.socksx.v5.Socks5ServerEncoder;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A minimal SOCKS5 proxy for tests (no authentication, CONNECT only), on 127.0.0.1, built from
 * {@code netty-codec-socks}. It records every CONNECT it is asked for, then relays bytes both ways.
 */
final class Socks5Server implements AutoCloseable {

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1,
            new DefaultThreadFactory("test-socks5", true), NioIoHandler.newFactory());
    private final ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final List<String> connectRequests = new CopyOnWriteArrayList<>();
    private final Channel server;

    private Socks5Server() {
        server = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel client) {
                        channels.add(client);
                        client.pipeline().addLast(Socks5ServerEncoder.DEFAULT, new Socks5InitialRequestDecoder(),
                                new Handshake());
                    }
                })
                .bind("127.0.0.1", 0).syncUninterruptibly().channel();
    }

    static Socks5Server start() {
        return new Socks5Server();
    }

    InetSocketAddress address() {
        return (InetSocketAddress) server.localAddress();
    }

    /** {@code host:port} of each CONNECT asked for, in order. */
    List<String> connectRequests() {
        return connectRequests;
    }

    private final class Handshake extends SimpleChannelInboundHandler<SocksMessage> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, SocksMessage message) {
            if (message instanceof Socks5InitialRequest) {
                ctx.pipeline().replace(Socks5InitialRequestDecoder.class, "command",
                        new Socks5CommandRequestDecoder());
                ctx.writeAndFlush(new DefaultSocks5InitialResponse(Socks5AuthMethod.NO_AUTH));
            } else if (message instanceof Socks5CommandRequest request
                    && request.type() == Socks5CommandType.CONNECT) {
                connectRequests.add(request.dstAddr() + ":" + request.dstPort());
                Channel client = ctx.channel();
                client.config().setAutoRead(false);
                new Bootstrap().group(client.eventLoop()).channel(NioSocketChannel.class)
                        .option(ChannelOption.AUTO_READ, false)
                        .handler(new TcpRelay.Forward(client))
                        .connect(request.dstAddr(), request.dstPort())
                        .addListener((ChannelFutureListener) f -> {
                            if (!f.isSuccess()) {
                                client.writeAndFlush(new DefaultSocks5CommandResponse(Socks5CommandStatus.FAILURE,
                                        Socks5AddressType.IPv4)).addListener(ChannelFutureListener.CLOSE);
                                return;
                            }
                            channels.add(f.channel());
                            client.writeAndFlush(new DefaultSocks5CommandResponse(Socks5CommandStatus.SUCCESS,
                                    Socks5AddressType.IPv4, "127.0.0.1", 0)).addListener((ChannelFutureListener) w -> {
                                        client.pipeline().remove(Socks5ServerEncoder.class);
                                        client.pipeline().remove("command");
                                        client.pipeline().replace(this, "forward",
                                                new TcpRelay.Forward(f.channel()));
                                        client.config().setAutoRead(true);
                                        f.channel().config().setAutoRead(true);
                                    });
                        });
            } else {
                ctx.close();
            }
        }
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        channels.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}

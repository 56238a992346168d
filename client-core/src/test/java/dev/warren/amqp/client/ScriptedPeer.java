package dev.warren.amqp.client;

import dev.warren.amqp.codec.CodecLimits;
import dev.warren.amqp.codec.frame.Command;
import dev.warren.amqp.codec.frame.CommandAssembler;
import dev.warren.amqp.codec.frame.CommandEncoder;
import dev.warren.amqp.codec.frame.FrameDecoder;
import dev.warren.amqp.codec.frame.ProtocolHeader;
import dev.warren.amqp.codec.method.ChannelMethod;
import dev.warren.amqp.codec.method.ConnectionMethod;
import dev.warren.amqp.codec.method.Method;
import dev.warren.amqp.codec.table.LongString;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A minimal AMQP peer for protocol behaviour RabbitMQ no longer shows (it stopped sending channel.flow in 3.x):
 * it completes the handshake, opens channels, records every command it receives, and sends what a test tells it
 * to. Not a stand-in for the broker: every other behaviour is tested against RabbitMQ itself.
 */
final class ScriptedPeer implements AutoCloseable {

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel server;
    private final BlockingQueue<Command> received = new LinkedBlockingQueue<>();
    private volatile Channel client;
    private volatile boolean ignoreConnectionClose;

    ScriptedPeer() throws InterruptedException {
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        CodecLimits limits = CodecLimits.DEFAULTS;
                        FrameDecoder decoder = new FrameDecoder(limits);
                        decoder.setMaxFrameSize(limits.maxFrameSize());
                        CommandEncoder encoder = new CommandEncoder();
                        encoder.setFrameMax(limits.maxFrameSize());
                        ch.pipeline().addLast(decoder, new CommandAssembler(limits), encoder, new Script());
                    }
                }).bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
    }

    int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    /** From now on, record connection.close without answering it. */
    void ignoreConnectionClose() {
        ignoreConnectionClose = true;
    }

    /** Sends a method to the client on {@code channel}. */
    void send(int channel, Method method) {
        client.writeAndFlush(Command.of(channel, method));
    }

    /** The next command the client sent that is not part of the handshake, waiting up to 10 s. */
    Command next() throws InterruptedException {
        Command command = received.poll(10, TimeUnit.SECONDS);
        if (command == null) {
            throw new AssertionError("the client sent nothing within 10 s");
        }
        return command;
    }

    /** A command the client sent within {@code millis}, or null. */
    Command poll(long millis) throws InterruptedException {
        return received.poll(millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        Command left;
        while ((left = received.poll()) != null) {
            left.release();
        }
    }

    private final class Script extends SimpleChannelInboundHandler<Object> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof ProtocolHeader) {
                client = ctx.channel();
                ctx.writeAndFlush(Command.of(0, new ConnectionMethod.Start(0, 9,
                        Map.of("product", LongString.of("ScriptedPeer"), "capabilities", Map.of()),
                        LongString.of("PLAIN AMQPLAIN"), LongString.of("en_US"))));
                return;
            }
            if (!(msg instanceof Command command)) {
                return;
            }
            switch (command.method().kind()) {
                case CONNECTION_START_OK -> ctx.writeAndFlush(Command.of(0, new ConnectionMethod.Tune(2047, 131072,
                        0)));
                case CONNECTION_TUNE_OK -> { }
                case CONNECTION_OPEN -> ctx.writeAndFlush(Command.of(0, ConnectionMethod.OpenOk.INSTANCE));
                case CHANNEL_OPEN -> ctx.writeAndFlush(Command.of(command.channel(), ChannelMethod.OpenOk.INSTANCE));
                case CONNECTION_CLOSE -> {
                    received.add(command.retain());
                    if (ignoreConnectionClose) {
                        return;
                    }
                    ctx.writeAndFlush(Command.of(0, ConnectionMethod.CloseOk.INSTANCE));
                    ctx.close();
                }
                default -> received.add(command.retain());
            }
        }
    }
}

package dev.warren.amqp.epoll;

import dev.warren.amqp.client.SocketOptions;
import dev.warren.amqp.client.SocketReadback;
import dev.warren.amqp.client.TcpInfo;
import dev.warren.amqp.client.spi.Transport;
import dev.warren.amqp.epoll.internal.NativeSockets;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoEventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringSocketChannel;
import io.netty.channel.uring.IoUringTcpInfo;

import java.util.concurrent.ThreadFactory;

/**
 * Netty's native io_uring transport ({@code MultiThreadIoEventLoopGroup} with {@link IoUringIoHandler}), chosen only
 * by name ({@code transport("io_uring")}) or when epoll cannot load (priority 50). Socket options work exactly as on
 * {@link EpollTransport}: setsockopt on the same kind of descriptor, including {@code EpollChannelOption}s, which
 * Netty's io_uring channel would otherwise ignore.
 */
public final class IoUringTransport implements Transport {

    public static final String NAME = "io_uring";

    /** The one instance; stateless. */
    public static final IoUringTransport INSTANCE = new IoUringTransport();

    private final NativeSockets sockets = new NativeSockets(NAME, IoUringTransport::tcpInfo);

    private IoUringTransport() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return 50;
    }

    @Override
    public boolean isAvailable() {
        try {
            return IoUring.isAvailable();
        } catch (LinkageError e) {
            return false;
        }
    }

    @Override
    public Throwable unavailabilityCause() {
        try {
            return IoUring.unavailabilityCause();
        } catch (LinkageError e) {
            return e;
        }
    }

    @Override
    public EventLoopGroup newEventLoopGroup(int threads, ThreadFactory threadFactory) {
        return new MultiThreadIoEventLoopGroup(threads, threadFactory, IoUringIoHandler.newFactory());
    }

    @Override
    public boolean isCompatible(EventLoopGroup group) {
        return group instanceof IoEventLoopGroup io && io.isIoType(IoUringIoHandler.class);
    }

    @Override
    public Class<? extends Channel> socketChannelClass() {
        return IoUringSocketChannel.class;
    }

    @Override
    public void applyOptions(Bootstrap bootstrap, SocketOptions options) {
        sockets.prepare(bootstrap, options);
    }

    @Override
    public void beforeConnect(Channel channel, SocketOptions options) {
        sockets.apply(channel, options);
    }

    @Override
    public SocketReadback readBack(Channel channel, SocketOptions options) {
        return sockets.readBack(channel, options);
    }

    private static TcpInfo tcpInfo(Channel channel) {
        if (!(channel instanceof IoUringSocketChannel socket)) {
            return null;
        }
        IoUringTcpInfo info = socket.tcpInfo();
        return new TcpInfo(info.rtt(), info.rttvar(), info.retransmits(), info.totalRetrans(), info.sndCwnd(),
                info.unacked(), info.lost());
    }

    @Override
    public String toString() {
        return NAME;
    }
}

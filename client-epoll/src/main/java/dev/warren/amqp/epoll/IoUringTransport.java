package dev.warren.amqp.epoll;

import dev.warren.amqp.client.TcpInfo;
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
public final class IoUringTransport extends NativeTransport {

    public static final String NAME = "io_uring";

    /** The one instance; stateless. */
    public static final IoUringTransport INSTANCE = new IoUringTransport();

    private IoUringTransport() {
        super(NAME, 50);
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
    TcpInfo tcpInfo(Channel channel) {
        if (!(channel instanceof IoUringSocketChannel socket)) {
            return null;
        }
        IoUringTcpInfo info = socket.tcpInfo();
        return new TcpInfo(info.rtt(), info.rttvar(), info.retransmits(), info.totalRetrans(), info.sndCwnd(),
                info.unacked(), info.lost());
    }
}

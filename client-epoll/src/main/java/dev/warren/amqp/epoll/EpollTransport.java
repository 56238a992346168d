package dev.warren.amqp.epoll;

import dev.warren.amqp.client.TcpInfo;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoEventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.epoll.EpollTcpInfo;

import java.util.concurrent.ThreadFactory;

/**
 * Netty's native epoll transport ({@code MultiThreadIoEventLoopGroup} with {@link EpollIoHandler}), the default
 * wherever its native library loads (priority 100). Every socket option, typed, raw or Netty's, is set with
 * setsockopt on the channel's descriptor before connect and read back with getsockopt, with a {@code tcp_info}
 * snapshot. Select it by name with {@code transport("epoll")}.
 */
public final class EpollTransport extends NativeTransport {

    public static final String NAME = "epoll";

    /** The one instance; stateless. */
    public static final EpollTransport INSTANCE = new EpollTransport();

    private EpollTransport() {
        super(NAME, 100);
    }

    @Override
    public boolean isAvailable() {
        try {
            return Epoll.isAvailable();
        } catch (LinkageError e) {
            return false;
        }
    }

    @Override
    public Throwable unavailabilityCause() {
        try {
            return Epoll.unavailabilityCause();
        } catch (LinkageError e) {
            return e;
        }
    }

    @Override
    public EventLoopGroup newEventLoopGroup(int threads, ThreadFactory threadFactory) {
        return new MultiThreadIoEventLoopGroup(threads, threadFactory, EpollIoHandler.newFactory());
    }

    @Override
    public boolean isCompatible(EventLoopGroup group) {
        return group instanceof IoEventLoopGroup io && io.isIoType(EpollIoHandler.class);
    }

    @Override
    public Class<? extends Channel> socketChannelClass() {
        return EpollSocketChannel.class;
    }

    @Override
    TcpInfo tcpInfo(Channel channel) {
        if (!(channel instanceof EpollSocketChannel socket)) {
            return null;
        }
        EpollTcpInfo info = socket.tcpInfo();
        return new TcpInfo(info.rtt(), info.rttvar(), info.retransmits(), info.totalRetrans(), info.sndCwnd(),
                info.unacked(), info.lost());
    }
}

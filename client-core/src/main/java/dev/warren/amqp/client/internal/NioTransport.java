package dev.warren.amqp.client.internal;

import dev.warren.amqp.client.SocketOptions;
import dev.warren.amqp.client.SocketReadback;
import dev.warren.amqp.client.spi.Transport;
import dev.warren.amqp.client.spi.UnsupportedSocketOptionException;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoEventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioChannelOption;
import io.netty.channel.socket.nio.NioSocketChannel;
import jdk.net.ExtendedSocketOptions;

import java.net.SocketOption;
import java.net.StandardSocketOptions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadFactory;

/**
 * The JDK's NIO transport: portable, always available. Applies the typed options the JDK can set (including
 * keep-alive timers, SO_REUSEPORT and TCP_QUICKACK through {@code jdk.net.ExtendedSocketOptions} where the OS has
 * them); options that need a native transport fail the connect with an error that names them.
 */
public final class NioTransport implements Transport {

    public static final NioTransport INSTANCE = new NioTransport();

    private NioTransport() {
    }

    @Override
    public String name() {
        return "nio";
    }

    @Override
    public int priority() {
        return 0;
    }

    @Override
    public boolean isAvailable() {
        return true;
    }

    @Override
    public Throwable unavailabilityCause() {
        return null;
    }

    @Override
    public EventLoopGroup newEventLoopGroup(int threads, ThreadFactory threadFactory) {
        return new MultiThreadIoEventLoopGroup(threads, threadFactory, NioIoHandler.newFactory());
    }

    @Override
    public boolean isCompatible(EventLoopGroup group) {
        return group instanceof IoEventLoopGroup io && io.isIoType(NioIoHandler.class);
    }

    @Override
    public Class<? extends Channel> socketChannelClass() {
        return NioSocketChannel.class;
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public void applyOptions(Bootstrap bootstrap, SocketOptions o) {
        rejectNativeOnly(o);
        if (o.tcpNoDelay() != null) bootstrap.option(ChannelOption.TCP_NODELAY, o.tcpNoDelay());
        if (o.keepAlive() != null) bootstrap.option(ChannelOption.SO_KEEPALIVE, o.keepAlive());
        if (o.keepAliveIdle() != null) {
            bootstrap.option(nio(ExtendedSocketOptions.TCP_KEEPIDLE, "TCP_KEEPIDLE"),
                    (int) o.keepAliveIdle().toSeconds());
        }
        if (o.keepAliveInterval() != null) {
            bootstrap.option(nio(ExtendedSocketOptions.TCP_KEEPINTERVAL, "TCP_KEEPINTVL"),
                    (int) o.keepAliveInterval().toSeconds());
        }
        if (o.keepAliveCount() != null) {
            bootstrap.option(nio(ExtendedSocketOptions.TCP_KEEPCOUNT, "TCP_KEEPCNT"), o.keepAliveCount());
        }
        if (o.sendBufferSize() != null) bootstrap.option(ChannelOption.SO_SNDBUF, o.sendBufferSize());
        if (o.receiveBufferSize() != null) bootstrap.option(ChannelOption.SO_RCVBUF, o.receiveBufferSize());
        if (o.trafficClass() != null) bootstrap.option(ChannelOption.IP_TOS, o.trafficClass());
        if (o.reuseAddress() != null) bootstrap.option(ChannelOption.SO_REUSEADDR, o.reuseAddress());
        if (o.reusePort() != null) {
            bootstrap.option(nio(StandardSocketOptions.SO_REUSEPORT, "SO_REUSEPORT"), o.reusePort());
        }
        if (o.tcpQuickAck() != null) {
            bootstrap.option(nio(ExtendedSocketOptions.TCP_QUICKACK, "TCP_QUICKACK"), o.tcpQuickAck());
        }
        if (o.localAddress() != null) bootstrap.localAddress(o.localAddress());
        for (Map.Entry<ChannelOption<?>, Object> e : o.channelOptions().entrySet()) {
            bootstrap.option((ChannelOption) e.getKey(), e.getValue());
        }
    }

    private static <T> ChannelOption<T> nio(SocketOption<T> option, String name) {
        try (java.nio.channels.SocketChannel probe = java.nio.channels.SocketChannel.open()) {
            if (!probe.supportedOptions().contains(option)) {
                throw new UnsupportedSocketOptionException(name, "nio", "the JDK does not support it on this OS");
            }
        } catch (java.io.IOException e) {
            throw new UnsupportedSocketOptionException(name, "nio", e.toString());
        }
        return NioChannelOption.of(option);
    }

    private static void rejectNativeOnly(SocketOptions o) {
        String why = "only the epoll and io_uring transports of client-epoll can set it";
        if (o.tcpUserTimeout() != null) throw new UnsupportedSocketOptionException("TCP_USER_TIMEOUT", "nio", why);
        if (o.tcpNotSentLowAt() != null) throw new UnsupportedSocketOptionException("TCP_NOTSENT_LOWAT", "nio", why);
        if (o.ipBindAddressNoPort() != null) {
            throw new UnsupportedSocketOptionException("IP_BIND_ADDRESS_NO_PORT", "nio", why);
        }
        if (o.busyPollMicros() != null) throw new UnsupportedSocketOptionException("SO_BUSY_POLL", "nio", why);
        if (o.tcpFastOpenConnect() != null) {
            throw new UnsupportedSocketOptionException("TCP_FASTOPEN_CONNECT", "nio", why);
        }
        if (o.tcpCongestion() != null) throw new UnsupportedSocketOptionException("TCP_CONGESTION", "nio", why);
        if (!o.rawOptions().isEmpty()) {
            throw new UnsupportedSocketOptionException(o.rawOptions().get(0).toString(), "nio",
                    "raw setsockopt needs a file descriptor; " + why);
        }
    }

    @Override
    public SocketReadback readBack(Channel channel, SocketOptions o) {
        Map<String, Object> values = new LinkedHashMap<>();
        var config = channel.config();
        values.put("TCP_NODELAY", config.getOption(ChannelOption.TCP_NODELAY));
        values.put("SO_KEEPALIVE", config.getOption(ChannelOption.SO_KEEPALIVE));
        values.put("SO_SNDBUF", config.getOption(ChannelOption.SO_SNDBUF));
        values.put("SO_RCVBUF", config.getOption(ChannelOption.SO_RCVBUF));
        values.put("SO_REUSEADDR", config.getOption(ChannelOption.SO_REUSEADDR));
        values.put("IP_TOS", config.getOption(ChannelOption.IP_TOS));
        if (o.keepAliveIdle() != null) {
            values.put("TCP_KEEPIDLE", config.getOption(NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPIDLE)));
        }
        if (o.keepAliveInterval() != null) {
            values.put("TCP_KEEPINTVL",
                    config.getOption(NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPINTERVAL)));
        }
        if (o.keepAliveCount() != null) {
            values.put("TCP_KEEPCNT", config.getOption(NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPCOUNT)));
        }
        if (o.reusePort() != null) {
            values.put("SO_REUSEPORT", config.getOption(NioChannelOption.of(StandardSocketOptions.SO_REUSEPORT)));
        }
        if (o.tcpQuickAck() != null) {
            values.put("TCP_QUICKACK", config.getOption(NioChannelOption.of(ExtendedSocketOptions.TCP_QUICKACK)));
        }
        values.values().removeIf(java.util.Objects::isNull);
        return new SocketReadback(name(), channel.localAddress(), channel.remoteAddress(), values, null);
    }
}

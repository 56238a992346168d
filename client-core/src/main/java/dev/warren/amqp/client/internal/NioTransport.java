package dev.warren.amqp.client.internal;

import dev.warren.amqp.client.SocketOptions;
import dev.warren.amqp.client.SocketReadback;
import dev.warren.amqp.client.spi.Transport;
import dev.warren.amqp.client.spi.UnsupportedSocketOptionException;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelConfig;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoEventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.socket.nio.NioChannelOption;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.AttributeKey;
import jdk.net.ExtendedSocketOptions;

import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
import java.nio.channels.spi.SelectorProvider;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The JDK's NIO transport: portable, always available. Sets the typed options the JDK can set (keep-alive timers,
 * SO_REUSEPORT and TCP_QUICKACK through {@code jdk.net.ExtendedSocketOptions} where the OS has them) and reads each
 * back with getsockopt through the JDK. What needs a file descriptor (raw setsockopt, TCP_USER_TIMEOUT and the other
 * Linux-only options) fails the connect with an error that names it.
 *
 * <p>Traffic class: the JDK sets only {@code IPV6_TCLASS} on a dual-stack socket, which IPv4 packets ignore, and
 * reads that back as {@code IP_TOS}. So this transport opens an {@code AF_INET} socket for an IPv4 peer (and an
 * {@code AF_INET6} one for an IPv6 peer), where {@code IP_TOS} is the real thing; when a custom dialer connects a
 * dual-stack socket to an IPv4 peer, a traffic class fails the connect rather than being silently lost.
 */
public final class NioTransport implements Transport {

    public static final NioTransport INSTANCE = new NioTransport();

    /** The family the socket was opened with, when this transport opened it. */
    private static final AttributeKey<SocketProtocolFamily> FAMILY =
            AttributeKey.valueOf(NioTransport.class, "family");

    private static final String NATIVE_ONLY = "only the epoll and io_uring transports of client-epoll can set it";
    private static final long READ_BACK_TIMEOUT_SECONDS = 5;

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
    public ChannelFactory<? extends Channel> channelFactory(InetSocketAddress remote) {
        SocketProtocolFamily family;
        if (remote != null && !remote.isUnresolved()) {
            family = remote.getAddress() instanceof Inet4Address ? SocketProtocolFamily.INET : SocketProtocolFamily.INET6;
        } else {
            family = null; // the JDK's default: dual-stack where the host has IPv6
        }
        return () -> {
            NioSocketChannel channel = family == null ? new NioSocketChannel()
                    : new NioSocketChannel(SelectorProvider.provider(), family);
            if (family != null) {
                channel.attr(FAMILY).set(family);
            }
            return channel;
        };
    }

    @Override
    public void applyOptions(Bootstrap bootstrap, SocketOptions o) {
        rejectNativeOnly(o);
        // Checked now so that a missing JDK option fails before any socket exists.
        if (o.keepAliveIdle() != null) jdkOption(ExtendedSocketOptions.TCP_KEEPIDLE, "TCP_KEEPIDLE");
        if (o.keepAliveInterval() != null) jdkOption(ExtendedSocketOptions.TCP_KEEPINTERVAL, "TCP_KEEPINTVL");
        if (o.keepAliveCount() != null) jdkOption(ExtendedSocketOptions.TCP_KEEPCOUNT, "TCP_KEEPCNT");
        if (o.reusePort() != null) jdkOption(StandardSocketOptions.SO_REUSEPORT, "SO_REUSEPORT");
        if (o.tcpQuickAck() != null) jdkOption(ExtendedSocketOptions.TCP_QUICKACK, "TCP_QUICKACK");
        for (ChannelOption<?> option : o.channelOptions().keySet()) {
            if (isUnixOption(option)) {
                throw new UnsupportedSocketOptionException(option.name(), name(),
                        "a raw setsockopt needs a file descriptor; " + NATIVE_ONLY);
            }
        }
        if (o.localAddress() != null) {
            bootstrap.localAddress(o.localAddress());
        }
    }

    private static void rejectNativeOnly(SocketOptions o) {
        if (o.tcpUserTimeout() != null) throw nativeOnly("TCP_USER_TIMEOUT");
        if (o.tcpNotSentLowAt() != null) throw nativeOnly("TCP_NOTSENT_LOWAT");
        if (o.ipBindAddressNoPort() != null) throw nativeOnly("IP_BIND_ADDRESS_NO_PORT");
        if (o.busyPollMicros() != null) throw nativeOnly("SO_BUSY_POLL");
        if (o.tcpFastOpenConnect() != null) throw nativeOnly("TCP_FASTOPEN_CONNECT");
        if (o.tcpCongestion() != null) throw nativeOnly("TCP_CONGESTION");
        if (!o.rawOptions().isEmpty()) {
            throw new UnsupportedSocketOptionException(o.rawOptions().get(0).toString(), "nio",
                    "a raw setsockopt needs a file descriptor; " + NATIVE_ONLY);
        }
    }

    private static UnsupportedSocketOptionException nativeOnly(String option) {
        return new UnsupportedSocketOptionException(option, "nio", NATIVE_ONLY);
    }

    private static <T> ChannelOption<T> jdkOption(SocketOption<T> option, String name) {
        if (!JdkOptions.SUPPORTED.contains(option)) {
            throw new UnsupportedSocketOptionException(name, "nio", "the JDK does not support it on this OS");
        }
        return NioChannelOption.of(option);
    }

    /** The socket options the JDK supports for a TCP socket here, found once. */
    private static final class JdkOptions {
        static final Set<SocketOption<?>> SUPPORTED = probe();

        private static Set<SocketOption<?>> probe() {
            try (java.nio.channels.SocketChannel probe = java.nio.channels.SocketChannel.open()) {
                return Set.copyOf(probe.supportedOptions());
            } catch (java.io.IOException e) {
                return Set.of();
            }
        }
    }

    @Override
    public void beforeConnect(Channel channel, SocketOptions o) {
        ChannelConfig config = channel.config();
        if (o.tcpNoDelay() != null) set(config, ChannelOption.TCP_NODELAY, o.tcpNoDelay(), "TCP_NODELAY");
        if (o.keepAlive() != null) set(config, ChannelOption.SO_KEEPALIVE, o.keepAlive(), "SO_KEEPALIVE");
        if (o.keepAliveIdle() != null) {
            set(config, jdkOption(ExtendedSocketOptions.TCP_KEEPIDLE, "TCP_KEEPIDLE"),
                    (int) o.keepAliveIdle().toSeconds(), "TCP_KEEPIDLE");
        }
        if (o.keepAliveInterval() != null) {
            set(config, jdkOption(ExtendedSocketOptions.TCP_KEEPINTERVAL, "TCP_KEEPINTVL"),
                    (int) o.keepAliveInterval().toSeconds(), "TCP_KEEPINTVL");
        }
        if (o.keepAliveCount() != null) {
            set(config, jdkOption(ExtendedSocketOptions.TCP_KEEPCOUNT, "TCP_KEEPCNT"), o.keepAliveCount(),
                    "TCP_KEEPCNT");
        }
        if (o.sendBufferSize() != null) set(config, ChannelOption.SO_SNDBUF, o.sendBufferSize(), "SO_SNDBUF");
        if (o.receiveBufferSize() != null) set(config, ChannelOption.SO_RCVBUF, o.receiveBufferSize(), "SO_RCVBUF");
        if (o.trafficClass() != null) set(config, ChannelOption.IP_TOS, o.trafficClass(), "IP_TOS");
        if (o.reuseAddress() != null) set(config, ChannelOption.SO_REUSEADDR, o.reuseAddress(), "SO_REUSEADDR");
        if (o.reusePort() != null) {
            set(config, jdkOption(StandardSocketOptions.SO_REUSEPORT, "SO_REUSEPORT"), o.reusePort(),
                    "SO_REUSEPORT");
        }
        if (o.tcpQuickAck() != null) {
            set(config, jdkOption(ExtendedSocketOptions.TCP_QUICKACK, "TCP_QUICKACK"), o.tcpQuickAck(),
                    "TCP_QUICKACK");
        }
        for (Map.Entry<ChannelOption<?>, Object> e : o.channelOptions().entrySet()) {
            setChannelOption(config, e.getKey(), e.getValue());
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void setChannelOption(ChannelConfig config, ChannelOption option, Object value) {
        ChannelOption<?> jdk = jdkEquivalent(option);
        String name = simpleName(option);
        if (jdk != null) {
            set(config, (ChannelOption) jdk, value, name);
            return;
        }
        set(config, option, value, name);
    }

    /**
     * The JDK option for a Netty option of another transport that the JDK also has (so that, say,
     * {@code EpollChannelOption.SO_REUSEPORT} still reaches the socket on NIO), or {@code null}.
     */
    private static ChannelOption<?> jdkEquivalent(ChannelOption<?> option) {
        if (option instanceof NioChannelOption || !option.name().contains("#")) {
            return null; // NIO's own options and Netty's standard ones: NIO handles them
        }
        return switch (simpleName(option)) {
            case "SO_REUSEPORT" -> jdkOption(StandardSocketOptions.SO_REUSEPORT, "SO_REUSEPORT");
            case "TCP_KEEPIDLE" -> jdkOption(ExtendedSocketOptions.TCP_KEEPIDLE, "TCP_KEEPIDLE");
            case "TCP_KEEPINTVL" -> jdkOption(ExtendedSocketOptions.TCP_KEEPINTERVAL, "TCP_KEEPINTVL");
            case "TCP_KEEPCNT" -> jdkOption(ExtendedSocketOptions.TCP_KEEPCOUNT, "TCP_KEEPCNT");
            case "TCP_QUICKACK" -> jdkOption(ExtendedSocketOptions.TCP_QUICKACK, "TCP_QUICKACK");
            default -> null;
        };
    }

    private static boolean isUnixOption(ChannelOption<?> option) {
        String className = option.getClass().getName();
        return className.equals("io.netty.channel.unix.IntegerUnixChannelOption")
                || className.equals("io.netty.channel.unix.RawUnixChannelOption");
    }

    /** {@code io.netty.channel.epoll.EpollChannelOption#TCP_CORK} is {@code TCP_CORK}. */
    static String simpleName(ChannelOption<?> option) {
        String name = option.name();
        int hash = name.lastIndexOf('#');
        return hash < 0 ? name : name.substring(hash + 1);
    }

    private <T> void set(ChannelConfig config, ChannelOption<T> option, T value, String name) {
        boolean taken;
        try {
            taken = config.setOption(option, value);
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new UnsupportedSocketOptionException(name + "=" + value, name(), cause.toString(), e);
        }
        if (!taken) {
            throw new UnsupportedSocketOptionException(name, name(), "Netty's NIO channel does not know this option "
                    + "(it would only log a warning); epoll and io_uring from client-epoll can set any socket option");
        }
    }

    @Override
    public void afterConnect(Channel channel, SocketOptions o) {
        if (o.trafficClass() != null && channel.attr(FAMILY).get() != SocketProtocolFamily.INET
                && channel.remoteAddress() instanceof InetSocketAddress remote
                && remote.getAddress() instanceof Inet4Address) {
            throw new UnsupportedSocketOptionException("IP_TOS", name(), "the socket is dual-stack (AF_INET6) and "
                    + "its peer " + remote + " is IPv4: the JDK sets only IPV6_TCLASS there, which IPv4 packets "
                    + "ignore; connect without a custom dialer (Warren then opens an AF_INET socket for an IPv4 "
                    + "peer), or use the epoll or io_uring transport");
        }
    }

    @Override
    public SocketReadback readBack(Channel channel, SocketOptions o) {
        return onLoop(channel, () -> {
            if (!channel.isOpen()) {
                throw new IllegalStateException("the socket of " + channel + " is closed");
            }
            return read(channel, o);
        });
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private SocketReadback read(Channel channel, SocketOptions o) {
        Map<String, Object> values = new LinkedHashMap<>();
        ChannelConfig config = channel.config();
        if (o.tcpNoDelay() != null) values.put("TCP_NODELAY", config.getOption(ChannelOption.TCP_NODELAY));
        if (o.keepAlive() != null) values.put("SO_KEEPALIVE", config.getOption(ChannelOption.SO_KEEPALIVE));
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
        if (o.sendBufferSize() != null) {
            values.put("SO_SNDBUF", kernelBufferSize(config.getOption(ChannelOption.SO_SNDBUF)));
        }
        if (o.receiveBufferSize() != null) {
            values.put("SO_RCVBUF", kernelBufferSize(config.getOption(ChannelOption.SO_RCVBUF)));
        }
        if (o.trafficClass() != null) {
            SocketProtocolFamily family = channel.attr(FAMILY).get();
            // The JDK reads IP_TOS on an AF_INET socket and IPV6_TCLASS on an AF_INET6 one; a socket of unknown
            // family (made by a user's channel factory) is not reported rather than guessed.
            if (family == SocketProtocolFamily.INET) {
                values.put("IP_TOS", config.getOption(ChannelOption.IP_TOS));
            } else if (family == SocketProtocolFamily.INET6) {
                values.put("IPV6_TCLASS", config.getOption(ChannelOption.IP_TOS));
            }
        }
        if (o.reuseAddress() != null) values.put("SO_REUSEADDR", config.getOption(ChannelOption.SO_REUSEADDR));
        if (o.reusePort() != null) {
            values.put("SO_REUSEPORT", config.getOption(NioChannelOption.of(StandardSocketOptions.SO_REUSEPORT)));
        }
        if (o.tcpQuickAck() != null) {
            values.put("TCP_QUICKACK", config.getOption(NioChannelOption.of(ExtendedSocketOptions.TCP_QUICKACK)));
        }
        for (ChannelOption<?> option : o.channelOptions().keySet()) {
            ChannelOption<?> jdk = jdkEquivalent(option);
            String name = simpleName(option);
            Object value = config.getOption((ChannelOption) (jdk != null ? jdk : option));
            values.put(name, name.equals("SO_SNDBUF") || name.equals("SO_RCVBUF") ? kernelBufferSize(value) : value);
        }
        values.values().removeIf(java.util.Objects::isNull);
        return new SocketReadback(name(), channel.localAddress(), channel.remoteAddress(), values, null);
    }

    /**
     * What the kernel holds for SO_SNDBUF or SO_RCVBUF, from what the JDK reports: on Linux the JDK halves what
     * getsockopt returns (to hide that Linux doubles the size asked for), so it is doubled back here, and NIO reports
     * the same number as epoll, io_uring and {@code ss}.
     */
    private static Object kernelBufferSize(Object jdkValue) {
        return jdkValue instanceof Integer size && LINUX ? Integer.valueOf(size * 2) : jdkValue;
    }

    private static final boolean LINUX = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT)
            .startsWith("linux");

    /**
     * Runs {@code read} on the channel's event loop, where the channel cannot close under it, and waits for it. Called
     * on that loop, runs at once.
     */
    static <T> T onLoop(Channel channel, Callable<T> read) {
        if (channel.eventLoop().inEventLoop()) {
            try {
                return read.call();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        try {
            return channel.eventLoop().submit(read).get(READ_BACK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("reading the socket's options failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the socket's options", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the event loop of " + channel + " did not read the socket's options "
                    + "within " + READ_BACK_TIMEOUT_SECONDS + " s", e);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            throw new IllegalStateException("the event loop of " + channel + " has shut down", e);
        }
    }
}

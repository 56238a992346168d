package dev.warren.amqp.epoll.internal;

import dev.warren.amqp.client.RawSocketOption;
import dev.warren.amqp.client.SocketOptions;
import dev.warren.amqp.client.SocketReadback;
import dev.warren.amqp.client.TcpInfo;
import dev.warren.amqp.client.spi.UnsupportedSocketOptionException;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.unix.IntegerUnixChannelOption;
import io.netty.channel.unix.RawUnixChannelOption;
import io.netty.channel.unix.Socket;
import io.netty.channel.unix.UnixChannel;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import static dev.warren.amqp.epoll.LinuxSocketOptions.AF_INET6;
import static dev.warren.amqp.epoll.LinuxSocketOptions.SOL_SOCKET;
import static dev.warren.amqp.epoll.LinuxSocketOptions.SO_DOMAIN;

/**
 * Socket options on a native (epoll or io_uring) channel, set and read with setsockopt/getsockopt on the channel's
 * own file descriptor, which both transports expose through {@link UnixChannel#fd()}. One code path for both
 * transports, so that an option behaves the same on either, whatever each Netty transport does with its own
 * {@code ChannelOption}s.
 *
 * <ul>
 *   <li>Typed options: one setsockopt each, before bind and connect.</li>
 *   <li>Raw options: setsockopt with an int, or with a fresh copy of the bytes for every connection.</li>
 *   <li>Netty channel options: given to Netty's channel config first, unchanged. An option the config does not take
 *       (Netty returns {@code false} and would only log a warning: {@code EpollChannelOption.SO_REUSEPORT} on a
 *       client socket, any {@code EpollChannelOption} on io_uring and the other way round, the JDK's options) is
 *       translated into the setsockopt it stands for; one with no such equivalent fails the connect.
 *       {@code ChannelOption.TCP_FASTOPEN_CONNECT}, which Netty keeps as a flag of its own, also gets the kernel's
 *       {@code TCP_FASTOPEN_CONNECT}.</li>
 * </ul>
 *
 * <p>Every call runs on the channel's event loop, where the descriptor cannot be closed (and its number reused)
 * under it.
 */
public final class NativeSockets {

    private static final long READ_BACK_TIMEOUT_SECONDS = 5;

    private final String transport;
    private final Function<Channel, TcpInfo> tcpInfo;

    public NativeSockets(String transport, Function<Channel, TcpInfo> tcpInfo) {
        this.transport = transport;
        this.tcpInfo = tcpInfo;
    }

    /** Sets on the bootstrap what belongs there; everything else is set on the socket by {@link #apply}. */
    public void prepare(Bootstrap bootstrap, SocketOptions o) {
        if (o.localAddress() != null) {
            bootstrap.localAddress(o.localAddress());
        }
    }

    // ------------------------------------------------------------------------------------------------ setting

    /** Sets every option of {@code o} on the channel's socket. On the channel's event loop, before connect. */
    public void apply(Channel channel, SocketOptions o) {
        Socket socket = socket(channel);
        set(socket, KernelOption.TCP_NODELAY_OPTION, o.tcpNoDelay());
        set(socket, KernelOption.SO_KEEPALIVE_OPTION, o.keepAlive());
        set(socket, KernelOption.TCP_KEEPIDLE_OPTION, o.keepAliveIdle() == null ? null
                : (int) o.keepAliveIdle().toSeconds());
        set(socket, KernelOption.TCP_KEEPINTVL_OPTION, o.keepAliveInterval() == null ? null
                : (int) o.keepAliveInterval().toSeconds());
        set(socket, KernelOption.TCP_KEEPCNT_OPTION, o.keepAliveCount());
        set(socket, KernelOption.SO_SNDBUF_OPTION, o.sendBufferSize());
        set(socket, KernelOption.SO_RCVBUF_OPTION, o.receiveBufferSize());
        set(socket, KernelOption.IP_TOS_OPTION, o.trafficClass());
        set(socket, KernelOption.SO_REUSEADDR_OPTION, o.reuseAddress());
        set(socket, KernelOption.SO_REUSEPORT_OPTION, o.reusePort());
        set(socket, KernelOption.TCP_USER_TIMEOUT_OPTION, o.tcpUserTimeout() == null ? null
                : (int) o.tcpUserTimeout().toMillis());
        set(socket, KernelOption.TCP_NOTSENT_LOWAT_OPTION, o.tcpNotSentLowAt());
        set(socket, KernelOption.IP_BIND_ADDRESS_NO_PORT_OPTION, o.ipBindAddressNoPort());
        set(socket, KernelOption.TCP_QUICKACK_OPTION, o.tcpQuickAck());
        set(socket, KernelOption.SO_BUSY_POLL_OPTION, o.busyPollMicros());
        set(socket, KernelOption.TCP_FASTOPEN_CONNECT_OPTION, o.tcpFastOpenConnect());
        set(socket, KernelOption.TCP_CONGESTION_OPTION, o.tcpCongestion());
        for (RawSocketOption raw : o.rawOptions()) {
            try {
                if (raw.isInt()) {
                    socket.setIntOpt(raw.level(), raw.optname(), raw.intValue());
                } else {
                    byte[] bytes = raw.bytesValue(); // a copy: nothing of the options is consumed
                    socket.setRawOpt(raw.level(), raw.optname(),
                            ByteBuffer.allocateDirect(bytes.length).put(bytes).flip());
                }
            } catch (IOException e) {
                throw refused(raw.toString(), e, "");
            }
        }
        for (Map.Entry<ChannelOption<?>, Object> e : o.channelOptions().entrySet()) {
            setChannelOption(channel, socket, e.getKey(), e.getValue());
        }
    }

    private void set(Socket socket, KernelOption option, Object value) {
        if (value == null) {
            return;
        }
        try {
            option.set(socket, value);
        } catch (IOException | RuntimeException e) {
            throw refused(option.name() + "=" + value, e, hint(option, e));
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void setChannelOption(Channel channel, Socket socket, ChannelOption option, Object value) {
        String name = simpleName(option);
        KernelOption kernel = KernelOption.forName(name);
        if (value instanceof ByteBuffer buffer) {
            value = buffer.duplicate(); // Netty's setRawOpt consumes the buffer; the next connection needs it whole
        }
        boolean taken;
        try {
            taken = !isJdkOption(option) && channel.config().setOption(option, value);
        } catch (RuntimeException e) {
            throw refused(name + "=" + value, e.getCause() != null ? e.getCause() : e, hint(kernel, e));
        }
        if (taken) {
            if (kernel == KernelOption.TCP_FASTOPEN_CONNECT_OPTION) {
                set(socket, kernel, value); // Netty keeps it as a flag for its own sendto-on-connect
            }
            return;
        }
        if (kernel == null) {
            throw new UnsupportedSocketOptionException(name, transport, "Netty's " + transport + " channel does "
                    + "not take it (it would only log a warning), and it is no socket option Warren can set with "
                    + "setsockopt; set it with a raw socket option or IntegerUnixChannelOption instead");
        }
        set(socket, kernel, value);
    }

    private static boolean isJdkOption(ChannelOption<?> option) {
        return option.getClass().getName().equals("io.netty.channel.socket.nio.NioChannelOption");
    }

    /** {@code io.netty.channel.epoll.EpollChannelOption#TCP_CORK} is {@code TCP_CORK}. */
    public static String simpleName(ChannelOption<?> option) {
        String name = option.name();
        int hash = name.lastIndexOf('#');
        return hash < 0 ? name : name.substring(hash + 1);
    }

    private UnsupportedSocketOptionException refused(String option, Throwable e, String hint) {
        return new UnsupportedSocketOptionException(option, transport, "the kernel refused it: " + e.getMessage()
                + hint, e);
    }

    private static String hint(KernelOption option, Throwable e) {
        if (option == KernelOption.TCP_CONGESTION_OPTION) {
            return "; this kernel has " + sysctl("net/ipv4/tcp_available_congestion_control")
                    + " (unprivileged processes may use " + sysctl("net/ipv4/tcp_allowed_congestion_control") + ")";
        }
        if (option == KernelOption.TCP_FASTOPEN_CONNECT_OPTION) {
            return "; client-side TCP Fast Open needs bit 1 in net.ipv4.tcp_fastopen, which is "
                    + sysctl("net/ipv4/tcp_fastopen");
        }
        if (option == KernelOption.SO_BUSY_POLL_OPTION) {
            return "; a value above net.core.busy_read (" + sysctl("net/core/busy_read") + ") needs CAP_NET_ADMIN";
        }
        return "";
    }

    private static String sysctl(String name) {
        try {
            return Files.readString(Path.of("/proc/sys", name), StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    // ------------------------------------------------------------------------------------------------ reading

    /** What the kernel holds for every option of {@code o}, and tcp_info. From any thread. */
    public SocketReadback readBack(Channel channel, SocketOptions o) {
        return onLoop(channel, () -> {
            if (!channel.isOpen()) {
                throw new IllegalStateException("the socket of " + channel + " is closed");
            }
            return read(channel, o);
        });
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private SocketReadback read(Channel channel, SocketOptions o) throws IOException {
        Socket socket = socket(channel);
        Map<String, Object> values = new LinkedHashMap<>();
        get(socket, values, KernelOption.TCP_NODELAY_OPTION, o.tcpNoDelay());
        get(socket, values, KernelOption.SO_KEEPALIVE_OPTION, o.keepAlive());
        get(socket, values, KernelOption.TCP_KEEPIDLE_OPTION, o.keepAliveIdle());
        get(socket, values, KernelOption.TCP_KEEPINTVL_OPTION, o.keepAliveInterval());
        get(socket, values, KernelOption.TCP_KEEPCNT_OPTION, o.keepAliveCount());
        get(socket, values, KernelOption.SO_SNDBUF_OPTION, o.sendBufferSize());
        get(socket, values, KernelOption.SO_RCVBUF_OPTION, o.receiveBufferSize());
        if (o.trafficClass() != null) {
            putTrafficClass(socket, values);
        }
        get(socket, values, KernelOption.SO_REUSEADDR_OPTION, o.reuseAddress());
        get(socket, values, KernelOption.SO_REUSEPORT_OPTION, o.reusePort());
        get(socket, values, KernelOption.TCP_USER_TIMEOUT_OPTION, o.tcpUserTimeout());
        get(socket, values, KernelOption.TCP_NOTSENT_LOWAT_OPTION, o.tcpNotSentLowAt());
        get(socket, values, KernelOption.IP_BIND_ADDRESS_NO_PORT_OPTION, o.ipBindAddressNoPort());
        get(socket, values, KernelOption.TCP_QUICKACK_OPTION, o.tcpQuickAck());
        get(socket, values, KernelOption.SO_BUSY_POLL_OPTION, o.busyPollMicros());
        get(socket, values, KernelOption.TCP_FASTOPEN_CONNECT_OPTION, o.tcpFastOpenConnect());
        get(socket, values, KernelOption.TCP_CONGESTION_OPTION, o.tcpCongestion());
        for (RawSocketOption raw : o.rawOptions()) {
            String key = SocketReadback.rawName(raw.level(), raw.optname());
            if (raw.isInt()) {
                values.put(key, socket.getIntOpt(raw.level(), raw.optname()));
            } else {
                values.put(key, getBytes(socket, raw.level(), raw.optname(), raw.bytesValue().length));
            }
        }
        for (ChannelOption<?> option : o.channelOptions().keySet()) {
            String name = simpleName(option);
            if (option instanceof IntegerUnixChannelOption unix) {
                values.put(name, socket.getIntOpt(unix.level(), unix.optname()));
            } else if (option instanceof RawUnixChannelOption unix) {
                values.put(name, getBytes(socket, unix.level(), unix.optname(), unix.length()));
            } else if (KernelOption.forName(name) == KernelOption.IP_TOS_OPTION) {
                putTrafficClass(socket, values);
            } else if (KernelOption.forName(name) != null) {
                values.put(name, KernelOption.forName(name).get(socket));
            } else {
                Object value = channel.config().getOption((ChannelOption) option); // a Netty-only setting
                if (value != null) {
                    values.put(name, value);
                }
            }
        }
        return new SocketReadback(transport, channel.localAddress(), channel.remoteAddress(), values,
                tcpInfo.apply(channel));
    }

    private static void get(Socket socket, Map<String, Object> values, KernelOption option, Object wasSet)
            throws IOException {
        if (wasSet != null) {
            values.put(option.name(), option.get(socket));
        }
    }

    private static void putTrafficClass(Socket socket, Map<String, Object> values) throws IOException {
        values.put("IP_TOS", KernelOption.IP_TOS_OPTION.get(socket));
        if (socket.getIntOpt(SOL_SOCKET, SO_DOMAIN) == AF_INET6) {
            values.put("IPV6_TCLASS", KernelOption.IPV6_TCLASS_OPTION.get(socket));
        }
    }

    private static byte[] getBytes(Socket socket, int level, int optname, int length) throws IOException {
        ByteBuffer out = ByteBuffer.allocate(length);
        socket.getRawOpt(level, optname, out);
        return out.array();
    }

    /**
     * A view of the channel's socket for setsockopt/getsockopt. It shares the channel's descriptor and is never
     * closed: the channel owns the descriptor.
     */
    private Socket socket(Channel channel) {
        if (!(channel instanceof UnixChannel unix)) {
            throw new UnsupportedSocketOptionException("socket options", transport, "the channel "
                    + channel.getClass().getName() + " has no file descriptor");
        }
        return new Socket(unix.fd().intValue());
    }

    private static <T> T onLoop(Channel channel, Callable<T> read) {
        try {
            if (channel.eventLoop().inEventLoop()) {
                return read.call();
            }
            return channel.eventLoop().submit(read).get(READ_BACK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("reading the socket's options failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the socket's options", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the event loop of " + channel + " did not read the socket's options "
                    + "within " + READ_BACK_TIMEOUT_SECONDS + " s", e);
        } catch (RejectedExecutionException e) {
            throw new IllegalStateException("the event loop of " + channel + " has shut down", e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("reading the socket's options failed: " + e, e);
        }
    }
}

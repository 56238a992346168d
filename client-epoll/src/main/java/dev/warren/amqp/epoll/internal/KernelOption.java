package dev.warren.amqp.epoll.internal;

import io.netty.channel.unix.Socket;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import static dev.warren.amqp.epoll.LinuxSocketOptions.*;

/**
 * A Linux socket option Warren sets and reads with setsockopt/getsockopt on the socket's file descriptor, and the
 * Java type its value has: what the typed options use, and what a Netty channel option that Netty would ignore is
 * translated into. Looked up by name; the names of Netty's options ({@code EpollChannelOption#TCP_CORK},
 * {@code IoUringChannelOption#TCP_CORK}, {@code UnixChannelOption#SO_REUSEPORT}, {@code ChannelOption#SO_RCVBUF})
 * and of the JDK's ({@code TCP_KEEPINTERVAL}) all lead to the same entry.
 */
public record KernelOption(String name, int level, int optname, Kind kind) {

    /** How the value is passed to and from the kernel. */
    public enum Kind {
        /** An int, 0 or 1, as {@code Boolean}. */
        BOOLEAN,
        /** An int, as {@code Integer} (Netty's {@code Long} options are accepted when set). */
        INT,
        /** A NUL-terminated name of up to 15 characters, as {@code String}. */
        NAME,
        /** A {@code struct linger}, as Netty's {@code SO_LINGER} integer: seconds, or -1 when off. */
        LINGER,
        /** IP_TOS, and on an AF_INET6 socket IPV6_TCLASS too, as {@code Integer}. */
        TRAFFIC_CLASS
    }

    private static final Map<String, KernelOption> BY_NAME = new HashMap<>();

    public static final KernelOption TCP_NODELAY_OPTION = add("TCP_NODELAY", IPPROTO_TCP, TCP_NODELAY, Kind.BOOLEAN);
    public static final KernelOption SO_KEEPALIVE_OPTION = add("SO_KEEPALIVE", SOL_SOCKET, SO_KEEPALIVE, Kind.BOOLEAN);
    public static final KernelOption TCP_KEEPIDLE_OPTION = add("TCP_KEEPIDLE", IPPROTO_TCP, TCP_KEEPIDLE, Kind.INT);
    public static final KernelOption TCP_KEEPINTVL_OPTION = add("TCP_KEEPINTVL", IPPROTO_TCP, TCP_KEEPINTVL,
            Kind.INT);
    public static final KernelOption TCP_KEEPCNT_OPTION = add("TCP_KEEPCNT", IPPROTO_TCP, TCP_KEEPCNT, Kind.INT);
    public static final KernelOption SO_SNDBUF_OPTION = add("SO_SNDBUF", SOL_SOCKET, SO_SNDBUF, Kind.INT);
    public static final KernelOption SO_RCVBUF_OPTION = add("SO_RCVBUF", SOL_SOCKET, SO_RCVBUF, Kind.INT);
    public static final KernelOption IP_TOS_OPTION = add("IP_TOS", IPPROTO_IP, IP_TOS, Kind.TRAFFIC_CLASS);
    public static final KernelOption IPV6_TCLASS_OPTION = add("IPV6_TCLASS", IPPROTO_IPV6, IPV6_TCLASS, Kind.INT);
    public static final KernelOption SO_REUSEADDR_OPTION = add("SO_REUSEADDR", SOL_SOCKET, SO_REUSEADDR,
            Kind.BOOLEAN);
    public static final KernelOption SO_REUSEPORT_OPTION = add("SO_REUSEPORT", SOL_SOCKET, SO_REUSEPORT,
            Kind.BOOLEAN);
    public static final KernelOption TCP_USER_TIMEOUT_OPTION = add("TCP_USER_TIMEOUT", IPPROTO_TCP, TCP_USER_TIMEOUT,
            Kind.INT);
    public static final KernelOption TCP_NOTSENT_LOWAT_OPTION = add("TCP_NOTSENT_LOWAT", IPPROTO_TCP,
            TCP_NOTSENT_LOWAT, Kind.INT);
    public static final KernelOption IP_BIND_ADDRESS_NO_PORT_OPTION = add("IP_BIND_ADDRESS_NO_PORT", IPPROTO_IP,
            IP_BIND_ADDRESS_NO_PORT, Kind.BOOLEAN);
    public static final KernelOption TCP_QUICKACK_OPTION = add("TCP_QUICKACK", IPPROTO_TCP, TCP_QUICKACK,
            Kind.BOOLEAN);
    public static final KernelOption SO_BUSY_POLL_OPTION = add("SO_BUSY_POLL", SOL_SOCKET, SO_BUSY_POLL, Kind.INT);
    public static final KernelOption TCP_FASTOPEN_CONNECT_OPTION = add("TCP_FASTOPEN_CONNECT", IPPROTO_TCP,
            TCP_FASTOPEN_CONNECT, Kind.BOOLEAN);
    public static final KernelOption TCP_CONGESTION_OPTION = add("TCP_CONGESTION", IPPROTO_TCP, TCP_CONGESTION,
            Kind.NAME);

    static {
        // Options only Netty channel options reach: Netty's other socket options, kept to what a TCP socket has.
        add("SO_LINGER", SOL_SOCKET, SO_LINGER, Kind.LINGER);
        add("TCP_CORK", IPPROTO_TCP, TCP_CORK, Kind.BOOLEAN);
        add("TCP_FASTOPEN", IPPROTO_TCP, TCP_FASTOPEN, Kind.INT);
        add("TCP_DEFER_ACCEPT", IPPROTO_TCP, TCP_DEFER_ACCEPT, Kind.INT);
        add("IP_FREEBIND", IPPROTO_IP, IP_FREEBIND, Kind.BOOLEAN);
        add("IP_TRANSPARENT", IPPROTO_IP, IP_TRANSPARENT, Kind.BOOLEAN);
        add("IP_RECVORIGDSTADDR", IPPROTO_IP, IP_RECVORIGDSTADDR, Kind.BOOLEAN);
        add("IP_MULTICAST_ALL", IPPROTO_IP, IP_MULTICAST_ALL, Kind.BOOLEAN);
        // The JDK's names (NioChannelOption.of(ExtendedSocketOptions.X)) for the same options.
        BY_NAME.put("TCP_KEEPINTERVAL", TCP_KEEPINTVL_OPTION);
        BY_NAME.put("TCP_KEEPCOUNT", TCP_KEEPCNT_OPTION);
    }

    private static KernelOption add(String name, int level, int optname, Kind kind) {
        KernelOption option = new KernelOption(name, level, optname, kind);
        BY_NAME.put(name, option);
        return option;
    }

    /** The option of this name (a Netty option's name without its class prefix), or {@code null}. */
    public static KernelOption forName(String name) {
        return BY_NAME.get(name);
    }

    /** {@code setsockopt(level=6, optname=18)} for messages. */
    public String call() {
        return "setsockopt(level=" + level + ", optname=" + optname + ")";
    }

    /** Sets {@code value} (a {@code Boolean}, {@code Integer}, {@code Long} or {@code String}, as the kind needs). */
    public void set(Socket socket, Object value) throws IOException {
        switch (kind) {
            case BOOLEAN -> socket.setIntOpt(level, optname, ((Boolean) value) ? 1 : 0);
            case INT -> socket.setIntOpt(level, optname, toInt(value));
            case NAME -> socket.setRawOpt(level, optname,
                    ByteBuffer.wrap(((String) value).getBytes(StandardCharsets.US_ASCII)));
            case LINGER -> socket.setSoLinger(toInt(value));
            case TRAFFIC_CLASS -> {
                int tos = toInt(value);
                // What IPv4 packets carry, also on a dual-stack socket talking to a v4-mapped peer.
                socket.setIntOpt(IPPROTO_IP, IP_TOS, tos);
                if (socket.getIntOpt(SOL_SOCKET, SO_DOMAIN) == AF_INET6) {
                    socket.setIntOpt(IPPROTO_IPV6, IPV6_TCLASS, tos);
                }
            }
            default -> throw new IllegalStateException(kind.toString());
        }
    }

    /** What the kernel holds, as the kind's Java type; for a traffic class, IP_TOS (the IPv4 one). */
    public Object get(Socket socket) throws IOException {
        return switch (kind) {
            case BOOLEAN -> socket.getIntOpt(level, optname) != 0;
            case INT, TRAFFIC_CLASS -> socket.getIntOpt(level, optname);
            case NAME -> {
                ByteBuffer out = ByteBuffer.allocate(16);
                socket.getRawOpt(level, optname, out);
                byte[] bytes = out.array();
                int length = 0;
                while (length < bytes.length && bytes[length] != 0) {
                    length++;
                }
                yield new String(bytes, 0, length, StandardCharsets.US_ASCII);
            }
            case LINGER -> socket.getSoLinger();
        };
    }

    private static int toInt(Object value) {
        if (value instanceof Long l) {
            if (l < Integer.MIN_VALUE || l > 0xFFFFFFFFL) {
                throw new IllegalArgumentException("value " + l + " does not fit in 32 bits");
            }
            return (int) l.longValue();
        }
        return (Integer) value;
    }
}

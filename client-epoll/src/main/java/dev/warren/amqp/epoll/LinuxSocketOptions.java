package dev.warren.amqp.epoll;

/**
 * Linux's numbers for {@code setsockopt} levels and option names (from {@code <sys/socket.h>},
 * {@code <netinet/in.h>} and {@code <netinet/tcp.h>}, the same on x86-64 and AArch64), for raw socket options:
 *
 * <pre>{@code
 * SocketOptions.builder()
 *         .socketOption(LinuxSocketOptions.IPPROTO_TCP, LinuxSocketOptions.TCP_USER_TIMEOUT, 5_000)
 *         .socketOption(LinuxSocketOptions.IPPROTO_TCP, LinuxSocketOptions.TCP_CONGESTION,
 *                 "cubic".getBytes(StandardCharsets.US_ASCII))
 * }</pre>
 */
public final class LinuxSocketOptions {

    // Levels.
    public static final int SOL_SOCKET = 1;
    public static final int IPPROTO_IP = 0;
    public static final int IPPROTO_TCP = 6;
    public static final int IPPROTO_IPV6 = 41;

    // SOL_SOCKET.
    public static final int SO_REUSEADDR = 2;
    public static final int SO_TYPE = 3;
    public static final int SO_SNDBUF = 7;
    public static final int SO_RCVBUF = 8;
    public static final int SO_KEEPALIVE = 9;
    public static final int SO_LINGER = 13;
    public static final int SO_REUSEPORT = 15;
    public static final int SO_MARK = 36;
    public static final int SO_DOMAIN = 39;
    public static final int SO_BUSY_POLL = 46;

    // IPPROTO_IP.
    public static final int IP_TOS = 1;
    public static final int IP_TTL = 2;
    public static final int IP_FREEBIND = 15;
    public static final int IP_TRANSPARENT = 19;
    public static final int IP_RECVORIGDSTADDR = 20;
    public static final int IP_BIND_ADDRESS_NO_PORT = 24;
    public static final int IP_MULTICAST_ALL = 49;

    // IPPROTO_IPV6.
    public static final int IPV6_V6ONLY = 26;
    public static final int IPV6_TCLASS = 67;

    // IPPROTO_TCP.
    public static final int TCP_NODELAY = 1;
    public static final int TCP_MAXSEG = 2;
    public static final int TCP_CORK = 3;
    public static final int TCP_KEEPIDLE = 4;
    public static final int TCP_KEEPINTVL = 5;
    public static final int TCP_KEEPCNT = 6;
    public static final int TCP_SYNCNT = 7;
    public static final int TCP_LINGER2 = 8;
    public static final int TCP_DEFER_ACCEPT = 9;
    public static final int TCP_WINDOW_CLAMP = 10;
    public static final int TCP_INFO = 11;
    public static final int TCP_QUICKACK = 12;
    public static final int TCP_CONGESTION = 13;
    public static final int TCP_MD5SIG = 14;
    public static final int TCP_USER_TIMEOUT = 18;
    public static final int TCP_FASTOPEN = 23;
    public static final int TCP_NOTSENT_LOWAT = 25;
    public static final int TCP_FASTOPEN_CONNECT = 30;

    // Address families, as SO_DOMAIN reports them.
    public static final int AF_INET = 2;
    public static final int AF_INET6 = 10;

    private LinuxSocketOptions() {
    }
}

package dev.warren.amqp.client;

import java.net.SocketAddress;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the kernel holds for a connection's socket, read with getsockopt when asked, never echoed from the
 * configuration: the transport's name, the local and remote addresses, the effective value of each option that
 * was set, and on native transports a {@link TcpInfo} snapshot.
 *
 * <p>Options are keyed by their Linux names and hold what getsockopt returned:
 * <ul>
 *   <li>typed options: {@code TCP_NODELAY}, {@code SO_KEEPALIVE}, {@code SO_REUSEADDR}, {@code SO_REUSEPORT},
 *       {@code IP_BIND_ADDRESS_NO_PORT}, {@code TCP_QUICKACK}, {@code TCP_FASTOPEN_CONNECT} as {@code Boolean};
 *       {@code TCP_KEEPIDLE}, {@code TCP_KEEPINTVL} (seconds), {@code TCP_KEEPCNT}, {@code SO_SNDBUF},
 *       {@code SO_RCVBUF} (bytes, as the kernel reports them: Linux doubles what was asked for),
 *       {@code TCP_USER_TIMEOUT} (milliseconds), {@code TCP_NOTSENT_LOWAT}, {@code SO_BUSY_POLL} (microseconds) as
 *       {@code Integer}; {@code TCP_CONGESTION} as {@code String}; the traffic class as {@code IP_TOS} (what IPv4
 *       packets carry) and, on an IPv6 or dual-stack socket, {@code IPV6_TCLASS};</li>
 *   <li>raw options under {@link #rawName(int, int)}, such as {@code raw(6,18)}: an {@code Integer}, or a
 *       {@code byte[]} as long as the value that was set;</li>
 *   <li>Netty channel options under {@link io.netty.channel.ChannelOption#name()} without its class prefix
 *       ({@code SO_REUSEPORT}, {@code TCP_CORK}, ...). Those that are socket options are read from the kernel; those
 *       that only configure Netty (such as {@code WRITE_BUFFER_WATER_MARK}) are read from the channel's
 *       configuration.</li>
 * </ul>
 * An option the transport cannot read back is absent, never guessed.
 */
public record SocketReadback(String transport, SocketAddress localAddress, SocketAddress remoteAddress,
                             Map<String, Object> options, TcpInfo tcpInfo) {

    public SocketReadback {
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    /** The key of a raw option in {@link #options()}: {@code raw(level,optname)}. */
    public static String rawName(int level, int optname) {
        return "raw(" + level + "," + optname + ")";
    }

    /** The effective value of an option, by name. */
    public Optional<Object> option(String name) {
        return Optional.ofNullable(options.get(name));
    }

    /** The effective value of a raw option: an {@code Integer} or a {@code byte[]}. */
    public Optional<Object> raw(int level, int optname) {
        return option(rawName(level, optname));
    }

    public Optional<TcpInfo> tcpInfoSnapshot() {
        return Optional.ofNullable(tcpInfo);
    }
}

package dev.warren.amqp.client;

import java.net.SocketAddress;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the kernel holds for a connection's socket, read with getsockopt when asked, never echoed from the
 * configuration: the transport's name, the local and remote addresses, the effective value of each option that
 * was set (by option name, such as {@code SO_KEEPALIVE} or {@code TCP_USER_TIMEOUT}), and on native transports a
 * {@link TcpInfo} snapshot.
 */
public record SocketReadback(String transport, SocketAddress localAddress, SocketAddress remoteAddress,
                             Map<String, Object> options, TcpInfo tcpInfo) {

    public SocketReadback {
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    /** The effective value of an option, by name. */
    public Optional<Object> option(String name) {
        return Optional.ofNullable(options.get(name));
    }

    public Optional<TcpInfo> tcpInfoSnapshot() {
        return Optional.ofNullable(tcpInfo);
    }
}

package dev.warren.amqp.client;

import dev.warren.amqp.client.spi.Dialer;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Every layer of the dial, from typed socket options down to a whole custom dialer. Immutable; build with
 * {@link #builder()}. A {@code null} typed option means "leave the operating system's default".
 *
 * <ul>
 *   <li>Typed options, portable where the OS allows: TCP_NODELAY, SO_KEEPALIVE with idle, interval and count,
 *       buffer sizes, IP_TOS, SO_REUSEADDR, SO_REUSEPORT, local address; and on Linux native transports
 *       TCP_USER_TIMEOUT, TCP_NOTSENT_LOWAT, IP_BIND_ADDRESS_NO_PORT, TCP_QUICKACK, SO_BUSY_POLL,
 *       TCP_FASTOPEN_CONNECT and TCP_CONGESTION.</li>
 *   <li>Raw options: {@link RawSocketOption}s, set with setsockopt before connect.</li>
 *   <li>Netty channel options, passed to the bootstrap unchanged in meaning.</li>
 *   <li>A bootstrap hook and a channel-initializer hook.</li>
 *   <li>A {@link Dialer} that replaces Warren's own connect.</li>
 * </ul>
 *
 * <p>An option the transport in use cannot apply fails the connect with an error that names the option and the
 * transport; it is never silently dropped. What the kernel holds can be read back from
 * {@code Connection.socket()}.
 */
public final class SocketOptions {

    private static final SocketOptions DEFAULTS = builder().build();

    private final Boolean tcpNoDelay;
    private final Boolean keepAlive;
    private final Duration keepAliveIdle;
    private final Duration keepAliveInterval;
    private final Integer keepAliveCount;
    private final Integer sendBufferSize;
    private final Integer receiveBufferSize;
    private final Integer trafficClass;
    private final Boolean reuseAddress;
    private final Boolean reusePort;
    private final InetSocketAddress localAddress;
    private final Duration tcpUserTimeout;
    private final Integer tcpNotSentLowAt;
    private final Boolean ipBindAddressNoPort;
    private final Boolean tcpQuickAck;
    private final Integer busyPollMicros;
    private final Boolean tcpFastOpenConnect;
    private final String tcpCongestion;
    private final List<RawSocketOption> rawOptions;
    private final Map<ChannelOption<?>, Object> channelOptions;
    private final Consumer<Bootstrap> bootstrapHook;
    private final Consumer<Channel> channelInitializer;
    private final Dialer dialer;

    private SocketOptions(Builder b) {
        tcpNoDelay = b.tcpNoDelay;
        keepAlive = b.keepAlive;
        keepAliveIdle = b.keepAliveIdle;
        keepAliveInterval = b.keepAliveInterval;
        keepAliveCount = b.keepAliveCount;
        sendBufferSize = b.sendBufferSize;
        receiveBufferSize = b.receiveBufferSize;
        trafficClass = b.trafficClass;
        reuseAddress = b.reuseAddress;
        reusePort = b.reusePort;
        localAddress = b.localAddress;
        tcpUserTimeout = b.tcpUserTimeout;
        tcpNotSentLowAt = b.tcpNotSentLowAt;
        ipBindAddressNoPort = b.ipBindAddressNoPort;
        tcpQuickAck = b.tcpQuickAck;
        busyPollMicros = b.busyPollMicros;
        tcpFastOpenConnect = b.tcpFastOpenConnect;
        tcpCongestion = b.tcpCongestion;
        rawOptions = List.copyOf(b.rawOptions);
        channelOptions = Collections.unmodifiableMap(new LinkedHashMap<>(b.channelOptions));
        bootstrapHook = b.bootstrapHook;
        channelInitializer = b.channelInitializer;
        dialer = b.dialer;
    }

    /** TCP_NODELAY on, everything else at the operating system's default. */
    public static SocketOptions defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    public Boolean tcpNoDelay() { return tcpNoDelay; }
    public Boolean keepAlive() { return keepAlive; }
    public Duration keepAliveIdle() { return keepAliveIdle; }
    public Duration keepAliveInterval() { return keepAliveInterval; }
    public Integer keepAliveCount() { return keepAliveCount; }
    public Integer sendBufferSize() { return sendBufferSize; }
    public Integer receiveBufferSize() { return receiveBufferSize; }
    /** IP_TOS (IPv4) / IPV6_TCLASS (IPv6): set on both for dual-stack sockets. */
    public Integer trafficClass() { return trafficClass; }
    public Boolean reuseAddress() { return reuseAddress; }
    public Boolean reusePort() { return reusePort; }
    public InetSocketAddress localAddress() { return localAddress; }
    public Duration tcpUserTimeout() { return tcpUserTimeout; }
    public Integer tcpNotSentLowAt() { return tcpNotSentLowAt; }
    public Boolean ipBindAddressNoPort() { return ipBindAddressNoPort; }
    public Boolean tcpQuickAck() { return tcpQuickAck; }
    public Integer busyPollMicros() { return busyPollMicros; }
    public Boolean tcpFastOpenConnect() { return tcpFastOpenConnect; }
    public String tcpCongestion() { return tcpCongestion; }
    public List<RawSocketOption> rawOptions() { return rawOptions; }
    public Map<ChannelOption<?>, Object> channelOptions() { return channelOptions; }
    public Consumer<Bootstrap> bootstrapHook() { return bootstrapHook; }
    public Consumer<Channel> channelInitializer() { return channelInitializer; }
    public Dialer dialer() { return dialer; }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("SocketOptions[");
        append(s, "tcpNoDelay", tcpNoDelay);
        append(s, "keepAlive", keepAlive);
        append(s, "keepAliveIdle", keepAliveIdle);
        append(s, "keepAliveInterval", keepAliveInterval);
        append(s, "keepAliveCount", keepAliveCount);
        append(s, "sendBufferSize", sendBufferSize);
        append(s, "receiveBufferSize", receiveBufferSize);
        append(s, "trafficClass", trafficClass);
        append(s, "reuseAddress", reuseAddress);
        append(s, "reusePort", reusePort);
        append(s, "localAddress", localAddress);
        append(s, "tcpUserTimeout", tcpUserTimeout);
        append(s, "tcpNotSentLowAt", tcpNotSentLowAt);
        append(s, "ipBindAddressNoPort", ipBindAddressNoPort);
        append(s, "tcpQuickAck", tcpQuickAck);
        append(s, "busyPollMicros", busyPollMicros);
        append(s, "tcpFastOpenConnect", tcpFastOpenConnect);
        append(s, "tcpCongestion", tcpCongestion);
        if (!rawOptions.isEmpty()) append(s, "raw", rawOptions);
        if (!channelOptions.isEmpty()) append(s, "channelOptions", channelOptions);
        if (bootstrapHook != null) append(s, "bootstrapHook", "set");
        if (channelInitializer != null) append(s, "channelInitializer", "set");
        if (dialer != null) append(s, "dialer", dialer);
        return s.append(']').toString();
    }

    private static void append(StringBuilder s, String name, Object value) {
        if (value != null) {
            if (s.charAt(s.length() - 1) != '[') {
                s.append(", ");
            }
            s.append(name).append('=').append(value);
        }
    }

    /** Builds {@link SocketOptions}; not thread-safe. */
    public static final class Builder {
        private Boolean tcpNoDelay = Boolean.TRUE;
        private Boolean keepAlive;
        private Duration keepAliveIdle;
        private Duration keepAliveInterval;
        private Integer keepAliveCount;
        private Integer sendBufferSize;
        private Integer receiveBufferSize;
        private Integer trafficClass;
        private Boolean reuseAddress;
        private Boolean reusePort;
        private InetSocketAddress localAddress;
        private Duration tcpUserTimeout;
        private Integer tcpNotSentLowAt;
        private Boolean ipBindAddressNoPort;
        private Boolean tcpQuickAck;
        private Integer busyPollMicros;
        private Boolean tcpFastOpenConnect;
        private String tcpCongestion;
        private final List<RawSocketOption> rawOptions = new ArrayList<>();
        private final Map<ChannelOption<?>, Object> channelOptions = new LinkedHashMap<>();
        private Consumer<Bootstrap> bootstrapHook;
        private Consumer<Channel> channelInitializer;
        private Dialer dialer;

        private Builder() {
        }

        private Builder(SocketOptions o) {
            tcpNoDelay = o.tcpNoDelay;
            keepAlive = o.keepAlive;
            keepAliveIdle = o.keepAliveIdle;
            keepAliveInterval = o.keepAliveInterval;
            keepAliveCount = o.keepAliveCount;
            sendBufferSize = o.sendBufferSize;
            receiveBufferSize = o.receiveBufferSize;
            trafficClass = o.trafficClass;
            reuseAddress = o.reuseAddress;
            reusePort = o.reusePort;
            localAddress = o.localAddress;
            tcpUserTimeout = o.tcpUserTimeout;
            tcpNotSentLowAt = o.tcpNotSentLowAt;
            ipBindAddressNoPort = o.ipBindAddressNoPort;
            tcpQuickAck = o.tcpQuickAck;
            busyPollMicros = o.busyPollMicros;
            tcpFastOpenConnect = o.tcpFastOpenConnect;
            tcpCongestion = o.tcpCongestion;
            rawOptions.addAll(o.rawOptions);
            channelOptions.putAll(o.channelOptions);
            bootstrapHook = o.bootstrapHook;
            channelInitializer = o.channelInitializer;
            dialer = o.dialer;
        }

        /** TCP_NODELAY (default on: AMQP is request/response and Warren coalesces its own writes). */
        public Builder tcpNoDelay(Boolean value) {
            tcpNoDelay = value;
            return this;
        }

        /** SO_KEEPALIVE on or off, with the kernel's timers. */
        public Builder keepAlive(Boolean value) {
            keepAlive = value;
            return this;
        }

        /** SO_KEEPALIVE on, with TCP_KEEPIDLE, TCP_KEEPINTVL (whole seconds) and TCP_KEEPCNT. */
        public Builder keepAlive(Duration idle, Duration interval, int count) {
            requirePositiveSeconds(idle, "keepAlive idle");
            requirePositiveSeconds(interval, "keepAlive interval");
            if (count < 1) {
                throw new IllegalArgumentException("keepAlive count must be at least 1, was " + count);
            }
            keepAlive = Boolean.TRUE;
            keepAliveIdle = idle;
            keepAliveInterval = interval;
            keepAliveCount = count;
            return this;
        }

        public Builder sendBufferSize(Integer bytes) {
            sendBufferSize = positive(bytes, "sendBufferSize");
            return this;
        }

        public Builder receiveBufferSize(Integer bytes) {
            receiveBufferSize = positive(bytes, "receiveBufferSize");
            return this;
        }

        /** IP_TOS / traffic class, 0..255 (e.g. 0x10 for low delay, DSCP values shifted left by 2). */
        public Builder trafficClass(Integer value) {
            if (value != null && (value < 0 || value > 255)) {
                throw new IllegalArgumentException("trafficClass must be 0..255, was " + value);
            }
            trafficClass = value;
            return this;
        }

        public Builder reuseAddress(Boolean value) {
            reuseAddress = value;
            return this;
        }

        /** SO_REUSEPORT on the client socket: several sockets may bind the same local address and port. */
        public Builder reusePort(Boolean value) {
            reusePort = value;
            return this;
        }

        /** Binds the socket to this local address and port before connecting (port 0 lets the kernel pick). */
        public Builder localAddress(InetSocketAddress value) {
            localAddress = value;
            return this;
        }

        /** TCP_USER_TIMEOUT: how long sent data may stay unacknowledged before the kernel drops the connection. */
        public Builder tcpUserTimeout(Duration value) {
            if (value != null && (value.isNegative() || value.toMillis() > Integer.MAX_VALUE)) {
                throw new IllegalArgumentException("tcpUserTimeout must be 0..2^31-1 ms, was " + value);
            }
            tcpUserTimeout = value;
            return this;
        }

        /** TCP_NOTSENT_LOWAT, in bytes. */
        public Builder tcpNotSentLowAt(Integer bytes) {
            tcpNotSentLowAt = positive(bytes, "tcpNotSentLowAt");
            return this;
        }

        /** IP_BIND_ADDRESS_NO_PORT: with a local address of port 0, the port is chosen at connect time. */
        public Builder ipBindAddressNoPort(Boolean value) {
            ipBindAddressNoPort = value;
            return this;
        }

        /** TCP_QUICKACK. */
        public Builder tcpQuickAck(Boolean value) {
            tcpQuickAck = value;
            return this;
        }

        /** SO_BUSY_POLL, in microseconds. */
        public Builder busyPollMicros(Integer value) {
            if (value != null && value < 0) {
                throw new IllegalArgumentException("busyPollMicros must not be negative, was " + value);
            }
            busyPollMicros = value;
            return this;
        }

        /** TCP_FASTOPEN_CONNECT. */
        public Builder tcpFastOpenConnect(Boolean value) {
            tcpFastOpenConnect = value;
            return this;
        }

        /** TCP_CONGESTION: the congestion-control algorithm, such as {@code cubic} or {@code bbr}. */
        public Builder tcpCongestion(String value) {
            if (value != null && (value.isEmpty() || value.length() > 15)) {
                throw new IllegalArgumentException("tcpCongestion must be 1..15 characters, was '" + value + "'");
            }
            tcpCongestion = value;
            return this;
        }

        /** Adds a raw setsockopt with an int value. */
        public Builder socketOption(int level, int optname, int value) {
            rawOptions.add(RawSocketOption.ofInt(level, optname, value));
            return this;
        }

        /** Adds a raw setsockopt with a byte-array value (copied). */
        public Builder socketOption(int level, int optname, byte[] value) {
            rawOptions.add(RawSocketOption.ofBytes(level, optname, value));
            return this;
        }

        /**
         * Adds a Netty channel option, such as {@code EpollChannelOption.SO_REUSEPORT}, with its meaning unchanged:
         * an option Netty would ignore on this kind of channel (such as {@code SO_REUSEPORT} on a client socket, or
         * an {@code EpollChannelOption} on an io_uring channel) is set with the equivalent setsockopt; one that has
         * no equivalent fails the connect. A {@link ByteBuffer} value (for {@code RawUnixChannelOption}) is copied
         * now, and each connection gets its own view of the copy, so a connect never consumes it.
         */
        @SuppressWarnings("unchecked")
        public <T> Builder channelOption(ChannelOption<T> option, T value) {
            Objects.requireNonNull(option, "option");
            Objects.requireNonNull(value, "value");
            if (value instanceof ByteBuffer buffer) {
                ByteBuffer copy = ByteBuffer.allocate(buffer.remaining()).put(buffer.duplicate());
                value = (T) copy.flip().asReadOnlyBuffer();
            }
            option.validate(value);
            channelOptions.put(option, value);
            return this;
        }

        /** Called with Warren's bootstrap just before it connects; may change anything on it. */
        public Builder bootstrap(Consumer<Bootstrap> hook) {
            bootstrapHook = hook;
            return this;
        }

        /** Called with the new channel before Warren adds its handlers. */
        public Builder channelInitializer(Consumer<Channel> initializer) {
            channelInitializer = initializer;
            return this;
        }

        /** Replaces Warren's connect with the caller's; TLS and the AMQP pipeline are still added on top. */
        public Builder dialer(Dialer value) {
            dialer = value;
            return this;
        }

        public SocketOptions build() {
            return new SocketOptions(this);
        }

        private static Integer positive(Integer value, String name) {
            if (value != null && value <= 0) {
                throw new IllegalArgumentException(name + " must be positive, was " + value);
            }
            return value;
        }

        private static void requirePositiveSeconds(Duration value, String name) {
            if (value == null || value.getSeconds() < 1) {
                throw new IllegalArgumentException(name + " must be at least 1 second, was " + value);
            }
        }
    }
}

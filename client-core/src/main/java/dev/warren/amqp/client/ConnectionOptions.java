package dev.warren.amqp.client;

import dev.warren.amqp.client.internal.AmqpUriParser;
import dev.warren.amqp.codec.CodecLimits;
import dev.warren.amqp.codec.table.ShortStrings;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a connection needs: where to connect, how to log in, what to negotiate, how long to wait for what,
 * and which bounds to enforce. Immutable and thread-safe; build one with {@link #builder()} or parse an AMQP URI
 * with {@link #fromUri(String)}, and share it between connections. The password never appears in
 * {@link #toString()}.
 *
 * <p>Defaults: {@code localhost:5672}, guest/guest, vhost {@code /}, heartbeat 60 s, channel-max 2047, frame-max
 * 128 KiB, connect timeout 10 s, handshake timeout 10 s, RPC timeout 60 s, close timeout 10 s, SASL PLAIN then
 * AMQPLAIN.
 */
public final class ConnectionOptions {

    private final List<Address> addresses;
    private final String username;
    private final String password;
    private final String virtualHost;
    private final String connectionName;
    private final int requestedHeartbeat;
    private final int requestedChannelMax;
    private final int requestedFrameMax;
    private final Duration connectTimeout;
    private final Duration handshakeTimeout;
    private final Duration rpcTimeout;
    private final Duration closeTimeout;
    private final List<SaslMechanism> saslMechanisms;
    private final TlsOptions tls;
    private final Map<String, Object> clientProperties;
    private final CodecLimits codecLimits;
    private final int maxPendingRpcs;
    private final ClientResources resources;
    private final String transport;
    private final PublishOptions publishOptions;
    private final SocketOptions socketOptions;
    private final CallbackExceptionHandler callbackExceptionHandler;

    private ConnectionOptions(Builder b) {
        this.addresses = List.copyOf(b.addresses);
        this.username = b.username;
        this.password = b.password;
        this.virtualHost = b.virtualHost;
        this.connectionName = b.connectionName;
        this.requestedHeartbeat = b.requestedHeartbeat;
        this.requestedChannelMax = b.requestedChannelMax;
        this.requestedFrameMax = b.requestedFrameMax;
        this.connectTimeout = b.connectTimeout;
        this.handshakeTimeout = b.handshakeTimeout;
        this.rpcTimeout = b.rpcTimeout;
        this.closeTimeout = b.closeTimeout;
        this.saslMechanisms = List.copyOf(b.saslMechanisms);
        this.tls = b.tls;
        this.clientProperties = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.clientProperties));
        this.codecLimits = new CodecLimits(Math.max(b.requestedFrameMax, CodecLimits.MIN_FRAME_SIZE),
                b.maxBodySize, b.maxNestingDepth);
        this.maxPendingRpcs = b.maxPendingRpcs;
        this.resources = b.resources;
        this.transport = b.transport;
        this.publishOptions = b.publishOptions;
        this.socketOptions = b.socketOptions;
        this.callbackExceptionHandler = b.callbackExceptionHandler;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Parses an AMQP URI (RabbitMQ's URI specification): {@code amqp://user:pass@host:port/vhost?heartbeat=10}
     * or {@code amqps://...}. User, password and vhost are percent-decoded; an empty path means vhost {@code /}
     * and {@code %2f} is {@code /}; default ports are 5672 and 5671. Several hosts may be given separated by
     * commas ({@code amqp://h1:5672,h2:5673/}); they are tried in order. Query parameters: {@code heartbeat}
     * (seconds), {@code connection_timeout} (milliseconds), {@code channel_max}, {@code frame_max},
     * {@code auth_mechanism} (repeatable), {@code verify} ({@code verify_peer} or {@code verify_none}),
     * {@code server_name_indication}, {@code cacertfile}, {@code certfile}, {@code keyfile}.
     *
     * @throws IllegalArgumentException naming the part of the URI that is malformed or out of range
     */
    public static ConnectionOptions fromUri(String uri) {
        return AmqpUriParser.parse(uri, builder()).build();
    }

    /** A builder holding these options, to derive variants. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    public List<Address> addresses() {
        return addresses;
    }

    public String username() {
        return username;
    }

    /** The password; kept out of {@link #toString()} and logs. */
    public String password() {
        return password;
    }

    public String virtualHost() {
        return virtualHost;
    }

    /** The name announced as {@code connection_name}, shown in the broker's management UI; may be null. */
    public String connectionName() {
        return connectionName;
    }

    /** The heartbeat interval asked for, in seconds; 0 asks for no heartbeats at all. */
    public int requestedHeartbeat() {
        return requestedHeartbeat;
    }

    /** The channel-max asked for; 0 means the broker's limit. */
    public int requestedChannelMax() {
        return requestedChannelMax;
    }

    /** The frame-max asked for, and Warren's cap even when the broker offers no limit. */
    public int requestedFrameMax() {
        return requestedFrameMax;
    }

    /** Timeout of the TCP connect to each address. */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** Timeout from the TCP connection to connection.open-ok (TLS handshake included). */
    public Duration handshakeTimeout() {
        return handshakeTimeout;
    }

    /** Timeout of each synchronous method's reply. */
    public Duration rpcTimeout() {
        return rpcTimeout;
    }

    /** Timeout of connection.close-ok and channel.close-ok. */
    public Duration closeTimeout() {
        return closeTimeout;
    }

    /** Mechanisms offered, in order of preference; the first one the broker also offers is used. */
    public List<SaslMechanism> saslMechanisms() {
        return saslMechanisms;
    }

    /** TLS settings, or {@code null} for a plain connection. */
    public TlsOptions tls() {
        return tls;
    }

    /** Extra client properties, merged over Warren's own (product, version, platform, capabilities). */
    public Map<String, Object> clientProperties() {
        return clientProperties;
    }

    /** Frame, body and nesting limits for inbound data. */
    public CodecLimits codecLimits() {
        return codecLimits;
    }

    /** How many synchronous methods may wait for their replies on one channel. */
    public int maxPendingRpcs() {
        return maxPendingRpcs;
    }

    /** Shared event loops and timer, or {@code null} for the connection to create and own its own. */
    public ClientResources resources() {
        return resources;
    }

    /** The transport to use ({@code nio}, {@code epoll}, {@code io_uring}), or {@code null} for the best one. */
    public String transport() {
        return transport;
    }

    public PublishOptions publishOptions() {
        return publishOptions;
    }

    /** Socket options and dial hooks. */
    public SocketOptions socketOptions() {
        return socketOptions;
    }

    /** Where exceptions thrown by delivery handlers and return listeners go (default: logged at WARN). */
    public CallbackExceptionHandler callbackExceptionHandler() {
        return callbackExceptionHandler;
    }

    @Override
    public String toString() {
        return "ConnectionOptions[" + (tls != null ? "amqps" : "amqp") + "://" + username + ":****@"
                + addresses + virtualHost + ", name=" + connectionName + ", heartbeat=" + requestedHeartbeat
                + "s, channelMax=" + requestedChannelMax + ", frameMax=" + requestedFrameMax + ", sasl="
                + saslMechanisms.stream().map(SaslMechanism::name).toList() + ", transport="
                + (transport == null ? "default" : transport) + ']';
    }

    /** Builds {@link ConnectionOptions}; not thread-safe. Every setter validates at once. */
    public static final class Builder {
        private List<Address> addresses = List.of(new Address("localhost", Address.DEFAULT_PORT));
        private String username = "guest";
        private String password = "guest";
        private String virtualHost = "/";
        private String connectionName;
        private int requestedHeartbeat = 60;
        private int requestedChannelMax = 2047;
        private int requestedFrameMax = CodecLimits.DEFAULT_MAX_FRAME_SIZE;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration handshakeTimeout = Duration.ofSeconds(10);
        private Duration rpcTimeout = Duration.ofSeconds(60);
        private Duration closeTimeout = Duration.ofSeconds(10);
        private List<SaslMechanism> saslMechanisms = List.of(SaslMechanism.PLAIN, SaslMechanism.AMQPLAIN);
        private TlsOptions tls;
        private Map<String, Object> clientProperties = new LinkedHashMap<>();
        private long maxBodySize = CodecLimits.DEFAULT_MAX_BODY_SIZE;
        private int maxNestingDepth = CodecLimits.DEFAULT_MAX_NESTING_DEPTH;
        private int maxPendingRpcs = 4096;
        private ClientResources resources;
        private String transport;
        private PublishOptions publishOptions = PublishOptions.defaults();
        private SocketOptions socketOptions = SocketOptions.defaults();
        private CallbackExceptionHandler callbackExceptionHandler = CallbackExceptionHandler.LOG;

        private Builder() {
        }

        private Builder(ConnectionOptions o) {
            addresses = o.addresses;
            username = o.username;
            password = o.password;
            virtualHost = o.virtualHost;
            connectionName = o.connectionName;
            requestedHeartbeat = o.requestedHeartbeat;
            requestedChannelMax = o.requestedChannelMax;
            requestedFrameMax = o.requestedFrameMax;
            connectTimeout = o.connectTimeout;
            handshakeTimeout = o.handshakeTimeout;
            rpcTimeout = o.rpcTimeout;
            closeTimeout = o.closeTimeout;
            saslMechanisms = o.saslMechanisms;
            tls = o.tls;
            clientProperties = new LinkedHashMap<>(o.clientProperties);
            maxBodySize = o.codecLimits.maxBodySize();
            maxNestingDepth = o.codecLimits.maxNestingDepth();
            maxPendingRpcs = o.maxPendingRpcs;
            resources = o.resources;
            transport = o.transport;
            publishOptions = o.publishOptions;
            socketOptions = o.socketOptions;
            callbackExceptionHandler = o.callbackExceptionHandler;
        }

        /** One broker address. */
        public Builder address(String host, int port) {
            return addresses(List.of(new Address(host, port)));
        }

        /** Several addresses, tried in order until one accepts the connection. */
        public Builder addresses(List<Address> value) {
            if (value == null || value.isEmpty()) {
                throw new IllegalArgumentException("at least one address is needed");
            }
            addresses = new ArrayList<>(value);
            return this;
        }

        public Builder credentials(String user, String pass) {
            username = ShortStrings.requireShortString(Objects.requireNonNull(user, "username"), "username");
            password = Objects.requireNonNull(pass, "password");
            return this;
        }

        public Builder username(String value) {
            username = ShortStrings.requireShortString(Objects.requireNonNull(value, "username"), "username");
            return this;
        }

        public Builder password(String value) {
            password = Objects.requireNonNull(value, "password");
            return this;
        }

        public Builder virtualHost(String value) {
            virtualHost = ShortStrings.requireShortString(Objects.requireNonNull(value, "virtualHost"),
                    "virtualHost");
            return this;
        }

        public Builder connectionName(String value) {
            connectionName = value;
            return this;
        }

        /** Heartbeat interval in seconds (0..65535); 0 asks for no heartbeats, and none are sent or expected. */
        public Builder heartbeat(int seconds) {
            requestedHeartbeat = checkRange(seconds, 0, 65535, "heartbeat");
            return this;
        }

        public Builder heartbeat(Duration interval) {
            return heartbeat((int) Math.min(interval.toSeconds(), Integer.MAX_VALUE));
        }

        /** Channel-max to ask for (0..65535; 0 takes the broker's). */
        public Builder channelMax(int value) {
            requestedChannelMax = checkRange(value, 0, 65535, "channel_max");
            return this;
        }

        /**
         * Frame-max to ask for, in bytes, and Warren's cap even when the broker allows more: 0 (no limit of the
         * client's: Warren still caps at its default of 131072), or 8192 to 2^31-1.
         */
        public Builder frameMax(int value) {
            if (value != 0 && value < CodecLimits.MIN_FRAME_SIZE) {
                throw new IllegalArgumentException("frame_max must be 0 or at least " + CodecLimits.MIN_FRAME_SIZE
                        + ", was " + value);
            }
            requestedFrameMax = value == 0 ? CodecLimits.DEFAULT_MAX_FRAME_SIZE : value;
            return this;
        }

        public Builder connectTimeout(Duration value) {
            connectTimeout = checkPositive(value, "connectTimeout");
            return this;
        }

        public Builder handshakeTimeout(Duration value) {
            handshakeTimeout = checkPositive(value, "handshakeTimeout");
            return this;
        }

        public Builder rpcTimeout(Duration value) {
            rpcTimeout = checkPositive(value, "rpcTimeout");
            return this;
        }

        public Builder closeTimeout(Duration value) {
            closeTimeout = checkPositive(value, "closeTimeout");
            return this;
        }

        /** SASL mechanisms in order of preference. */
        public Builder saslMechanisms(List<SaslMechanism> value) {
            if (value == null || value.isEmpty()) {
                throw new IllegalArgumentException("at least one SASL mechanism is needed");
            }
            saslMechanisms = List.copyOf(value);
            return this;
        }

        public Builder saslMechanisms(SaslMechanism... value) {
            return saslMechanisms(List.of(value));
        }

        /** TLS settings; {@code null} for a plain connection. Changes default ports only through URIs. */
        public Builder tls(TlsOptions value) {
            tls = value;
            return this;
        }

        public Builder clientProperty(String name, Object value) {
            clientProperties.put(ShortStrings.requireShortString(name, "client property name"), value);
            return this;
        }

        /** The largest message body accepted from the broker (default 64 MiB). */
        public Builder maxBodySize(long bytes) {
            maxBodySize = bytes;
            new CodecLimits(CodecLimits.MIN_FRAME_SIZE, bytes, maxNestingDepth);
            return this;
        }

        /** How deep field tables may nest in data from the broker (default 64). */
        public Builder maxNestingDepth(int depth) {
            maxNestingDepth = depth;
            new CodecLimits(CodecLimits.MIN_FRAME_SIZE, maxBodySize, depth);
            return this;
        }

        /** How many synchronous methods may await replies on one channel (default 4096). */
        public Builder maxPendingRpcs(int value) {
            maxPendingRpcs = checkRange(value, 1, 1 << 20, "maxPendingRpcs");
            return this;
        }

        /** Shared resources; the connection then neither creates nor shuts down event loops of its own. */
        public Builder resources(ClientResources value) {
            resources = value;
            return this;
        }

        /** Transport by name: {@code nio}, {@code epoll}, {@code io_uring}; {@code null} picks the best. */
        public Builder transport(String name) {
            transport = name;
            return this;
        }

        public Builder publishOptions(PublishOptions value) {
            publishOptions = Objects.requireNonNull(value, "publishOptions");
            return this;
        }

        public Builder socketOptions(SocketOptions value) {
            socketOptions = Objects.requireNonNull(value, "socketOptions");
            return this;
        }

        /** Receives exceptions thrown by delivery handlers and return listeners. */
        public Builder callbackExceptionHandler(CallbackExceptionHandler value) {
            callbackExceptionHandler = Objects.requireNonNull(value, "callbackExceptionHandler");
            return this;
        }

        public ConnectionOptions build() {
            return new ConnectionOptions(this);
        }

        private static int checkRange(int value, int min, int max, String name) {
            if (value < min || value > max) {
                throw new IllegalArgumentException(name + " must be " + min + ".." + max + ", was " + value);
            }
            return value;
        }

        private static Duration checkPositive(Duration value, String name) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be a positive duration, was " + value);
            }
            return value;
        }
    }
}

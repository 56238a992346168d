package dev.warren.amqp.testing;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The RabbitMQ broker that integration tests talk to, found once per JVM and shared by every test class.
 *
 * <p>{@link #get()} looks, in order, at:
 * <ol>
 *   <li>the environment variable {@code AMQP_TEST_URI} (an {@code amqp://} or {@code amqps://} URI), taken as given;</li>
 *   <li>a broker on {@code 127.0.0.1:5672} (guest/guest, virtual host {@code /}), if a TCP connect succeeds
 *       within about a second;</li>
 *   <li>a RabbitMQ container started through Testcontainers ({@code rabbitmq:3.13}), only when a Docker
 *       engine answers.</li>
 * </ol>
 * When none of them works, {@link #get()} throws {@link BrokerUnavailableException} naming what was tried; the
 * outcome, success or failure, is remembered for the rest of the JVM's life.
 *
 * <p>Instances are immutable and thread-safe; {@link #get()} may be called from any thread.
 * Use {@link BrokerExtension} (or {@link RequiresBroker}) to skip or fail test classes when no broker is found.
 */
public final class TestBroker {

    /** Environment variable that names the broker explicitly. */
    public static final String URI_VARIABLE = "AMQP_TEST_URI";

    static final String LOCAL_HOST = "127.0.0.1";
    static final int LOCAL_PORT = 5672;
    static final int LOCAL_CONNECT_TIMEOUT_MILLIS = 1000;

    private static final Logger LOG = LoggerFactory.getLogger(TestBroker.class);
    private static final Object LOCK = new Object();
    private static TestBroker resolved;
    private static BrokerUnavailableException failure;

    private final String host;
    private final int port;
    private final String username;
    private final String password;
    private final String virtualHost;
    private final boolean tls;
    private final String source;

    TestBroker(String host, int port, String username, String password, String virtualHost, boolean tls,
               String source) {
        this.host = Objects.requireNonNull(host, "host");
        this.port = port;
        this.username = Objects.requireNonNull(username, "username");
        this.password = Objects.requireNonNull(password, "password");
        this.virtualHost = Objects.requireNonNull(virtualHost, "virtualHost");
        this.tls = tls;
        this.source = Objects.requireNonNull(source, "source");
    }

    /**
     * Returns the broker for this JVM, resolving it on the first call (which may take about a second, or much
     * longer when a container has to be started).
     *
     * @throws BrokerUnavailableException when no broker was found; every later call throws the same way
     */
    public static TestBroker get() {
        synchronized (LOCK) {
            if (resolved == null && failure == null) {
                try {
                    resolved = resolve(System.getenv(URI_VARIABLE),
                            new InetSocketAddress(LOCAL_HOST, LOCAL_PORT), ContainerBroker::startIfDockerAvailable);
                    LOG.info("Integration tests use the RabbitMQ broker {} (found through {})",
                            resolved.redactedUri(), resolved.source);
                } catch (BrokerUnavailableException e) {
                    failure = e;
                }
            }
            if (failure != null) {
                // A fresh exception per call, so each stack trace shows the caller; the first attempt is the cause.
                throw new BrokerUnavailableException(failure.getMessage(), failure);
            }
            return resolved;
        }
    }

    /**
     * The resolution order of {@link #get()}, with its inputs passed in so that tests can drive every branch.
     *
     * @param uriVariable the value of {@code AMQP_TEST_URI}, or {@code null} when it is not set
     * @param local       the address to probe with a TCP connect
     * @param container   starts a container broker, or returns empty with the reason in a log line when Docker is
     *                    not available; may throw when starting fails
     */
    static TestBroker resolve(String uriVariable, InetSocketAddress local,
                              Supplier<Optional<TestBroker>> container) {
        if (uriVariable != null && !uriVariable.isBlank()) {
            try {
                return parse(uriVariable.trim(), URI_VARIABLE);
            } catch (IllegalArgumentException e) {
                throw new BrokerUnavailableException(URI_VARIABLE + " is set but is not a valid AMQP URI: "
                        + e.getMessage(), e);
            }
        }
        List<String> tried = new ArrayList<>();
        tried.add(URI_VARIABLE + ": not set");
        String localName = local.getHostString() + ":" + local.getPort();
        Optional<String> refused = probe(local);
        if (refused.isEmpty()) {
            return new TestBroker(local.getHostString(), local.getPort(), "guest", "guest", "/", false, localName);
        }
        tried.add(localName + ": " + refused.get());
        try {
            Optional<TestBroker> started = container.get();
            if (started.isPresent()) {
                return started.get();
            }
            tried.add("testcontainers: no Docker engine available");
        } catch (RuntimeException | LinkageError e) {
            tried.add("testcontainers: " + e);
        }
        throw new BrokerUnavailableException("No RabbitMQ broker for integration tests. Tried, in order: "
                + String.join("; ", tried) + ". Start RabbitMQ on " + localName + " (guest/guest), set "
                + URI_VARIABLE + ", or start a Docker engine.");
    }

    /** Returns empty when a TCP connection to {@code address} opens in time, else why it did not. */
    private static Optional<String> probe(InetSocketAddress address) {
        try (Socket socket = new Socket()) {
            socket.connect(address, LOCAL_CONNECT_TIMEOUT_MILLIS);
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("TCP connect failed (" + e.getMessage() + ")");
        }
    }

    /**
     * Parses an AMQP URI as the RabbitMQ URI specification reads it: user and password default to guest/guest,
     * the port to 5672 ({@code amqp}) or 5671 ({@code amqps}); the path is the percent-decoded virtual host,
     * {@code /} when there is no path at all (so {@code amqp://h/} names the empty virtual host and
     * {@code amqp://h/%2f} the default one).
     *
     * @throws IllegalArgumentException when the text is not such a URI
     */
    static TestBroker parse(String text, String source) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        String scheme = uri.getScheme();
        boolean tls;
        if ("amqp".equalsIgnoreCase(scheme)) {
            tls = false;
        } else if ("amqps".equalsIgnoreCase(scheme)) {
            tls = true;
        } else {
            throw new IllegalArgumentException("scheme must be amqp or amqps: " + text);
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("no host in " + text);
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = uri.getPort() == -1 ? (tls ? 5671 : 5672) : uri.getPort();
        String username = "guest";
        String password = "guest";
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            username = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            password = colon < 0 ? "" : decode(userInfo.substring(colon + 1));
        }
        String rawPath = uri.getRawPath();
        String virtualHost;
        if (rawPath == null || rawPath.isEmpty()) {
            virtualHost = "/";
        } else {
            String segment = rawPath.substring(1);
            if (segment.contains("/")) {
                throw new IllegalArgumentException("the path of an AMQP URI is one segment (the virtual host, with "
                        + "'/' written as %2f): " + text);
            }
            virtualHost = decode(segment);
        }
        return new TestBroker(host, port, username, password, virtualHost, tls, source);
    }

    private static String decode(String text) {
        // URLDecoder turns '+' into a space, which is form encoding, not URI encoding.
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The broker as an AMQP URI, with the virtual host always explicit, e.g. {@code amqp://guest:guest@127.0.0.1:5672/%2f}. */
    public String uri() {
        return (tls ? "amqps" : "amqp") + "://" + encode(username) + ":" + encode(password) + "@" + authority();
    }

    private String authority() {
        String printableHost = host.contains(":") ? "[" + host + "]" : host;
        return printableHost + ":" + port + "/" + encode(virtualHost).replace("%2F", "%2f");
    }

    private String redactedUri() {
        return (tls ? "amqps" : "amqp") + "://" + encode(username) + ":***@" + authority();
    }

    /** The host name or address to connect to, IPv6 addresses without brackets. */
    public String host() {
        return host;
    }

    /** The AMQP (or AMQPS, see {@link #tls()}) port. */
    public int port() {
        return port;
    }

    /** The user to log in as. */
    public String username() {
        return username;
    }

    /** The user's password. */
    public String password() {
        return password;
    }

    /** The virtual host, e.g. {@code /}. */
    public String virtualHost() {
        return virtualHost;
    }

    /** Whether the broker is reached over TLS ({@code amqps}). */
    public boolean tls() {
        return tls;
    }

    /** Where the broker was found: {@code "AMQP_TEST_URI"}, {@code "127.0.0.1:5672"} or {@code "testcontainers"}. */
    public String source() {
        return source;
    }

    @Override
    public String toString() {
        return "TestBroker[" + redactedUri() + " from " + source + "]";
    }
}

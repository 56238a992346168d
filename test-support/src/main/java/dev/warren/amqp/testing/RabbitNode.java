package dev.warren.amqp.testing;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A RabbitMQ node that a test owns: started from the machine's RabbitMQ installation ({@code /usr/lib/rabbitmq/bin},
 * or the folder named by the system property {@value #BIN_PROPERTY}) in a temporary folder of its own, on its own
 * ports, so that tests can stop, restart, crash and reconfigure it without touching the shared broker on port 5672.
 *
 * <pre>{@code
 * try (RabbitNode node = RabbitNode.builder().plugins("rabbitmq_management").build()) {
 *     node.start();
 *     connect(node.uri());
 *     node.restart();                  // clients see 320 CONNECTION_FORCED
 *     node.closeConnection(node.listConnections().get(0).pid(), "test");
 * }
 * }</pre>
 *
 * <p>A node costs 120-150 MiB and 4-7 s to start (more with plugins): start one per test class, not per test.
 * The node name is unique per JVM and run ({@code PREFIX-JVMPID-N@localhost}); ports are fixed when the node is
 * built and kept across restarts. Nodes of one JVM share an Erlang cookie, so they can form a cluster
 * ({@link #joinCluster(RabbitNode)}). A node still running when the JVM exits is killed by a shutdown hook; one left
 * by a JVM that was killed is cleaned up when the next JVM builds a node (see {@link NodeReaper}).
 *
 * <p>Every method blocks the calling thread until the node has done what was asked, bounded by a timeout; every
 * external program is killed when its time is up. Lifecycle methods ({@code start}, {@code stop}, {@code kill},
 * {@code close} ...) are synchronized; the CLI helpers may run concurrently from any thread.
 */
public final class RabbitNode implements AutoCloseable {

    /** System property naming the folder with {@code rabbitmq-server} and {@code rabbitmqctl}. */
    public static final String BIN_PROPERTY = "warren.rabbitmq.bin";

    static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(60);
    static final Duration CLI_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration EXIT_WAIT = Duration.ofSeconds(15);
    private static final int LOG_TAIL_LINES = 60;

    private static final Logger LOG = LoggerFactory.getLogger(RabbitNode.class);
    private static final AtomicInteger COUNTER = new AtomicInteger();
    /** One cookie for every node of this JVM: nodes with the same cookie can cluster. */
    private static final String COOKIE = randomCookie();

    private final NodeLayout layout;
    private final Path bin;
    private final Map<String, String> environment;
    private final int amqpPort;
    private final int amqpsPort;
    private final int managementPort;
    private final Duration startTimeout;

    /** The launched {@code rabbitmq-server} script; its child is the Erlang VM. Null while not running. */
    private volatile Process process;
    private boolean closed;

    private RabbitNode(Builder builder, String nodeName, Path baseDir, int amqpPort, int amqpsPort,
                       int managementPort, int distPort) {
        this.layout = new NodeLayout(nodeName, baseDir, amqpPort, distPort);
        this.bin = Path.of(System.getProperty(BIN_PROPERTY, "/usr/lib/rabbitmq/bin"));
        this.environment = layout.environment();
        this.amqpPort = amqpPort;
        this.amqpsPort = amqpsPort;
        this.managementPort = managementPort;
        this.startTimeout = builder.startTimeout;
        layout.write(COOKIE, builder.configLines(amqpPort, amqpsPort, managementPort), builder.allPlugins());
    }

    /** Starts describing a node; nothing is created until {@link Builder#build()}. */
    public static Builder builder() {
        return new Builder();
    }

    // ---------------------------------------------------------------- lifecycle

    /**
     * Starts the node and returns once the AMQP port accepts connections and {@code rabbitmqctl await_startup}
     * says the node has booted (about 4-7 s). A node whose VM exits while booting fails at once, with its
     * console output and log tail in the exception.
     *
     * @throws IllegalStateException when the node is running or closed
     * @throws RabbitNodeException   when the node did not boot within the start timeout (60 s by default); the
     *                               node is killed then
     */
    public synchronized void start() {
        requireOpen();
        if (isRunning()) {
            throw new IllegalStateException(nodeName() + " is already running");
        }
        long started = System.nanoTime();
        long deadline = started + startTimeout.toNanos();
        try {
            // A pid file left by a killed VM would otherwise name a dead process until the new VM writes its own.
            Files.deleteIfExists(layout.pidFile());
            ProcessBuilder builder = new ProcessBuilder(bin.resolve("rabbitmq-server").toString())
                    .directory(layout.baseDir().toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(layout.consoleFile().toFile()))
                    .redirectErrorStream(true);
            builder.environment().clear();
            builder.environment().putAll(environment);
            process = builder.start();
        } catch (IOException e) {
            throw new RabbitNodeException("cannot launch " + bin.resolve("rabbitmq-server") + ": " + e, e);
        }
        NodeReaper.register(this);
        try {
            awaitPort(deadline);
            Duration left = Duration.ofNanos(Math.max(deadline - System.nanoTime(), 1_000_000_000L));
            ExternalCommand.Result ready = runCli("rabbitmqctl",
                    List.of("await_startup", "--timeout", Long.toString(Math.max(1, left.toSeconds()))),
                    left.plusSeconds(5));
            if (ready.exitCode() != 0) {
                Process launched = process;
                throw bootFailure(launched.isAlive()
                        ? "rabbitmqctl await_startup exited with " + ready.exitCode() + ": " + ready.stderr().strip()
                        : "the node exited with code " + launched.exitValue() + " while booting");
            }
        } catch (RuntimeException e) {
            killProcessTree();
            throw e instanceof RabbitNodeException ? e : bootFailure(e.toString());
        }
        LOG.info("Started RabbitMQ node {} on amqp port {} in {} ms ({})", nodeName(), amqpPort,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), layout.baseDir());
    }

    private void awaitPort(long deadline) {
        while (true) {
            Process launched = process;
            if (!launched.isAlive()) {
                throw bootFailure("the node exited with code " + launched.exitValue() + " while booting");
            }
            if (portAccepts(amqpPort)) {
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                throw bootFailure("the AMQP port " + amqpPort + " did not open within " + startTimeout);
            }
            sleep(100);
        }
    }

    private static boolean portAccepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private RabbitNodeException bootFailure(String what) {
        return new RabbitNodeException("RabbitMQ node " + nodeName() + " did not start: " + what
                + "\n--- console (" + layout.consoleFile() + ") ---\n" + console()
                + "\n--- log (" + layout.logFile() + ") ---\n" + log());
    }

    /**
     * Stops the node gracefully ({@code rabbitmqctl stop}, 1.5-3 s); kills it if that does not work in time.
     * Data (queues, users, vhosts) is kept for the next {@link #start()}. Does nothing when the node is not running.
     */
    public synchronized void stop() {
        Process launched = process;
        if (launched == null || !launched.isAlive()) {
            forgetProcess();
            return;
        }
        long started = System.nanoTime();
        try {
            // Only ever against a live node: with no node and no pid file, 'rabbitmqctl stop' can wait for minutes.
            ExternalCommand.Result result = runCli("rabbitmqctl",
                    List.of("stop", layout.pidFile().toString()), STOP_TIMEOUT);
            if (result.exitCode() != 0) {
                LOG.warn("rabbitmqctl stop of {} exited with {}: {}", nodeName(), result.exitCode(),
                        result.stderr().strip());
            }
        } catch (RabbitNodeException e) {
            LOG.warn("Graceful stop of {} failed, killing it: {}", nodeName(), e.getMessage());
        }
        if (!waitForExit(launched, EXIT_WAIT)) {
            LOG.warn("{} still running after rabbitmqctl stop; killing it", nodeName());
        }
        killProcessTree();
        LOG.info("Stopped RabbitMQ node {} in {} ms", nodeName(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    /** {@link #stop()} then {@link #start()}, on the same ports with the same data (about 8 s). */
    public synchronized void restart() {
        stop();
        start();
    }

    /**
     * Stops the RabbitMQ application but keeps the Erlang VM ({@code rabbitmqctl stop_app}): clients are
     * disconnected and the port closes. Much faster than {@link #stop()}; undo with {@link #startApp()}.
     */
    public synchronized void stopApp() {
        requireRunning();
        rabbitmqctl("stop_app");
    }

    /** Starts the RabbitMQ application again after {@link #stopApp()} (about 1.5 s); returns when it runs. */
    public synchronized void startApp() {
        requireRunning();
        rabbitmqctl("start_app");
        rabbitmqctl("await_startup");
    }

    /**
     * Simulates a crash: {@code kill -9} of the Erlang VM, then waits for it to be gone. Clients see the TCP
     * connection drop without an AMQP close. {@link #start()} brings the node back with its durable data.
     */
    public synchronized void kill() {
        requireRunning();
        Process launched = process;
        Optional<ProcessHandle> beam = beamProcess();
        beam.ifPresent(ProcessHandle::destroyForcibly);
        beam.ifPresent(handle -> waitForExit(handle, EXIT_WAIT));
        // The launching script exits on its own once the VM is gone; its leftovers (port helpers) go with it.
        if (!waitForExit(launched, EXIT_WAIT)) {
            LOG.warn("{}: launcher still running after the VM was killed", nodeName());
        }
        killProcessTree();
        LOG.info("Killed RabbitMQ node {} (kill -9)", nodeName());
    }

    /**
     * Stops the node if it runs and deletes its folder. Safe to call more than once; never hangs (a node that will
     * not stop is killed).
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            stop();
        } catch (RuntimeException e) {
            LOG.warn("Stopping {} failed while closing: {}", nodeName(), e.toString());
            killProcessTree();
        }
        NodeReaper.deleteTree(layout.baseDir());
    }

    /** Whether the node's VM is running (it may still be booting, or have its application stopped). */
    public boolean isRunning() {
        Process launched = process;
        return launched != null && launched.isAlive();
    }

    /** Called by the JVM shutdown hook only: no locks, since a test thread may hold this node's monitor. */
    void killAtShutdown() {
        killProcessTree();
        NodeReaper.deleteTree(layout.baseDir());
    }

    private void killProcessTree() {
        Process launched = process;
        if (launched != null) {
            beamProcess().ifPresent(beam -> ExternalCommand.killTree(beam, Duration.ofSeconds(5)));
            ExternalCommand.killTree(launched.toHandle(), Duration.ofSeconds(5));
        }
        forgetProcess();
    }

    private void forgetProcess() {
        process = null;
        NodeReaper.unregister(this);
    }

    /** The Erlang VM: from the pid file when it has been written, else the VM among the launcher's children. */
    private Optional<ProcessHandle> beamProcess() {
        try {
            String pid = Files.readString(layout.pidFile(), StandardCharsets.US_ASCII).trim();
            Optional<ProcessHandle> fromFile = ProcessHandle.of(Long.parseLong(pid));
            if (fromFile.isPresent()) {
                return fromFile;
            }
        } catch (IOException | NumberFormatException e) {
            // Not written yet: the VM is still early in its boot.
        }
        Process launched = process;
        if (launched == null) {
            return Optional.empty();
        }
        return launched.descendants()
                .filter(p -> p.info().command().map(c -> c.endsWith("beam.smp")).orElse(false))
                .findFirst();
    }

    private static boolean waitForExit(ProcessHandle handle, Duration wait) {
        try {
            handle.onExit().get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (Exception e) {
            return !handle.isAlive();
        }
    }

    private static boolean waitForExit(Process launched, Duration wait) {
        try {
            return launched.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException(nodeName() + " is closed");
        }
    }

    private void requireRunning() {
        requireOpen();
        if (!isRunning()) {
            throw new IllegalStateException(nodeName() + " is not running");
        }
    }

    // ---------------------------------------------------------------- CLI

    /**
     * Runs {@code rabbitmqctl -n NODE ARGS...} against this node (about 0.4 s per call) and returns its standard
     * output.
     *
     * @throws RabbitNodeException when it exits non-zero (with its standard error in the message) or takes longer
     *                             than 30 s
     */
    public String rabbitmqctl(String... args) {
        return cli("rabbitmqctl", args);
    }

    /** Runs {@code rabbitmq-plugins -n NODE ARGS...} against this node, like {@link #rabbitmqctl(String...)}. */
    public String rabbitmqPlugins(String... args) {
        return cli("rabbitmq-plugins", args);
    }

    private String cli(String program, String... args) {
        ExternalCommand.Result result = runCli(program, Arrays.asList(args), CLI_TIMEOUT);
        if (result.exitCode() != 0) {
            throw new RabbitNodeException(program + " -n " + nodeName() + " " + String.join(" ", args)
                    + " exited with " + result.exitCode() + ": " + result.stderr().strip()
                    + (result.stdout().isBlank() ? "" : "\n" + result.stdout().strip()));
        }
        return result.stdout();
    }

    private ExternalCommand.Result runCli(String program, List<String> args, Duration timeout) {
        List<String> command = new ArrayList<>();
        command.add(bin.resolve(program).toString());
        command.add("-n");
        command.add(nodeName());
        command.addAll(args);
        return ExternalCommand.run(command, environment, layout.baseDir(), timeout);
    }

    /**
     * Sets the memory alarm threshold as a fraction of RAM ({@code set_vm_memory_high_watermark}). A tiny value such
     * as {@code 0.0000001} makes the broker block publishers ({@code connection.blocked}); {@code 0.4} is the default.
     * Not persisted across restarts.
     */
    public void setMemoryHighWatermark(double fraction) {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("fraction must be within [0, 1]: " + fraction);
        }
        // Plain notation: the CLI does not read 1.0E-7.
        rabbitmqctl("set_vm_memory_high_watermark", BigDecimal.valueOf(fraction).toPlainString());
    }

    /** The node's client connections, from {@code rabbitmqctl list_connections pid name peer_port}. */
    public List<NodeConnection> listConnections() {
        String out = rabbitmqctl("list_connections", "--quiet", "--no-table-headers", "pid", "name", "peer_port");
        List<NodeConnection> connections = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] columns = line.split("\t");
            if (columns.length != 3) {
                throw new RabbitNodeException("unexpected list_connections line: " + line);
            }
            connections.add(new NodeConnection(columns[0].strip(), columns[1].strip(),
                    Integer.parseInt(columns[2].strip())));
        }
        return connections;
    }

    /**
     * Closes one client connection from the broker side ({@code rabbitmqctl close_connection}); the client sees
     * 320 CONNECTION_FORCED with {@code reason} as reply text within about half a second.
     *
     * @param pid the connection's {@link NodeConnection#pid()}, not its name
     */
    public void closeConnection(String pid, String reason) {
        rabbitmqctl("close_connection", pid, reason);
    }

    /** Creates a user with no tags and no permissions ({@code add_user}); see {@link #setPermissions}. */
    public void addUser(String user, String password) {
        rabbitmqctl("add_user", user, password);
    }

    /** Creates a virtual host ({@code add_vhost}); guest gets no permissions on it by itself. */
    public void addVhost(String name) {
        rabbitmqctl("add_vhost", name);
    }

    /** Grants {@code user} the configure, write and read permissions (regular expressions) on {@code vhost}. */
    public void setPermissions(String vhost, String user, String configure, String write, String read) {
        rabbitmqctl("set_permissions", "-p", vhost, user, configure, write, read);
    }

    /**
     * Makes this node join {@code seed}'s cluster: {@code stop_app}, {@code reset} (this node's data is lost),
     * {@code join_cluster}, {@code start_app}. Both nodes must be running. Clustering three nodes takes about 30 s:
     * do it once per test suite.
     */
    public synchronized void joinCluster(RabbitNode seed) {
        requireRunning();
        rabbitmqctl("stop_app");
        rabbitmqctl("reset");
        rabbitmqctl("join_cluster", seed.nodeName());
        rabbitmqctl("start_app");
        rabbitmqctl("await_startup");
    }

    // ---------------------------------------------------------------- accessors

    /** The Erlang node name, e.g. {@code warren-4711-1@localhost}; what {@code rabbitmqctl -n} takes. */
    public String nodeName() {
        return layout.nodeName();
    }

    /** The plain AMQP port on 127.0.0.1, fixed for the node's life (kept across restarts). */
    public int amqpPort() {
        return amqpPort;
    }

    /**
     * The TLS listener's port.
     *
     * @throws IllegalStateException when the node was built without {@link Builder#tls}
     */
    public int amqpsPort() {
        if (amqpsPort <= 0) {
            throw new IllegalStateException(nodeName() + " has no TLS listener: build it with tls(...)");
        }
        return amqpsPort;
    }

    /**
     * The management plugin's HTTP port.
     *
     * @throws IllegalStateException when the node was built without {@link Builder#managementPort(int)}
     */
    public int managementPort() {
        if (managementPort <= 0) {
            throw new IllegalStateException(nodeName() + " has no management listener: build it with "
                    + "managementPort(...)");
        }
        return managementPort;
    }

    /** The folder holding everything the node writes; deleted by {@link #close()}. */
    public Path baseDir() {
        return layout.baseDir();
    }

    /** {@code amqp://guest:guest@127.0.0.1:PORT}. */
    public String uri() {
        return "amqp://guest:guest@127.0.0.1:" + amqpPort;
    }

    /** {@code amqps://guest:guest@127.0.0.1:PORT}, for a node built with {@link Builder#tls}. */
    public String amqpsUri() {
        return "amqps://guest:guest@127.0.0.1:" + amqpsPort();
    }

    /** {@code http://127.0.0.1:PORT} of the management HTTP API (user guest/guest). */
    public String managementUri() {
        return "http://127.0.0.1:" + managementPort();
    }

    /** The node's {@code rabbitmq.conf}, as generated from the builder. */
    public Path configFile() {
        return layout.configFile();
    }

    /** The last lines of the node's log, for diagnostics in assertion messages; empty before the first start. */
    public String log() {
        return tail(layout.logFile(), LOG_TAIL_LINES);
    }

    /** What the launcher printed: boot errors (a bad config line, say) are at its start, the crash at its end. */
    private String console() {
        try {
            List<String> all = Files.readAllLines(layout.consoleFile(), StandardCharsets.UTF_8);
            if (all.size() <= 80) {
                return String.join("\n", all);
            }
            return String.join("\n", all.subList(0, 50)) + "\n[...]\n"
                    + String.join("\n", all.subList(all.size() - 30, all.size()));
        } catch (IOException e) {
            return "";
        }
    }

    private static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public String toString() {
        return "RabbitNode[" + nodeName() + ", amqp " + amqpPort + (isRunning() ? ", running" : "") + "]";
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RabbitNodeException("interrupted while waiting for the node", e);
        }
    }

    private static String randomCookie() {
        byte[] bytes = new byte[20];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().withUpperCase().formatHex(bytes);
    }

    // ---------------------------------------------------------------- builder

    /**
     * Describes a {@link RabbitNode}. Not thread-safe; {@link #build()} may be called once per node wanted and
     * creates the node's folder, but does not start it.
     */
    public static final class Builder {

        private String namePrefix = "warren";
        private int amqpPort;
        private final List<String> extraConfig = new ArrayList<>();
        private final Set<String> plugins = new LinkedHashSet<>();
        private TestCertificates certificates;
        private boolean requireClientCertificate;
        private int amqpsPort;
        private boolean management;
        private int managementPort;
        private boolean externalAuth;
        private Duration startTimeout = DEFAULT_START_TIMEOUT;

        private Builder() {
        }

        /** The start of the node name (letters, digits, {@code _} and {@code -}); default {@code warren}. */
        public Builder namePrefix(String prefix) {
            if (!prefix.matches("[A-Za-z0-9_-]+")) {
                throw new IllegalArgumentException("node name prefix must be letters, digits, '_' or '-': " + prefix);
            }
            this.namePrefix = prefix;
            return this;
        }

        /** The AMQP port on 127.0.0.1; 0 (the default) picks a free port when the node is built. */
        public Builder amqpPort(int port) {
            this.amqpPort = requirePort(port);
            return this;
        }

        /**
         * Lines appended to the generated {@code rabbitmq.conf} (new-style {@code key = value} format), e.g.
         * {@code "heartbeat = 5"} or {@code "channel_max = 16"}.
         */
        public Builder configLines(String... lines) {
            extraConfig.addAll(Arrays.asList(lines));
            return this;
        }

        /** Plugins to enable, e.g. {@code rabbitmq_management}. */
        public Builder plugins(String... names) {
            for (String name : names) {
                if (!name.matches("[a-z0-9_]+")) {
                    throw new IllegalArgumentException("not a plugin name: " + name);
                }
                plugins.add(name);
            }
            return this;
        }

        /** Plugins to enable, as a list. */
        public Builder plugins(List<String> names) {
            return plugins(names.toArray(String[]::new));
        }

        /**
         * Adds a TLS listener on 127.0.0.1 ({@code listeners.ssl.default}) using {@code certs}' server certificate,
         * verifying clients against its CA ({@code verify_peer}).
         *
         * @param requireClientCertificate sets {@code fail_if_no_peer_cert}; note that with TLS 1.3 a missing
         *                                 client certificate surfaces as an alert after the handshake completed
         */
        public Builder tls(TestCertificates certs, boolean requireClientCertificate) {
            this.certificates = Objects.requireNonNull(certs, "certs");
            this.requireClientCertificate = requireClientCertificate;
            return this;
        }

        /** The TLS port; 0 (the default) picks a free port. Only used with {@link #tls}. */
        public Builder amqpsPort(int port) {
            this.amqpsPort = requirePort(port);
            return this;
        }

        /**
         * Enables the management plugin with its HTTP API on 127.0.0.1 at {@code port}; 0 picks a free port.
         * Costs time: about 1 s more per start, and about 5 s more per stop (RabbitMQ 3.10's management agent
         * waits that long for its statistics collector when the node stops).
         */
        public Builder managementPort(int port) {
            this.management = true;
            this.managementPort = requirePort(port);
            return this;
        }

        /**
         * Lets clients log in with their TLS certificate (SASL EXTERNAL, user name = the certificate's CN): enables
         * {@code rabbitmq_auth_mechanism_ssl}, offers PLAIN, AMQPLAIN and EXTERNAL, and reads the name from the
         * common name. Needs {@link #tls}; the user must still be created ({@link RabbitNode#addUser}).
         */
        public Builder externalAuth() {
            this.externalAuth = true;
            return this;
        }

        /** How long {@link RabbitNode#start()} may take; default 60 s. */
        public Builder startTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("start timeout must be positive: " + timeout);
            }
            this.startTimeout = timeout;
            return this;
        }

        /** Creates the node's folder, ports and configuration. The node is not started. */
        public RabbitNode build() {
            if (externalAuth && certificates == null) {
                throw new IllegalStateException("externalAuth() needs a TLS listener: call tls(...) too");
            }
            Path tempRoot = Path.of(System.getProperty("java.io.tmpdir"));
            NodeReaper.initialise(tempRoot);
            String nodeName = namePrefix + "-" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet()
                    + "@localhost";
            Set<Integer> taken = new LinkedHashSet<>();
            int amqp = choose(amqpPort, taken);
            int amqps = certificates == null ? -1 : choose(amqpsPort, taken);
            int http = management ? choose(managementPort, taken) : -1;
            int dist = choose(0, taken);
            Path baseDir;
            try {
                baseDir = Files.createTempDirectory(tempRoot, NodeReaper.DIR_PREFIX);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a folder for a RabbitMQ node in " + tempRoot, e);
            }
            return new RabbitNode(this, nodeName, baseDir, amqp, amqps, http, dist);
        }

        /** {@link #build()} and {@link RabbitNode#start()}; the node is closed again if it does not start. */
        public RabbitNode start() {
            RabbitNode node = build();
            try {
                node.start();
                return node;
            } catch (RuntimeException e) {
                node.close();
                throw e;
            }
        }

        private static int choose(int requested, Set<Integer> taken) {
            int port = requested != 0 ? requested : FreePorts.pick(taken);
            taken.add(port);
            return port;
        }

        private static int requirePort(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("not a port: " + port);
            }
            return port;
        }

        List<String> allPlugins() {
            Set<String> all = new LinkedHashSet<>(plugins);
            if (management) {
                all.add("rabbitmq_management");
            }
            if (externalAuth) {
                all.add("rabbitmq_auth_mechanism_ssl");
            }
            return List.copyOf(all);
        }

        List<String> configLines(int amqp, int amqps, int http) {
            List<String> lines = new ArrayList<>();
            lines.add("listeners.tcp.default = 127.0.0.1:" + amqp);
            lines.add("log.file.level = info");
            if (certificates != null) {
                lines.add("listeners.ssl.default = 127.0.0.1:" + amqps);
                lines.add("ssl_options.cacertfile = " + certificates.caCertificate());
                lines.add("ssl_options.certfile = " + certificates.serverCertificate());
                lines.add("ssl_options.keyfile = " + certificates.serverKey());
                lines.add("ssl_options.verify = verify_peer");
                lines.add("ssl_options.fail_if_no_peer_cert = " + requireClientCertificate);
            }
            if (management) {
                lines.add("management.tcp.ip = 127.0.0.1");
                lines.add("management.tcp.port = " + http);
            }
            if (externalAuth) {
                lines.add("auth_mechanisms.1 = PLAIN");
                lines.add("auth_mechanisms.2 = AMQPLAIN");
                lines.add("auth_mechanisms.3 = EXTERNAL");
                lines.add("ssl_cert_login_from = common_name");
            }
            lines.addAll(extraConfig);
            return lines;
        }
    }
}

package dev.warren.amqp.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where one {@link RabbitNode} keeps its files, and the environment that confines the RabbitMQ scripts to them.
 *
 * <p>Everything a node writes lives under {@link #baseDir()}: {@code home/} (with its own {@code .erlang.cookie}),
 * {@code mnesia/}, {@code log/}, {@code rabbitmq.conf}, {@code enabled_plugins}, the pid file, an empty
 * {@code rabbitmq-env.conf} (so the system's {@code /etc/rabbitmq/rabbitmq-env.conf} is not read) and
 * {@code owner.pid}, the pid of the JVM that owns the node, read by {@link NodeReaper} to clean up after JVMs that
 * died. The same environment is used for the server and every CLI call, so the CLI finds this node's cookie and
 * plugin file rather than the shared broker's. Immutable once written.
 */
final class NodeLayout {

    private final String nodeName;
    private final Path baseDir;
    private final int amqpPort;
    private final int distPort;

    NodeLayout(String nodeName, Path baseDir, int amqpPort, int distPort) {
        this.nodeName = nodeName;
        this.baseDir = baseDir;
        this.amqpPort = amqpPort;
        this.distPort = distPort;
    }

    String nodeName() {
        return nodeName;
    }

    Path baseDir() {
        return baseDir;
    }

    Path home() {
        return baseDir.resolve("home");
    }

    Path pidFile() {
        return baseDir.resolve("rabbitmq.pid");
    }

    Path configFile() {
        return baseDir.resolve("rabbitmq.conf");
    }

    Path enabledPluginsFile() {
        return baseDir.resolve("enabled_plugins");
    }

    Path logDir() {
        return baseDir.resolve("log");
    }

    Path logFile() {
        return logDir().resolve(nodeName + ".log");
    }

    /** What the launched {@code rabbitmq-server} script prints: early boot errors show up only here. */
    Path consoleFile() {
        return baseDir.resolve("console.out");
    }

    Path ownerPidFile() {
        return baseDir.resolve("owner.pid");
    }

    /** Creates the folders and writes every file the node reads at boot. */
    void write(String cookie, List<String> configLines, List<String> plugins) {
        try {
            Files.createDirectories(home());
            Files.createDirectories(baseDir.resolve("mnesia"));
            Files.createDirectories(logDir());
            Path cookieFile = home().resolve(".erlang.cookie");
            Files.writeString(cookieFile, cookie, StandardCharsets.US_ASCII);
            // Erlang refuses a cookie that anyone but the owner can read.
            Files.setPosixFilePermissions(cookieFile, Set.of(PosixFilePermission.OWNER_READ));
            Files.write(configFile(), configLines, StandardCharsets.UTF_8);
            Files.writeString(enabledPluginsFile(), "[" + String.join(",", plugins) + "].\n",
                    StandardCharsets.UTF_8);
            Files.writeString(baseDir.resolve("rabbitmq-env.conf"), "", StandardCharsets.UTF_8);
            Files.writeString(ownerPidFile(), Long.toString(ProcessHandle.current().pid()), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lay out RabbitMQ node files in " + baseDir, e);
        }
    }

    /**
     * The complete environment for the server and the CLI. Built from scratch rather than inherited, so that
     * {@code RABBITMQ_*} or {@code ERL_*} variables of the developer's shell cannot leak in.
     */
    Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin"));
        // The Elixir CLI warns on every call when the locale is not UTF-8.
        env.put("LANG", "C.UTF-8");
        env.put("LC_ALL", "C.UTF-8");
        env.put("HOME", home().toString());
        env.put("RABBITMQ_NODENAME", nodeName);
        env.put("RABBITMQ_NODE_IP_ADDRESS", "127.0.0.1");
        env.put("RABBITMQ_NODE_PORT", Integer.toString(amqpPort));
        env.put("RABBITMQ_DIST_PORT", Integer.toString(distPort));
        env.put("RABBITMQ_MNESIA_BASE", baseDir.resolve("mnesia").toString());
        env.put("RABBITMQ_LOG_BASE", logDir().toString());
        env.put("RABBITMQ_CONFIG_FILE", configFile().toString());
        env.put("RABBITMQ_ENABLED_PLUGINS_FILE", enabledPluginsFile().toString());
        env.put("RABBITMQ_PID_FILE", pidFile().toString());
        env.put("RABBITMQ_CONF_ENV_FILE", baseDir.resolve("rabbitmq-env.conf").toString());
        // Keep epmd (if this node is the one to start it) and the distribution listener off the network.
        env.put("ERL_EPMD_ADDRESS", "127.0.0.1");
        env.put("RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS", "-kernel inet_dist_use_interface {127,0,0,1}");
        // A VM that fails to boot writes a crash dump into its working directory unless told where.
        env.put("ERL_CRASH_DUMP", baseDir.resolve("erl_crash.dump").toString());
        return env;
    }
}

package dev.warren.amqp.testing;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Makes sure no {@link RabbitNode} outlives the test run that started it.
 *
 * <ul>
 *   <li>A JVM shutdown hook kills the nodes of this JVM that are still running and deletes their folders.</li>
 *   <li>A JVM that died without running its hooks (SIGKILL, a Surefire fork timeout) leaves nodes behind; the next
 *       JVM that creates a node finds their folders in the temporary directory, sees that the owning JVM is gone,
 *       kills the node (only if its command line names that folder, so a reused pid is never hit) and deletes the
 *       folder.</li>
 * </ul>
 * Thread-safe: nodes register and unregister from test threads; the hook runs on its own thread at JVM exit.
 */
final class NodeReaper {

    static final String DIR_PREFIX = "warren-rabbit-";

    private static final Logger LOG = LoggerFactory.getLogger(NodeReaper.class);
    private static final Set<RabbitNode> LIVE = ConcurrentHashMap.newKeySet();
    private static boolean initialised;

    private NodeReaper() {
    }

    /** Called before a node's first start: installs the hook and cleans up after dead JVMs, once per JVM. */
    static synchronized void initialise(Path tempRoot) {
        if (initialised) {
            return;
        }
        initialised = true;
        Runtime.getRuntime().addShutdownHook(new Thread(NodeReaper::killAll, "warren-rabbit-node-reaper"));
        reapOrphans(tempRoot);
    }

    static void register(RabbitNode node) {
        LIVE.add(node);
    }

    static void unregister(RabbitNode node) {
        LIVE.remove(node);
    }

    private static void killAll() {
        for (RabbitNode node : LIVE) {
            node.killAtShutdown();
        }
    }

    /** Kills the nodes of dead JVMs found in {@code tempRoot} and deletes their folders. */
    static void reapOrphans(Path tempRoot) {
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(tempRoot, DIR_PREFIX + "*")) {
            for (Path dir : dirs) {
                Optional<Long> owner = readPid(dir.resolve("owner.pid"));
                boolean ownerAlive = owner.flatMap(ProcessHandle::of).map(ProcessHandle::isAlive).orElse(false);
                if (owner.isPresent() && !ownerAlive) {
                    reap(dir);
                }
            }
        } catch (IOException e) {
            LOG.warn("Cannot look for RabbitMQ nodes left behind in {}: {}", tempRoot, e.toString());
        }
    }

    private static void reap(Path dir) {
        readPid(dir.resolve("rabbitmq.pid")).flatMap(ProcessHandle::of).ifPresent(beam -> {
            boolean ours = beam.info().commandLine().map(line -> line.contains(dir.toString())).orElse(false);
            if (ours && beam.isAlive()) {
                LOG.warn("Killing RabbitMQ node (pid {}) left behind by a test JVM that died: {}", beam.pid(), dir);
                ExternalCommand.killTree(beam, Duration.ofSeconds(5));
            }
        });
        deleteTree(dir);
    }

    private static Optional<Long> readPid(Path file) {
        try {
            return Optional.of(Long.parseLong(Files.readString(file, StandardCharsets.US_ASCII).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Deletes a folder and everything in it; logs and carries on when something cannot be deleted. */
    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    LOG.warn("Cannot delete {}: {}", path, e.toString());
                }
            });
        } catch (IOException e) {
            LOG.warn("Cannot delete {}: {}", dir, e.toString());
        }
    }
}

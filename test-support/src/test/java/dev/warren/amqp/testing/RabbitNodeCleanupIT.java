package dev.warren.amqp.testing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks that a node never outlives its test run: a child JVM starts a node and then exits without closing it, or
 * is killed outright.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class RabbitNodeCleanupIT {

    /** A node and the JVM that started it. */
    private record Orphan(Process jvm, Path baseDir, long beamPid) {
    }

    @Test
    void aNodeLeftRunningAtJvmExitIsKilledByTheShutdownHook() throws Exception {
        Orphan orphan = startChildJvm("exit");

        assertThat(orphan.jvm().waitFor(30, TimeUnit.SECONDS)).as("child JVM exited").isTrue();

        assertThat(ProcessHandle.of(orphan.beamPid()).map(ProcessHandle::isAlive).orElse(false))
                .as("Erlang VM of the node still alive").isFalse();
        assertThat(orphan.baseDir()).doesNotExist();
    }

    @Test
    void aNodeOfAKilledJvmIsReapedByTheNextJvm() throws Exception {
        Orphan orphan = startChildJvm("wait");
        orphan.jvm().destroyForcibly(); // SIGKILL: no shutdown hook runs
        assertThat(orphan.jvm().waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(ProcessHandle.of(orphan.beamPid()).map(ProcessHandle::isAlive).orElse(false))
                .as("the node survives its JVM's death, so reaping is needed").isTrue();

        NodeReaper.reapOrphans(orphan.baseDir().getParent());

        ProcessHandle.of(orphan.beamPid()).ifPresent(beam -> beam.onExit().join());
        assertThat(orphan.baseDir()).doesNotExist();
    }

    private static Orphan startChildJvm(String mode) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // Surefire starts tests through a manifest-only jar; it names the real class path in this property.
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path log = Files.createTempFile("node-left-running", ".log");
        Process jvm = new ProcessBuilder(List.of(java, "-cp", classPath, NodeLeftRunning.class.getName(), mode))
                .redirectError(log.toFile())
                .start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(jvm.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("NODE ")) {
                    String[] parts = line.split(" ");
                    Files.delete(log);
                    return new Orphan(jvm, Path.of(parts[1]), Long.parseLong(parts[2]));
                }
            }
        }
        jvm.waitFor(10, TimeUnit.SECONDS);
        throw new AssertionError("child JVM did not report a node; its log:\n" + Files.readString(log));
    }
}

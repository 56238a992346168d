package dev.warren.amqp.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs an external program to completion with a hard time limit. On expiry the program and every process it
 * started are killed, so a hung CLI can never hang a test run.
 *
 * <p>Output goes to temporary files rather than pipes: nothing has to drain a pipe while waiting, and a grandchild
 * that keeps a pipe open cannot block the read. Blocking; called on the test's own thread.
 */
final class ExternalCommand {

    /** What a finished program left behind. */
    record Result(int exitCode, String stdout, String stderr) {
    }

    private ExternalCommand() {
    }

    /**
     * Runs {@code command} in {@code workingDir} with exactly {@code environment} and waits at most
     * {@code timeout}.
     *
     * @throws RabbitNodeException when the program cannot be started or does not finish in time
     */
    static Result run(List<String> command, Map<String, String> environment, Path workingDir, Duration timeout) {
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("warren-cmd-", ".out");
            err = Files.createTempFile("warren-cmd-", ".err");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(workingDir.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            builder.environment().clear();
            builder.environment().putAll(environment);
            Process process = builder.start();
            boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                killTree(process.toHandle(), Duration.ofSeconds(5));
                throw new RabbitNodeException(String.join(" ", command) + " did not finish within " + timeout
                        + " and was killed; its output so far:\n" + read(out) + read(err));
            }
            return new Result(process.exitValue(), read(out), read(err));
        } catch (IOException e) {
            throw new RabbitNodeException("cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RabbitNodeException("interrupted while running " + String.join(" ", command), e);
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    /** Kills a process and all its descendants with SIGKILL and waits, at most {@code wait}, for it to exit. */
    static void killTree(ProcessHandle process, Duration wait) {
        // Descendants first: once the parent is gone they are re-parented and harder to find.
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.onExit().get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            // Nothing more can be done than SIGKILL; the caller reports what it was doing.
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // A stray temporary file is not worth failing a test for.
            }
        }
    }
}

package dev.warren.amqp.benchmarks.perf;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs one {@link RunSpec} in a child JVM ({@link ChildCommand}): forwards its progress lines to this tool's output
 * with a prefix, keeps its stderr in a log file, kills it when it hangs, and reads its result file.
 */
final class ChildRun {

    /** A child that prints nothing for this long is stuck (it prints a line a second once it runs). */
    private static final Duration SILENCE_LIMIT = Duration.ofSeconds(90);

    private final List<String> jvmOptions;
    private final ProcessGuard guard;
    private final PrintWriter out;

    ChildRun(List<String> jvmOptions, ProcessGuard guard, PrintWriter out) {
        this.jvmOptions = jvmOptions;
        this.guard = guard;
        this.out = out;
    }

    /**
     * The hard limit for a run: warmup plus duration plus a margin for starting a JVM, connecting, waiting for
     * confirms and draining; none for a run bounded only by a message count (the silence limit still applies).
     */
    static Duration hardLimit(RunSpec spec) {
        Duration duration = spec.scenario().duration();
        if (duration == null) {
            return null;
        }
        Duration margin = Duration.ofSeconds(Math.max(60, duration.toSeconds()));
        return spec.warmup().plus(duration).plus(margin);
    }

    RunResult run(RunSpec spec, Path specFile, Path logFile, String prefix) throws IOException, InterruptedException {
        Scenario scenario = spec.scenario();
        String transport = scenario.client() == ClientKind.WARREN ? scenario.transport() : null;
        spec.write(specFile);
        Files.deleteIfExists(spec.resultFile());
        ProcessBuilder builder = new ProcessBuilder(ChildJvm.command(jvmOptions,
                List.of("child", "--spec", specFile.toAbsolutePath().toString())));
        builder.redirectError(logFile.toFile());
        Process process = builder.start();
        guard.add(process);
        String killed = null;
        try {
            process.getOutputStream().close();
            AtomicLong lastOutput = new AtomicLong(System.nanoTime());
            Thread forwarder = forward(process, prefix, lastOutput);
            Duration limit = hardLimit(spec);
            long started = System.nanoTime();
            while (!process.waitFor(200, TimeUnit.MILLISECONDS)) {
                long now = System.nanoTime();
                if (limit != null && now - started > limit.toNanos()) {
                    killed = "killed after " + Durations.format(limit) + " without finishing";
                } else if (now - lastOutput.get() > SILENCE_LIMIT.toNanos()) {
                    killed = "killed after " + Durations.format(SILENCE_LIMIT) + " without output";
                }
                if (killed != null) {
                    ProcessGuard.stop(process);
                    break;
                }
            }
            forwarder.join(TimeUnit.SECONDS.toMillis(5));
        } finally {
            if (process.isAlive()) {
                ProcessGuard.stop(process);
            }
            guard.remove(process);
        }
        if (killed != null) {
            return RunResult.failed(scenario.client(), spec.round(), transport, RunResult.Outcome.FAILED,
                    killed + "; see " + logFile);
        }
        RunResult result = readResult(spec.resultFile());
        if (result == null) {
            return RunResult.failed(scenario.client(), spec.round(), transport, RunResult.Outcome.FAILED,
                    "the client JVM exited with code " + process.exitValue() + " without a result"
                            + lastLine(logFile).map(line -> " (" + line + ")").orElse("") + "; see " + logFile);
        }
        if (process.exitValue() != ChildCommand.COMPLETED && result.outcome() == RunResult.Outcome.COMPLETED) {
            return RunResult.failed(scenario.client(), spec.round(), transport, RunResult.Outcome.FAILED,
                    "the client JVM exited with code " + process.exitValue() + "; see " + logFile);
        }
        return result;
    }

    private Thread forward(Process process, String prefix, AtomicLong lastOutput) {
        Thread thread = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    lastOutput.set(System.nanoTime());
                    synchronized (out) {
                        out.println(prefix + line);
                        out.flush();
                    }
                }
            } catch (IOException e) {
                // The child is gone; its exit code and result file say how it ended.
            }
        }, "warren-perf-child-output");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static RunResult readResult(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return RunResult.fromJson(Json.parseObject(Files.readString(file, StandardCharsets.UTF_8)));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The last non-blank line of a log, usually what went wrong. */
    static java.util.Optional<String> lastLine(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (!lines.get(i).isBlank()) {
                    return java.util.Optional.of(lines.get(i).trim());
                }
            }
            return java.util.Optional.empty();
        } catch (IOException | UncheckedIOException e) {
            return java.util.Optional.empty();
        }
    }
}

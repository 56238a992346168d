package dev.warren.amqp.benchmarks.perf;

import dev.warren.amqp.benchmarks.peer.PeerMode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A benchmark peer in its own JVM ({@link PeerCommand}), so that it neither shares cores' caches and collector with
 * the client it serves nor warms up the JIT for it. It binds an ephemeral port and says which on stdout.
 */
final class PeerProcess implements AutoCloseable {

    static final String LISTENING = "listening on ";
    private static final long START_TIMEOUT_SECONDS = 30;

    private final Process process;
    private final ProcessGuard guard;
    private final Endpoint endpoint;

    private PeerProcess(Process process, ProcessGuard guard, Endpoint endpoint) {
        this.process = process;
        this.guard = guard;
        this.endpoint = endpoint;
    }

    /** A failure to start the peer, in words for the user. */
    static final class StartException extends Exception {
        private static final long serialVersionUID = 1L;

        StartException(String message) {
            super(message);
        }
    }

    static PeerProcess start(PeerMode mode, String host, int messageSize, Path logFile, List<String> jvmOptions,
                             ProcessGuard guard) throws IOException, InterruptedException, StartException {
        ProcessBuilder builder = new ProcessBuilder(ChildJvm.command(jvmOptions, List.of("peer",
                "--mode", mode.name().toLowerCase(Locale.ROOT), "--host", host, "--port", "0",
                "--size", Integer.toString(messageSize))));
        builder.redirectError(logFile.toFile());
        Process process = builder.start();
        guard.add(process);
        process.getOutputStream().close();
        CompletableFuture<Endpoint> listening = new CompletableFuture<>();
        Thread reader = new Thread(() -> readStdout(process, listening), "warren-perf-peer-output");
        reader.setDaemon(true);
        reader.start();
        try {
            return new PeerProcess(process, guard, listening.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS));
        } catch (ExecutionException | TimeoutException e) {
            stop(process, guard);
            String why = e instanceof TimeoutException
                    ? "it did not say where it listens within " + START_TIMEOUT_SECONDS + " s"
                    : ChildRun.lastLine(logFile).map(line -> line.replaceFirst("^" + PerfTool.NAME + ": ", ""))
                            .orElse(ChildCommand.oneLine(e.getCause()));
            throw new StartException("cannot start the benchmark peer: " + why + " (log: " + logFile + ")");
        } catch (InterruptedException e) {
            stop(process, guard);
            throw e;
        }
    }

    /** Completes {@code listening} with the first line's address, then drains the rest so the peer never blocks. */
    private static void readStdout(Process process, CompletableFuture<Endpoint> listening) {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (!listening.isDone() && line.startsWith(LISTENING)) {
                    listening.complete(parseAddress(line.substring(LISTENING.length()).trim()));
                }
            }
        } catch (IOException | RuntimeException e) {
            listening.completeExceptionally(e);
        }
        listening.completeExceptionally(new IOException("it exited"
                + (process.isAlive() ? "" : " with code " + exitValue(process))));
    }

    private static String exitValue(Process process) {
        try {
            return Integer.toString(process.waitFor());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "?";
        }
    }

    static Endpoint parseAddress(String hostAndPort) {
        int colon = hostAndPort.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("not host:port: " + hostAndPort);
        }
        String host = hostAndPort.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return new Endpoint(host, Integer.parseInt(hostAndPort.substring(colon + 1)));
    }

    /** The URI clients connect to; the peer takes any credentials. */
    String uri() {
        return "amqp://guest:guest@" + endpoint + "/";
    }

    Endpoint endpoint() {
        return endpoint;
    }

    private static void stop(Process process, ProcessGuard guard) {
        ProcessGuard.stop(process);
        guard.remove(process);
    }

    @Override
    public void close() {
        stop(process, guard);
    }
}

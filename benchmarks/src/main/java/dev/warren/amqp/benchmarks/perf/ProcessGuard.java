package dev.warren.amqp.benchmarks.perf;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Kills the JVMs the tool started when the tool itself is stopped (Ctrl-C, SIGTERM), so that no client run or peer
 * keeps loading the machine or the broker after the tool is gone. Registered as a shutdown hook while open.
 */
final class ProcessGuard implements AutoCloseable {

    private final Set<Process> processes = ConcurrentHashMap.newKeySet();
    private final Thread hook = new Thread(this::destroyAll, "warren-perf-shutdown");

    ProcessGuard() {
        Runtime.getRuntime().addShutdownHook(hook);
    }

    void add(Process process) {
        processes.add(process);
    }

    void remove(Process process) {
        processes.remove(process);
    }

    /** Asks a process to stop (SIGTERM, so a peer's own shutdown hook runs), then kills it. */
    static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private void destroyAll() {
        processes.forEach(Process::destroy);
        processes.forEach(ProcessGuard::stop);
    }

    @Override
    public void close() {
        destroyAll();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running or about to; it does the same.
        }
    }
}

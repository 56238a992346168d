package dev.warren.amqp.benchmarks.perf;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU time and allocation of this JVM between two snapshots, minus what the measuring thread itself spent (it
 * copies histograms every second, which at a low message rate would dominate the per-message figures).
 *
 * <p>Allocation is summed over the threads alive at the end: a thread that dies between the snapshots takes its
 * allocation with it (the JVM forgets a dead thread's counter), so a client that churns threads looks cheaper than
 * it is. The clients measured here keep their threads for the whole run.
 */
final class ResourceMeter {

    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private final long measuringThread = Thread.currentThread().getId();

    ResourceMeter() {
        if (threads.isThreadAllocatedMemorySupported() && !threads.isThreadAllocatedMemoryEnabled()) {
            threads.setThreadAllocatedMemoryEnabled(true);
        }
    }

    record Snapshot(long processCpuNanos, long measuringThreadCpuNanos, Map<Long, Long> allocatedBytes) {
    }

    /** What the client spent between two snapshots. */
    record Usage(long cpuNanos, long allocatedBytes) {
    }

    /** Call from the thread that constructed this meter: its own CPU time is taken out. */
    Snapshot snapshot() {
        long[] ids = threads.getAllThreadIds();
        long[] bytes = threads.isThreadAllocatedMemorySupported() ? threads.getThreadAllocatedBytes(ids) : null;
        Map<Long, Long> allocated = new HashMap<>();
        for (int i = 0; bytes != null && i < ids.length; i++) {
            if (bytes[i] >= 0) {
                allocated.put(ids[i], bytes[i]);
            }
        }
        return new Snapshot(os.getProcessCpuTime(), threads.getCurrentThreadCpuTime(), allocated);
    }

    Usage between(Snapshot start, Snapshot end) {
        long cpu = (end.processCpuNanos - start.processCpuNanos)
                - (end.measuringThreadCpuNanos - start.measuringThreadCpuNanos);
        long allocated = 0;
        for (Map.Entry<Long, Long> thread : end.allocatedBytes.entrySet()) {
            if (thread.getKey() != measuringThread) {
                allocated += thread.getValue() - start.allocatedBytes.getOrDefault(thread.getKey(), 0L);
            }
        }
        return new Usage(Math.max(cpu, 0), allocated);
    }
}

package dev.warren.amqp.benchmarks.perf;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A driver's producer loops and their threads: started together, stopped together, within a deadline. */
final class Producers {

    private static final long POLL_MILLIS = 10;

    private final List<ProducerLoop> loops = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean started;

    synchronized void add(ProducerLoop loop) {
        loops.add(loop);
    }

    /** Starts one platform thread per loop. */
    synchronized void start() {
        for (int i = 0; i < loops.size(); i++) {
            Thread thread = new Thread(loops.get(i), "perf-producer-" + (i + 1));
            // A producer stuck in a client call must not keep the JVM alive after the run.
            thread.setDaemon(true);
            threads.add(thread);
        }
        threads.forEach(Thread::start);
        started = true;
    }

    /** Every loop ended (and its publishes are settled); false before {@link #start}. */
    synchronized boolean allDone() {
        if (!started) {
            return false;
        }
        for (ProducerLoop loop : loops) {
            if (!loop.isDone()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Asks every loop to stop, joins the threads and waits for outstanding publishes to settle, all within
     * {@code timeout}; returns whether everything finished in time.
     */
    boolean stop(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<ProducerLoop> loopsNow;
        List<Thread> threadsNow;
        synchronized (this) {
            loopsNow = List.copyOf(loops);
            threadsNow = List.copyOf(threads);
        }
        loopsNow.forEach(ProducerLoop::requestStop);
        for (Thread thread : threadsNow) {
            long left = deadline - System.nanoTime();
            if (left > 0) {
                TimeUnit.NANOSECONDS.timedJoin(thread, left);
            }
        }
        for (ProducerLoop loop : loopsNow) {
            // Loops never started (start failed halfway) have nothing outstanding to wait for.
            while (loop.loopEnded() && !loop.isDone() && deadline - System.nanoTime() > 0) {
                Thread.sleep(POLL_MILLIS);
            }
        }
        return threadsNow.stream().noneMatch(Thread::isAlive)
                && loopsNow.stream().allMatch(loop -> !loop.loopEnded() || loop.isDone());
    }
}

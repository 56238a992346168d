package dev.warren.amqp.client.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs tasks one at a time, in submission order, on a shared executor: the order guarantee of a single thread
 * without owning one. Used for each channel's consumer callbacks and each connection's listeners. A task that
 * throws is logged and does not stop the tasks after it. Any thread may submit.
 */
public final class SerialExecutor implements Executor {

    private static final Logger LOG = LoggerFactory.getLogger(SerialExecutor.class);

    private final Executor delegate;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pending = new AtomicInteger();
    private final Runnable drain = this::drain;

    public SerialExecutor(Executor delegate) {
        this.delegate = delegate;
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
        if (pending.getAndIncrement() == 0) {
            schedule();
        }
    }

    private void schedule() {
        try {
            delegate.execute(drain);
        } catch (RejectedExecutionException e) {
            // The executor is shut down: run here rather than lose the tasks (listeners must still hear of a close).
            drain();
        }
    }

    private void drain() {
        // Bounded batches keep one busy channel from holding a shared thread forever.
        int ran = 0;
        do {
            Runnable task = tasks.poll();
            try {
                task.run();
            } catch (Throwable t) {
                LOG.warn("A callback threw; continuing with the next one", t);
            }
            ran++;
        } while (pending.decrementAndGet() != 0 && ran < 1024);
        if (ran == 1024 && pending.get() != 0) {
            schedule();
        }
    }
}

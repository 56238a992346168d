package dev.warren.amqp.benchmarks.jmh;

import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.FastThreadLocalThread;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A JMH executor whose worker threads are Netty {@link io.netty.util.concurrent.FastThreadLocalThread}s, made by the
 * same {@link DefaultThreadFactory} Netty's event loops use, so that benchmark code runs with what an event loop
 * has and a plain thread lacks in Netty 4.2: the pooled allocator's per-thread cache and the object recycler
 * (which, on any other thread, allocates a new {@code PooledByteBuf} for every buffer).
 *
 * <p>Selected in a forked benchmark VM with {@link JmhArgs#EVENT_LOOP_EXECUTOR} and
 * {@link JmhArgs#EVENT_LOOP_EXECUTOR_CLASS}; JMH calls the {@code (int, String)} constructor.
 */
public final class EventLoopThreadsExecutor extends ThreadPoolExecutor {

    public EventLoopThreadsExecutor(int maxThreads, String prefix) {
        super(maxThreads, maxThreads, 0L, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                new DefaultThreadFactory(prefix, true));
    }

    /**
     * Says on standard error when the calling thread is not like an event loop's, so that numbers measured on a
     * plain thread (more allocation, no buffer cache) are not taken for the event loop's by mistake.
     */
    public static void warnUnlessEventLoopLike() {
        if (!FastThreadLocalThread.currentThreadWillCleanupFastThreadLocals()) {
            System.err.println("NOTE: benchmark thread " + Thread.currentThread().getName() + " is not a Netty"
                    + " FastThreadLocalThread: pooled buffers are neither cached nor recycled on it");
        }
    }
}

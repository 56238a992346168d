package dev.warren.amqp.benchmarks.jmh;

/** JVM arguments that Warren's benchmarks append to their forks, as constants for {@code @Fork(jvmArgsAppend)}. */
public final class JmhArgs {

    /** Leak detection samples buffers and records stack traces; it has no place in a measurement. */
    public static final String LEAK_DETECTION_DISABLED = "-Dio.netty.leakDetection.level=disabled";

    /** Run benchmark threads as Netty event-loop-like threads: see {@link EventLoopThreadsExecutor}. */
    public static final String EVENT_LOOP_EXECUTOR = "-Djmh.executor=CUSTOM";

    /** The executor class JMH instantiates when {@link #EVENT_LOOP_EXECUTOR} is set. */
    public static final String EVENT_LOOP_EXECUTOR_CLASS =
            "-Djmh.executor.class=dev.warren.amqp.benchmarks.jmh.EventLoopThreadsExecutor";

    /** A fixed heap, so heap sizing does not move between iterations. */
    public static final String HEAP_MIN = "-Xms1g";
    public static final String HEAP_MAX = "-Xmx1g";

    private JmhArgs() {
    }
}

package dev.warren.amqp.benchmarks.e2e;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The trial life cycle every end-to-end benchmark shares: the subclass opens its peer and connections in
 * {@link #openTrial()}, registering each with {@link #closeAtTearDown}; they are closed in reverse order when the
 * trial ends, and right away when the setup fails part-way, so that a failed trial leaves no peer or connection
 * behind in the fork. JMH runs the {@code @Setup} and {@code @TearDown} methods inherited from here.
 */
public abstract class E2eBenchmark {

    /** Last opened first, so that a connection is closed before the peer it talks to. */
    private final Deque<AutoCloseable> opened = new ArrayDeque<>();

    /** Opens what the trial needs; everything it opens goes through {@link #closeAtTearDown}. */
    protected abstract void openTrial() throws Exception;

    /** Registers {@code resource} to be closed with the trial; returns it. */
    protected final <T extends AutoCloseable> T closeAtTearDown(T resource) {
        opened.push(resource);
        return resource;
    }

    @Setup(Level.Trial)
    public final void setUp() throws Exception {
        try {
            openTrial();
        } catch (Exception | Error e) {
            E2e.closeAfterFailure(e, takeOpened());
            throw e;
        }
    }

    @TearDown(Level.Trial)
    public final void tearDown() throws Exception {
        E2e.closeAll(takeOpened());
    }

    private AutoCloseable[] takeOpened() {
        AutoCloseable[] resources = opened.toArray(new AutoCloseable[0]);
        opened.clear();
        return resources;
    }
}

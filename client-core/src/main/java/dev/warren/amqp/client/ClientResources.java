package dev.warren.amqp.client;

import dev.warren.amqp.client.internal.Transports;
import dev.warren.amqp.client.spi.Transport;
import io.netty.channel.EventLoopGroup;
import io.netty.util.HashedWheelTimer;
import io.netty.util.Timer;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The expensive things many connections share: an event-loop group of one transport, a timer for timeouts, and
 * the executor user callbacks run on. Create one per application, pass it to every connection through
 * {@link ConnectionOptions.Builder#resources}, and shut it down once at the end; connections never shut down
 * resources they were given. A connection without resources creates its own, with one I/O thread, and closes
 * them when it closes.
 */
public final class ClientResources implements AutoCloseable {

    private final Transport transport;
    private final EventLoopGroup eventLoopGroup;
    private final boolean ownsEventLoopGroup;
    private final HashedWheelTimer timer;
    private final Executor callbackExecutor;
    private final ExecutorService ownedCallbackExecutor;
    private final AtomicBoolean shutdown = new AtomicBoolean();
    private final CompletableFuture<Void> terminated = new CompletableFuture<>();

    private ClientResources(Builder b) {
        if (b.eventLoopGroup != null) {
            this.transport = Transports.forGroup(b.eventLoopGroup, b.transport);
            this.eventLoopGroup = b.eventLoopGroup;
            this.ownsEventLoopGroup = false;
        } else {
            this.transport = Transports.select(b.transport);
            this.eventLoopGroup = transport.newEventLoopGroup(b.ioThreads,
                    new DefaultThreadFactory("warren-" + transport.name(), true));
            this.ownsEventLoopGroup = true;
        }
        this.timer = new HashedWheelTimer(new DefaultThreadFactory("warren-timer", true), 10, TimeUnit.MILLISECONDS);
        if (b.callbackExecutor != null) {
            this.callbackExecutor = b.callbackExecutor;
            this.ownedCallbackExecutor = null;
        } else {
            this.ownedCallbackExecutor = Executors.newFixedThreadPool(b.callbackThreads,
                    new DefaultThreadFactory("warren-callback", true));
            this.callbackExecutor = ownedCallbackExecutor;
        }
    }

    /** Resources with the best available transport, one I/O thread per core, and default callback threads. */
    public static ClientResources create() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Transport transport() {
        return transport;
    }

    public EventLoopGroup eventLoopGroup() {
        return eventLoopGroup;
    }

    /** The timer for timeouts; its tasks must hand real work to a connection's event loop. */
    public Timer timer() {
        return timer;
    }

    /** Where user callbacks run by default (each channel's in order). */
    public Executor callbackExecutor() {
        return callbackExecutor;
    }

    public boolean isShutdown() {
        return shutdown.get();
    }

    /**
     * Shuts down what these resources created (not a group or executor supplied by the caller). Connections
     * still open on them fail. Idempotent; the future completes when the threads have stopped.
     */
    public CompletableFuture<Void> shutdown(Duration quietPeriod, Duration timeout) {
        if (shutdown.compareAndSet(false, true)) {
            timer.stop();
            if (ownedCallbackExecutor != null) {
                ownedCallbackExecutor.shutdown();
            }
            if (ownsEventLoopGroup) {
                eventLoopGroup.shutdownGracefully(quietPeriod.toMillis(), timeout.toMillis(), TimeUnit.MILLISECONDS)
                        .addListener(f -> terminated.complete(null));
            } else {
                terminated.complete(null);
            }
        }
        return terminated;
    }

    public CompletableFuture<Void> shutdown() {
        return shutdown(Duration.ZERO, Duration.ofSeconds(5));
    }

    /** Shuts down and waits up to 10 seconds. Must not be called on an event-loop thread. */
    @Override
    public void close() {
        dev.warren.amqp.client.internal.Blocking.checkNotOnEventLoop("ClientResources.close()");
        dev.warren.amqp.client.internal.Blocking.await(shutdown(), Duration.ofSeconds(10), "shutting down resources");
    }

    /** Builds {@link ClientResources}. */
    public static final class Builder {
        private String transport;
        private int ioThreads = Runtime.getRuntime().availableProcessors();
        private EventLoopGroup eventLoopGroup;
        private Executor callbackExecutor;
        private int callbackThreads = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());

        private Builder() {
        }

        /** The transport by name ({@code nio}, {@code epoll}, {@code io_uring}); default: the best available. */
        public Builder transport(String name) {
            transport = name;
            return this;
        }

        public Builder ioThreads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("ioThreads must be at least 1, was " + threads);
            }
            ioThreads = threads;
            return this;
        }

        /**
         * Runs connections on the caller's event-loop group, which must be of a transport Warren knows (and of
         * the named transport, when one is named); the caller shuts it down.
         */
        public Builder eventLoopGroup(EventLoopGroup group) {
            eventLoopGroup = Objects.requireNonNull(group, "group");
            return this;
        }

        /** Runs user callbacks on the caller's executor, which the caller shuts down. */
        public Builder callbackExecutor(Executor executor) {
            callbackExecutor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        public Builder callbackThreads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("callbackThreads must be at least 1, was " + threads);
            }
            callbackThreads = threads;
            return this;
        }

        public ClientResources build() {
            return new ClientResources(this);
        }
    }
}

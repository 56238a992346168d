package dev.warren.amqp.testing;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on 127.0.0.1 that tests put between a client and a broker to inject network faults: stall the
 * traffic ({@link #blackhole()}), cut every connection ({@link #cutAll()}, {@link #resetAll()}), delay it
 * ({@link #latency(Duration)}) or turn new connections away ({@link #refuseNew(boolean)}).
 *
 * <pre>{@code
 * try (FaultProxy proxy = FaultProxy.start(broker.host(), broker.port())) {
 *     connect(proxy.uri("guest", "guest"));
 *     proxy.blackhole();           // heartbeats stop arriving; sockets stay open
 *     ...
 *     proxy.forward();             // healed
 * }
 * }</pre>
 *
 * <p>Threads: the proxy runs on one Netty event loop thread of its own ({@code warren-fault-proxy-N}), which owns
 * every connection and every mode setting. The public methods may be called from any thread except that one: each
 * hands its change to the event loop and returns once it is in effect (or throws after 5 s), so a fault is in
 * place when the call returns. Every buffer read is written on or released, including those dropped by a
 * blackhole or a cut.
 */
public final class FaultProxy implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FaultProxy.class);
    private static final Duration LOOP_TASK_TIMEOUT = Duration.ofSeconds(5);
    private static final String HOST = "127.0.0.1";

    private final InetSocketAddress target;
    private final EventLoopGroup group;
    private final EventLoop loop;
    private final Object connectionCountChanged = new Object();
    private final AtomicInteger openConnections = new AtomicInteger();
    private final AtomicInteger acceptedConnections = new AtomicInteger();
    private Channel server;
    private volatile int port;
    private volatile boolean closing;

    // Confined to the event loop.
    private final Set<ProxiedConnection> connections = new LinkedHashSet<>();
    private boolean blackholed;
    private long latencyNanos;
    private boolean refusingNew;

    private FaultProxy(InetSocketAddress target) {
        this.target = target;
        // One thread for the listener and every connection: all proxy state is confined to it, without locks.
        this.group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("warren-fault-proxy", true),
                NioIoHandler.newFactory());
        this.loop = group.next();
    }

    /**
     * Starts a proxy that listens on an ephemeral port of 127.0.0.1 and forwards every connection to
     * {@code targetHost:targetPort}. The target is connected to once per client connection, when it arrives.
     */
    public static FaultProxy start(String targetHost, int targetPort) {
        FaultProxy proxy = new FaultProxy(InetSocketAddress.createUnresolved(targetHost, targetPort));
        try {
            proxy.bind();
        } catch (RuntimeException e) {
            proxy.close();
            throw e;
        }
        LOG.info("Fault proxy {}:{} -> {}:{} started", HOST, proxy.port(), targetHost, targetPort);
        return proxy;
    }

    private void bind() {
        ChannelFuture bound = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel client) {
                        accept(client);
                    }
                })
                .bind(HOST, 0);
        if (!bound.awaitUninterruptibly(LOOP_TASK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("fault proxy did not bind within " + LOOP_TASK_TIMEOUT);
        }
        if (!bound.isSuccess()) {
            throw new IllegalStateException("fault proxy cannot listen on " + HOST, bound.cause());
        }
        server = bound.channel();
        port = ((InetSocketAddress) server.localAddress()).getPort();
    }

    /** On the event loop: a client connected. */
    private void accept(SocketChannel client) {
        if (refusingNew || closing) {
            LOG.debug("Fault proxy refuses {}", client.remoteAddress());
            client.close();
            return;
        }
        ProxiedConnection connection = new ProxiedConnection(this, client);
        connections.add(connection);
        acceptedConnections.incrementAndGet();
        countChanged(openConnections.incrementAndGet());
        client.closeFuture().addListener(closed -> countChanged(openConnections.decrementAndGet()));
        connection.open(new InetSocketAddress(target.getHostString(), target.getPort()));
    }

    /** On the event loop: a connection closed itself. */
    void forget(ProxiedConnection connection) {
        connections.remove(connection);
    }

    boolean blackholed() {
        return blackholed;
    }

    long latencyNanos() {
        return latencyNanos;
    }

    // ---------------------------------------------------------------- faults

    /**
     * Back to normal: forwards in both directions with no latency, and accepts new connections. Connections
     * stalled by {@link #blackhole()} start reading again; what they had read when the blackhole began was dropped.
     */
    public void forward() {
        onLoop("forward", () -> {
            blackholed = false;
            latencyNanos = 0;
            refusingNew = false;
            connections.forEach(ProxiedConnection::updateReading);
        });
    }

    /**
     * Stops forwarding in both directions but keeps every socket open, like a network that silently drops
     * packets: the proxy stops reading from both sides and drops anything it had read but not yet written.
     * New connections are accepted and stalled the same way. Peers notice only through their own timeouts
     * (heartbeats, TCP keep-alive, full send buffers).
     */
    public void blackhole() {
        onLoop("blackhole", () -> {
            blackholed = true;
            connections.forEach(ProxiedConnection::blackhole);
        });
    }

    /** Closes every current connection on both sides at once (FIN): peers see end of stream. */
    public void cutAll() {
        onLoop("cutAll", () -> new ArrayList<>(connections).forEach(c -> c.close(false)));
    }

    /** Like {@link #cutAll()}, but aborts each connection with a TCP RST: peers see "connection reset". */
    public void resetAll() {
        onLoop("resetAll", () -> new ArrayList<>(connections).forEach(c -> c.close(true)));
    }

    /**
     * Delays every chunk of bytes, in each direction, by {@code delay} from the moment the proxy read it, keeping
     * their order. {@link Duration#ZERO} turns latency off (chunks already held back are still delivered in order).
     */
    public void latency(Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("latency cannot be negative: " + delay);
        }
        onLoop("latency " + delay, () -> latencyNanos = delay.toNanos());
    }

    /** While {@code true}, new connections are accepted and closed at once; current ones are left alone. */
    public void refuseNew(boolean refuse) {
        onLoop("refuseNew " + refuse, () -> refusingNew = refuse);
    }

    // ---------------------------------------------------------------- observation

    /** Client connections open through the proxy right now. */
    public int connectionCount() {
        return openConnections.get();
    }

    /** Client connections the proxy has accepted and forwarded since it started (refused ones not counted). */
    public int acceptedConnectionCount() {
        return acceptedConnections.get();
    }

    /**
     * Waits until exactly {@code n} client connections are open through the proxy, e.g. 1 after a client
     * reconnected, or 0 after every client went away.
     *
     * @throws AssertionError when the count is not {@code n} after {@code timeout}
     */
    public void awaitConnections(int n, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (connectionCountChanged) {
            while (openConnections.get() != n) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("expected " + n + " open connection(s) through the fault proxy on port "
                            + port() + " within " + timeout + ", but there are " + openConnections.get());
                }
                TimeUnit.NANOSECONDS.timedWait(connectionCountChanged, left);
            }
        }
    }

    private void countChanged(int count) {
        LOG.debug("Fault proxy on port {}: {} open connection(s)", port(), count);
        synchronized (connectionCountChanged) {
            connectionCountChanged.notifyAll();
        }
    }

    /** Always {@code 127.0.0.1}. */
    public String host() {
        return HOST;
    }

    /** The port the proxy listens on. */
    public int port() {
        return port;
    }

    /** {@code amqp://user:password@127.0.0.1:PORT}, the target's default virtual host. */
    public String uri(String user, String password) {
        return "amqp://" + encode(user) + ":" + encode(password) + "@" + HOST + ":" + port();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    // ---------------------------------------------------------------- lifecycle

    /**
     * Closes the listener and every connection, and shuts the proxy's event loop down. Never hangs: each step
     * waits at most a few seconds. Safe to call more than once.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closing) {
                return;
            }
            closing = true;
        }
        if (loop.inEventLoop()) {
            throw new IllegalStateException("FaultProxy.close() cannot be called on the proxy's own event loop");
        }
        try {
            runOnLoop(() -> {
                if (server != null) {
                    server.close();
                }
                new ArrayList<>(connections).forEach(ProxiedConnection::close);
            });
        } catch (RuntimeException e) {
            LOG.warn("Fault proxy did not close its connections cleanly: {}", e.toString());
        }
        // No quiet period: nothing can arrive once every channel is closed.
        if (!group.shutdownGracefully(0, 2, TimeUnit.SECONDS)
                .awaitUninterruptibly(LOOP_TASK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            LOG.warn("Fault proxy event loop did not terminate within {}", LOOP_TASK_TIMEOUT);
        }
        LOG.info("Fault proxy on port {} closed", port);
    }

    private void onLoop(String what, Runnable change) {
        if (closing) {
            throw new IllegalStateException("fault proxy is closed");
        }
        LOG.info("Fault proxy on port {}: {}", port(), what);
        runOnLoop(change);
    }

    private void runOnLoop(Runnable task) {
        if (loop.inEventLoop()) {
            task.run();
            return;
        }
        try {
            loop.submit(task).get(LOOP_TASK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while changing the fault proxy", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("fault proxy change failed", e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("fault proxy event loop did not answer within " + LOOP_TASK_TIMEOUT, e);
        }
    }
}

package dev.warren.amqp.benchmarks.peer;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;

import java.net.InetSocketAddress;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A minimal AMQP 0-9-1 server for benchmarks: it completes the handshake with any client (any credentials, any
 * virtual host), answers the synchronous methods a benchmark sends, and then either discards publishes
 * ({@link PeerMode#SINK}) or pushes deliveries ({@link PeerMode#SOURCE}). It shows a client's own ceiling,
 * without a broker's limits.
 *
 * <p>Both modes ack publishes on channels in confirm mode, one {@code basic.ack(multiple=true)} per channel and
 * read batch. A source pushes to every consumer as fast as the socket takes the bytes; deliveries carry their send
 * time ({@link System#nanoTime()}) in the body's first 8 bytes, and a manual-ack consumer on a channel with a
 * basic.qos prefetch count gets at most that many unacknowledged deliveries.
 *
 * <p>Runs on epoll when available, NIO otherwise, with at most two event-loop threads.
 */
public final class BenchmarkPeer implements AutoCloseable {

    /** How long {@link #close()} lets clients answer connection.close before their sockets are closed. */
    private static final long CLOSE_GRACE_MILLIS = 2000;
    private static final long SHUTDOWN_MILLIS = 3000;

    private final PeerOptions options;
    private final PeerTransport transport;
    private final EventLoopGroup group;
    private final Channel server;
    private final Set<Channel> connections;
    private final AtomicBoolean closed = new AtomicBoolean();

    private BenchmarkPeer(PeerOptions options, PeerTransport transport, EventLoopGroup group, Channel server,
                          Set<Channel> connections) {
        this.options = options;
        this.transport = transport;
        this.group = group;
        this.server = server;
        this.connections = connections;
    }

    /**
     * Binds and returns once the peer accepts connections.
     *
     * @throws IllegalStateException when the address cannot be bound (the port is taken, say)
     */
    public static BenchmarkPeer start(PeerOptions options) throws InterruptedException {
        PeerTransport transport = PeerTransport.best();
        EventLoopGroup group = transport.newGroup();
        Set<Channel> connections = ConcurrentHashMap.newKeySet();
        ChannelFuture bound = new ServerBootstrap()
                .group(group)
                .channel(transport.serverChannelClass())
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                // Room for a few delivery batches, so that the socket never waits for the next one to be encoded.
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
                        new WriteBufferWaterMark(DeliverySource.BATCH_BYTES, 4 * DeliverySource.BATCH_BYTES))
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        connections.add(channel);
                        channel.closeFuture().addListener(f -> connections.remove(channel));
                        channel.pipeline().addLast(PeerConnection.NAME, new PeerConnection(options));
                    }
                })
                .bind(options.host(), options.port())
                .await();
        if (!bound.isSuccess()) {
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).await(SHUTDOWN_MILLIS);
            throw new IllegalStateException("the benchmark peer cannot listen on " + options.host() + ":"
                    + options.port() + ": " + bound.cause(), bound.cause());
        }
        return new BenchmarkPeer(options, transport, group, bound.channel(), connections);
    }

    /** The port the peer listens on. */
    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    /** {@code amqp://guest:guest@host:port}, for clients. */
    public String uri() {
        String host = options.host().contains(":") ? "[" + options.host() + "]" : options.host();
        return "amqp://guest:guest@" + host + ":" + port();
    }

    public PeerOptions options() {
        return options;
    }

    /** {@code "epoll"} or {@code "nio"}: the I/O the peer runs on. */
    public String transport() {
        return transport.name();
    }

    /** The client connections open right now. */
    public int connectionCount() {
        return connections.size();
    }

    /**
     * Closes the listening socket and every client connection; waits at most a few seconds. Each client is sent
     * connection.close (320, connection-forced) and given a moment to answer before its socket is closed. Call it
     * from any thread but the peer's own.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        server.close().awaitUninterruptibly(CLOSE_GRACE_MILLIS);
        for (Channel connection : connections) {
            connection.pipeline().fireUserEventTriggered(PeerShutdown.INSTANCE);
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_GRACE_MILLIS);
        for (Channel connection : connections) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0 || !connection.closeFuture().awaitUninterruptibly(left)) {
                connection.close();
            }
        }
        group.shutdownGracefully(0, SHUTDOWN_MILLIS / 3, TimeUnit.MILLISECONDS).awaitUninterruptibly(SHUTDOWN_MILLIS);
    }

    @Override
    public String toString() {
        return "BenchmarkPeer[" + options.mode() + " on " + options.host() + ":" + (server.isOpen() ? port() : "-")
                + ", " + transport.name() + "]";
    }
}

package dev.warren.amqp.benchmarks.peer;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The peer's I/O: epoll when the native library loads (the peer must never be the bottleneck of a measurement),
 * NIO otherwise.
 */
record PeerTransport(String name, IoHandlerFactory ioHandlerFactory,
                     Class<? extends ServerChannel> serverChannelClass) {

    /**
     * Two threads at most: one client connection is served by one thread, and the peer shares the machine with
     * the client it measures.
     */
    static final int MAX_THREADS = 2;

    static PeerTransport best() {
        if (Epoll.isAvailable()) {
            return new PeerTransport("epoll", EpollIoHandler.newFactory(), EpollServerSocketChannel.class);
        }
        return new PeerTransport("nio", NioIoHandler.newFactory(), NioServerSocketChannel.class);
    }

    EventLoopGroup newGroup() {
        int threads = Math.min(MAX_THREADS, Runtime.getRuntime().availableProcessors());
        return new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory("benchmark-peer", true),
                ioHandlerFactory);
    }
}

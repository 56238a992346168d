package dev.warren.amqp.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@link ByteBufAllocator} that delegates every request and records the largest capacity asked for, and every
 * buffer handed out so that a test can check that each one was released.
 */
public final class RecordingAllocator implements ByteBufAllocator {

    private final ByteBufAllocator delegate;
    private final List<ByteBuf> allocated = new ArrayList<>();
    private int largestRequest;
    private long requests;

    public RecordingAllocator(ByteBufAllocator delegate) {
        this.delegate = delegate;
    }

    /** The largest initial capacity requested so far. */
    public int largestRequest() {
        return largestRequest;
    }

    public long requests() {
        return requests;
    }

    /** Buffers handed out since the last {@link #reset()} that still hold a reference. */
    public List<ByteBuf> unreleased() {
        List<ByteBuf> live = new ArrayList<>();
        for (ByteBuf buf : allocated) {
            if (buf.refCnt() != 0) {
                live.add(buf);
            }
        }
        return live;
    }

    /** Forgets the buffers handed out so far (not the largest request). */
    public void reset() {
        allocated.clear();
    }

    private <T extends ByteBuf> T record(int capacity, T buf) {
        requests++;
        largestRequest = Math.max(largestRequest, capacity);
        allocated.add(buf);
        return buf;
    }

    private static final int DEFAULT = 256;

    @Override public ByteBuf buffer() { return record(DEFAULT, delegate.buffer()); }
    @Override public ByteBuf buffer(int c) { return record(c, delegate.buffer(c)); }
    @Override public ByteBuf buffer(int c, int max) { return record(c, delegate.buffer(c, max)); }
    @Override public ByteBuf ioBuffer() { return record(DEFAULT, delegate.ioBuffer()); }
    @Override public ByteBuf ioBuffer(int c) { return record(c, delegate.ioBuffer(c)); }
    @Override public ByteBuf ioBuffer(int c, int max) { return record(c, delegate.ioBuffer(c, max)); }
    @Override public ByteBuf heapBuffer() { return record(DEFAULT, delegate.heapBuffer()); }
    @Override public ByteBuf heapBuffer(int c) { return record(c, delegate.heapBuffer(c)); }
    @Override public ByteBuf heapBuffer(int c, int max) { return record(c, delegate.heapBuffer(c, max)); }
    @Override public ByteBuf directBuffer() { return record(DEFAULT, delegate.directBuffer()); }
    @Override public ByteBuf directBuffer(int c) { return record(c, delegate.directBuffer(c)); }
    @Override public ByteBuf directBuffer(int c, int max) { return record(c, delegate.directBuffer(c, max)); }
    @Override public CompositeByteBuf compositeBuffer() { return record(0, delegate.compositeBuffer()); }
    @Override public CompositeByteBuf compositeBuffer(int n) { return record(0, delegate.compositeBuffer(n)); }
    @Override public CompositeByteBuf compositeHeapBuffer() { return record(0, delegate.compositeHeapBuffer()); }
    @Override public CompositeByteBuf compositeHeapBuffer(int n) { return record(0, delegate.compositeHeapBuffer(n)); }
    @Override public CompositeByteBuf compositeDirectBuffer() { return record(0, delegate.compositeDirectBuffer()); }
    @Override public CompositeByteBuf compositeDirectBuffer(int n) {
        return record(0, delegate.compositeDirectBuffer(n));
    }
    @Override public boolean isDirectBufferPooled() { return delegate.isDirectBufferPooled(); }
    @Override public int calculateNewCapacity(int minNewCapacity, int maxCapacity) {
        return delegate.calculateNewCapacity(minNewCapacity, maxCapacity);
    }
}

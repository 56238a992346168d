package dev.warren.amqp.benchmarks.codec;

import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;

/**
 * A benchmark-only allocator whose {@link #buffer(int)} hands out the same pooled buffer again, cleared. The
 * allocator keeps the only reference: the caller must not release what it gets, and must be done with it before
 * asking for the next. Lets a benchmark measure an encoder without the allocator it would otherwise call (nor the
 * atomic reference-count updates of allocating and releasing). Single-threaded.
 */
final class ReusedBufferAllocator extends AbstractByteBufAllocator {

    private final ByteBuf buffer;

    /** Takes over the reference to {@code buffer}; {@link #close()} releases it. */
    ReusedBufferAllocator(ByteBuf buffer) {
        super(true);
        this.buffer = buffer;
    }

    @Override
    public ByteBuf buffer(int initialCapacity) {
        if (initialCapacity > buffer.capacity()) {
            throw new IllegalArgumentException("asked for " + initialCapacity + " bytes, the buffer has "
                    + buffer.capacity());
        }
        return buffer.clear();
    }

    @Override
    public ByteBuf directBuffer(int initialCapacity) {
        return buffer(initialCapacity);
    }

    @Override
    protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
        throw new UnsupportedOperationException("only buffer(int) and directBuffer(int)");
    }

    @Override
    protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
        throw new UnsupportedOperationException("only buffer(int) and directBuffer(int)");
    }

    @Override
    public boolean isDirectBufferPooled() {
        return true;
    }

    void close() {
        buffer.release();
    }
}

package dev.warren.amqp.benchmarks.perf;

import io.netty.buffer.ByteBuf;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The publish time a body carries in its first {@link Scenario#TIMESTAMP_BYTES} bytes: {@link System#nanoTime()},
 * big-endian, compared across processes of one host (on Linux {@code nanoTime} is the system-wide monotonic clock).
 * A body of zeros carries none. The benchmark peer's source stamps each batch of deliveries with the time it
 * encodes them and pushes as fast as the socket takes them, so in source runs this latency is mostly time spent
 * queued in socket buffers, not the client's own.
 */
final class BodyTimestamps {

    private static final VarHandle LONG_BIG_ENDIAN =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private BodyTimestamps() {
    }

    /** Writes the current time into {@code body} when it is long enough, and returns that time. */
    static long stamp(byte[] body) {
        long now = System.nanoTime();
        if (body.length >= Scenario.TIMESTAMP_BYTES) {
            LONG_BIG_ENDIAN.set(body, 0, now);
        }
        return now;
    }

    /** Nanoseconds since the body's publish time, or -1 when it carries none. */
    static long latencyNanos(byte[] body) {
        if (body.length < Scenario.TIMESTAMP_BYTES) {
            return -1;
        }
        return sinceStamp((long) LONG_BIG_ENDIAN.get(body, 0));
    }

    /** As {@link #latencyNanos(byte[])}, for the readable bytes of a buffer (which are left unread). */
    static long latencyNanos(ByteBuf body) {
        if (body.readableBytes() < Scenario.TIMESTAMP_BYTES) {
            return -1;
        }
        return sinceStamp(body.getLong(body.readerIndex()));
    }

    private static long sinceStamp(long stamp) {
        return stamp == 0 ? -1 : System.nanoTime() - stamp;
    }
}

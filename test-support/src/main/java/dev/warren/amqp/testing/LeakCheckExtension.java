package dev.warren.amqp.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.List;

/**
 * Fails a test class when Netty reported a buffer leak while it ran. Registered for every test class through
 * JUnit's extension auto-detection (enabled in the parent POM's Surefire configuration).
 *
 * <p>Netty notices a leak only when a leaked buffer has been garbage-collected and a later allocation polls the
 * detector's reference queue; so after each class this forces a collection, waits for reference processing and
 * allocates once through each allocator kind before reading what was recorded.
 */
public final class LeakCheckExtension implements AfterAllCallback {

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        List<String> leaks = collect();
        if (!leaks.isEmpty()) {
            throw new AssertionError(leaks.size() + " Netty buffer leak(s) reported while "
                    + context.getDisplayName() + " ran:\n" + String.join("\n\n", leaks));
        }
    }

    /** Forces leak reporting and returns what was found since the last call. */
    public static List<String> collect() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(40);
            poll();
        }
        return LeakRecorder.drain();
    }

    private static void poll() {
        ByteBuf pooled = PooledByteBufAllocator.DEFAULT.directBuffer(1);
        pooled.release();
        ByteBuf heap = PooledByteBufAllocator.DEFAULT.heapBuffer(1);
        heap.release();
        ByteBuf unpooled = Unpooled.directBuffer(1);
        unpooled.release();
    }
}

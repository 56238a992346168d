package dev.warren.amqp.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LeakCheckExtensionTest {

    @Test
    void leakDetectionRunsAtParanoidInTestJvms() {
        assertThat(LeakRecorder.isInstalled()).isTrue();
        assertThat(ResourceLeakDetector.getLevel()).isEqualTo(ResourceLeakDetector.Level.PARANOID);
    }

    @Test
    void anUnreleasedBufferIsReportedAsALeak() throws Exception {
        leakOneBuffer();
        assertThat(LeakCheckExtension.collect())
                .as("leaks reported after the buffer was collected")
                .anySatisfy(leak -> assertThat(leak).contains("LEAK: ByteBuf"));
    }

    @Test
    void aReleasedBufferIsNotReported() throws Exception {
        ByteBuf buffer = PooledByteBufAllocator.DEFAULT.directBuffer(16);
        buffer.writeLong(1);
        buffer.release();
        assertThat(LeakCheckExtension.collect()).isEmpty();
    }

    private static void leakOneBuffer() {
        ByteBuf buffer = PooledByteBufAllocator.DEFAULT.directBuffer(16);
        buffer.writeLong(42);
        // deliberately not released
    }
}

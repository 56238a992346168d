package dev.warren.amqp.testing;

import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects every leak Netty's detector reports in this JVM, so that a test can fail on it instead of the leak
 * ending up as one log line nobody reads.
 *
 * <p>The factory must be installed before the first {@code ByteBuf} class is initialised: Netty creates its
 * buffer leak detector in a static initialiser. {@link LeakDetectionSessionListener} installs it when the JUnit
 * launcher session opens, which is before any test class is loaded.
 */
public final class LeakRecorder {

    private static final List<String> LEAKS = new ArrayList<>();
    private static volatile boolean installed;

    private LeakRecorder() {
    }

    /** Installs the recording factory and turns leak detection to PARANOID. Idempotent. */
    public static synchronized void install() {
        if (installed) {
            return;
        }
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(new RecordingFactory());
        installed = true;
    }

    public static boolean isInstalled() {
        return installed;
    }

    /** Returns and forgets the leaks reported so far. */
    public static List<String> drain() {
        synchronized (LEAKS) {
            List<String> copy = new ArrayList<>(LEAKS);
            LEAKS.clear();
            return copy;
        }
    }

    static void record(String leak) {
        synchronized (LEAKS) {
            LEAKS.add(leak);
        }
    }

    private static final class RecordingFactory extends ResourceLeakDetectorFactory {
        @Override
        @SuppressWarnings("deprecation")
        public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource, int samplingInterval,
                                                                   long maxActive) {
            return new RecordingDetector<>(resource, samplingInterval);
        }

        @Override
        public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource, int samplingInterval) {
            return new RecordingDetector<>(resource, samplingInterval);
        }
    }

    private static final class RecordingDetector<T> extends ResourceLeakDetector<T> {
        RecordingDetector(Class<T> resource, int samplingInterval) {
            super(resource, samplingInterval);
        }

        @Override
        protected void reportTracedLeak(String resourceType, String records) {
            record("LEAK: " + resourceType + " was garbage-collected without being released." + records);
            super.reportTracedLeak(resourceType, records);
        }

        @Override
        protected void reportUntracedLeak(String resourceType) {
            record("LEAK: " + resourceType + " was garbage-collected without being released (no records).");
            super.reportUntracedLeak(resourceType);
        }
    }
}

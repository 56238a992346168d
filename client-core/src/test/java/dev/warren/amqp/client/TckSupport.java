package dev.warren.amqp.client;

import dev.warren.amqp.testing.BrokerUnavailableException;
import dev.warren.amqp.testing.LeakCheckExtension;
import dev.warren.amqp.testing.TestBroker;
import org.testng.SkipException;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What {@code @RequiresBroker} and the leak check extension do for JUnit classes, for the TestNG-based Reactive
 * Streams TCK classes (JUnit extensions do not reach them).
 */
final class TckSupport {

    private static final PrintStream NATIVE_STDERR =
            new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);

    private TckSupport() {
    }

    /** The broker; skips the class with the reason when there is none (fails instead when CI=true). */
    static TestBroker requireBroker(Class<?> testClass) {
        try {
            return TestBroker.get();
        } catch (BrokerUnavailableException e) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw e;
            }
            String reason = "needs a RabbitMQ broker. " + e.getMessage();
            NATIVE_STDERR.println("[WARNING] SKIPPED " + testClass.getName() + ": " + reason);
            throw new SkipException(reason);
        }
    }

    /** Skips a test on purpose, saying why on the build console as well as in the report. */
    static SkipException skip(Class<?> testClass, String test, String reason) {
        NATIVE_STDERR.println("[WARNING] SKIPPED " + testClass.getName() + "#" + test + ": " + reason);
        return new SkipException(reason);
    }

    /** Fails when Netty reported a leaked buffer while the class ran. */
    static void assertNoLeaks(Class<?> testClass) throws InterruptedException {
        List<String> leaks = LeakCheckExtension.collect();
        if (!leaks.isEmpty()) {
            throw new AssertionError(leaks.size() + " Netty buffer leak(s) reported while " + testClass.getSimpleName()
                    + " ran:\n" + String.join("\n\n", leaks));
        }
    }
}

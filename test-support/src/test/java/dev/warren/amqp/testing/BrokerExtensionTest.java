package dev.warren.amqp.testing;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * Runs small test classes through JUnit's own engine to see what a user of {@link BrokerExtension} sees: a skip
 * with a reason, a failure on CI, or a test that receives the broker.
 */
class BrokerExtensionTest {

    private static final String NOTHING_FOUND = "No RabbitMQ broker for integration tests. Tried: nothing here";
    private static final TestBroker FIXED = new TestBroker("127.0.0.1", 5999, "u", "p", "/", false, "fixed");
    /** What the extensions below would print to the build console. */
    private static final List<String> CONSOLE = new CopyOnWriteArrayList<>();

    @BeforeEach
    void forgetConsoleLines() {
        CONSOLE.clear();
    }

    @Test
    void withoutABrokerTheClassIsSkippedWithTheReason() {
        Events containers = run(WithoutBrokerLocally.class).containerEvents();

        assertThat(containers.skipped().count()).isEqualTo(1);
        Event skipped = containers.skipped().list().get(0);
        assertThat(skipped.getTestDescriptor().getDisplayName()).endsWith("WithoutBrokerLocally");
        assertThat(skipped.getPayload(String.class)).hasValueSatisfying(reason -> assertThat(reason)
                .contains("needs a RabbitMQ broker").contains(NOTHING_FOUND));
        assertThat(WithoutBrokerLocally.ran).isFalse();
        assertThat(CONSOLE).singleElement().asString()
                .startsWith("[WARNING] SKIPPED " + WithoutBrokerLocally.class.getName() + ": needs a RabbitMQ broker")
                .contains(NOTHING_FOUND);
    }

    @Test
    void withoutABrokerOnCiTheClassFailsInsteadOfBeingSkipped() {
        Events containers = run(WithoutBrokerOnCi.class).containerEvents();

        assertThat(containers.skipped().count()).isZero();
        assertThat(containers.failed().count()).isEqualTo(1);
        TestExecutionResult result = containers.failed().list().get(0).getRequiredPayload(TestExecutionResult.class);
        assertThat(result.getThrowable()).hasValueSatisfying(error -> assertThat(error)
                .isInstanceOf(BrokerUnavailableException.class)
                .hasMessageContaining(NOTHING_FOUND));
        assertThat(WithoutBrokerOnCi.ran).isFalse();
        assertThat(CONSOLE).as("nothing is skipped, so no skip notice").isEmpty();
    }

    @Test
    void withABrokerTestsRunAndReceiveIt() {
        Events tests = run(WithBroker.class).testEvents();

        assertThat(tests.succeeded().count()).isEqualTo(1);
        assertThat(tests.failed().count()).isZero();
        assertThat(WithBroker.received).isSameAs(FIXED);
        assertThat(CONSOLE).isEmpty();
    }

    @Test
    void requiresBrokerAppliesTheExtensionWithTheJvmsBroker() {
        BrokerUnavailableException missing = null;
        TestBroker broker = null;
        try {
            broker = TestBroker.get();
        } catch (BrokerUnavailableException e) {
            missing = e;
        }
        org.junit.platform.testkit.engine.EngineExecutionResults results = run(AnnotatedClass.class);

        if (missing == null) {
            assertThat(results.testEvents().succeeded().count()).isEqualTo(1);
            assertThat(AnnotatedClass.received).isSameAs(broker);
        } else if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            assertThat(results.containerEvents().failed().count()).isEqualTo(1);
        } else {
            assertThat(results.containerEvents().skipped().count()).isEqualTo(1);
        }
    }

    @Test
    void requiresBrokerTagsTheClass() {
        assertThat(RequiresBroker.class.getAnnotation(org.junit.jupiter.api.Tag.class).value()).isEqualTo("broker");
    }

    private static org.junit.platform.testkit.engine.EngineExecutionResults run(Class<?> testClass) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(testClass)).execute();
    }

    // The classes below run only through the test kit above: Surefire skips nested classes.

    static class WithoutBrokerLocally {
        static volatile boolean ran;

        @RegisterExtension
        static final BrokerExtension BROKER = new BrokerExtension(() -> {
            throw new BrokerUnavailableException(NOTHING_FOUND);
        }, false, CONSOLE::add);

        @Test
        void needsABroker() {
            ran = true;
        }
    }

    static class WithoutBrokerOnCi {
        static volatile boolean ran;

        @RegisterExtension
        static final BrokerExtension BROKER = new BrokerExtension(() -> {
            throw new BrokerUnavailableException(NOTHING_FOUND);
        }, true, CONSOLE::add);

        @Test
        void needsABroker() {
            ran = true;
        }
    }

    @RequiresBroker
    static class AnnotatedClass {
        static volatile TestBroker received;

        @Test
        void needsABroker(TestBroker broker) {
            received = broker;
        }
    }

    static class WithBroker {
        static volatile TestBroker received;

        @RegisterExtension
        static final BrokerExtension BROKER = new BrokerExtension(() -> FIXED, false, CONSOLE::add);

        @Test
        void needsABroker(TestBroker broker) {
            received = broker;
        }
    }
}

package dev.warren.amqp.testing;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * JUnit 5 extension for test classes that need a RabbitMQ broker ({@code @ExtendWith(BrokerExtension.class)} or
 * {@link RequiresBroker}).
 *
 * <ul>
 *   <li>When {@link TestBroker#get()} finds no broker, the class is disabled with the reason (which JUnit reports
 *       as the skip reason), a WARN line is logged, and a {@code SKIPPED} line with the reason is written to the
 *       process's own standard error, which reaches the build console even where Surefire sends test output to
 *       files (Surefire prints only a count of skipped tests, not why).</li>
 *   <li>Except when the environment variable {@code CI} is {@code true}: a missing broker on CI is a broken build,
 *       not a reason to skip, so the class is left enabled and {@code beforeAll} throws
 *       {@link BrokerUnavailableException}.</li>
 *   <li>Parameters of type {@link TestBroker} are resolved with the broker.</li>
 * </ul>
 *
 * <p>JUnit calls every method on the thread that runs the test class; the broker itself is resolved once per JVM.
 */
public final class BrokerExtension implements ExecutionCondition, BeforeAllCallback, ParameterResolver {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerExtension.class);

    /** The forked test JVM's real standard error: System.err is redirected to a report file by Surefire. */
    private static final PrintStream NATIVE_STDERR =
            new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);

    private final Supplier<TestBroker> broker;
    private final boolean failInsteadOfSkip;
    private final Consumer<String> console;

    /** The extension as JUnit creates it: the JVM's {@link TestBroker}, failing instead of skipping on CI. */
    public BrokerExtension() {
        this(TestBroker::get, "true".equalsIgnoreCase(System.getenv("CI")), NATIVE_STDERR::println);
    }

    /** For tests of this extension: any broker source, CI mode chosen explicitly, and where skip notices go. */
    BrokerExtension(Supplier<TestBroker> broker, boolean failInsteadOfSkip, Consumer<String> console) {
        this.broker = broker;
        this.failInsteadOfSkip = failInsteadOfSkip;
        this.console = console;
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        try {
            TestBroker found = broker.get();
            return ConditionEvaluationResult.enabled("RabbitMQ broker found through " + found.source());
        } catch (BrokerUnavailableException e) {
            if (failInsteadOfSkip) {
                return ConditionEvaluationResult.enabled("no RabbitMQ broker, and CI=true: beforeAll will fail");
            }
            String reason = "needs a RabbitMQ broker. " + e.getMessage();
            LOG.warn("Skipping {}: {}", name(context), reason);
            console.accept("[WARNING] SKIPPED " + name(context) + ": " + reason);
            return ConditionEvaluationResult.disabled("Skipped: " + reason);
        }
    }

    private static String name(ExtensionContext context) {
        return context.getTestClass().map(Class::getName).orElse(context.getDisplayName())
                + context.getTestMethod().map(method -> "#" + method.getName()).orElse("");
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        // Throws BrokerUnavailableException when there is no broker; reached then only with CI=true.
        broker.get();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == TestBroker.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return broker.get();
    }
}

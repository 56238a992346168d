package dev.warren.amqp.testing;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Supplier;

/**
 * JUnit 5 extension for test classes that need a RabbitMQ broker ({@code @ExtendWith(BrokerExtension.class)} or
 * {@link RequiresBroker}).
 *
 * <ul>
 *   <li>When {@link TestBroker#get()} finds no broker, the class is disabled with the reason (which JUnit reports
 *       as the skip reason) and a WARN line is logged.</li>
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

    private final Supplier<TestBroker> broker;
    private final boolean failInsteadOfSkip;

    /** The extension as JUnit creates it: the JVM's {@link TestBroker}, failing instead of skipping on CI. */
    public BrokerExtension() {
        this(TestBroker::get, "true".equalsIgnoreCase(System.getenv("CI")));
    }

    /** For tests of this extension: any broker source, and CI mode chosen explicitly. */
    BrokerExtension(Supplier<TestBroker> broker, boolean failInsteadOfSkip) {
        this.broker = broker;
        this.failInsteadOfSkip = failInsteadOfSkip;
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
            LOG.warn("Skipping {}: {}", context.getDisplayName(), e.getMessage());
            return ConditionEvaluationResult.disabled("Skipped: needs a RabbitMQ broker. " + e.getMessage());
        }
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

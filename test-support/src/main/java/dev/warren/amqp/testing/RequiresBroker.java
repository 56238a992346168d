package dev.warren.amqp.testing;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a test class that needs a RabbitMQ broker: it is skipped with a visible reason when {@link TestBroker}
 * finds none, or fails when the environment variable {@code CI} is {@code true}. Test methods and constructors may
 * take a {@link TestBroker} parameter. Also tags the class {@code broker}, so a build can select or exclude such
 * classes. See {@link BrokerExtension}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(BrokerExtension.class)
@Tag("broker")
public @interface RequiresBroker {
}

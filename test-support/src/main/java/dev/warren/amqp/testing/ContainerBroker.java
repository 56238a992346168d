package dev.warren.amqp.testing;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

import java.time.Duration;
import java.util.Optional;

/**
 * The last resort of {@link TestBroker}: a RabbitMQ container started through Testcontainers. Kept in its own
 * class so that Testcontainers is loaded only when the Docker-free ways of finding a broker have failed.
 *
 * <p>Configured like Testcontainers' {@code RabbitMQContainer} (port 5672, guest/guest, ready at "Server startup
 * complete"), which this module cannot use: that class lives in a package split across two jars, which a named
 * module cannot read.
 *
 * <p>Called by {@link TestBroker#get()} under its lock, so at most once per JVM. The container is stopped by a JVM
 * shutdown hook, and by Testcontainers' own reaper if the JVM dies.
 */
final class ContainerBroker {

    static final String IMAGE = "rabbitmq:3.13";
    private static final int AMQP_PORT = 5672;

    private static final Logger LOG = LoggerFactory.getLogger(ContainerBroker.class);

    private ContainerBroker() {
    }

    static Optional<TestBroker> startIfDockerAvailable() {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            return Optional.empty();
        }
        LOG.info("Starting a RabbitMQ container ({}) for the integration tests", IMAGE);
        GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(IMAGE))
                .withExposedPorts(AMQP_PORT)
                .waitingFor(Wait.forLogMessage(".*Server startup complete.*", 1)
                        .withStartupTimeout(Duration.ofSeconds(90)));
        container.start();
        Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "warren-rabbitmq-container-stop"));
        return Optional.of(new TestBroker(container.getHost(), container.getMappedPort(AMQP_PORT),
                "guest", "guest", "/", false, "testcontainers"));
    }
}

package dev.warren.amqp.testing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.DockerClientFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TestBrokerTest {

    // ---------------------------------------------------------------- the JVM's broker

    @Test
    @ExtendWith(BrokerExtension.class)
    void resolvesTheSharedBrokerUnlessAmqpTestUriNamesAnother(TestBroker broker) {
        String variable = System.getenv(TestBroker.URI_VARIABLE);
        if (variable == null || variable.isBlank()) {
            assertThat(broker.source()).isEqualTo("127.0.0.1:5672");
            assertThat(broker.host()).isEqualTo("127.0.0.1");
            assertThat(broker.port()).isEqualTo(5672);
            assertThat(broker.uri()).isEqualTo("amqp://guest:guest@127.0.0.1:5672/%2f");
        } else {
            assertThat(broker.source()).isEqualTo("AMQP_TEST_URI");
            assertThat(broker.uri()).isEqualTo(TestBroker.parse(variable, "AMQP_TEST_URI").uri());
        }
        assertThat(TestBroker.get()).as("resolved once per JVM").isSameAs(broker);
    }

    @Test
    @ExtendWith(BrokerExtension.class)
    void theBrokerAnswersTheAmqpProtocolHeaderWithConnectionStart(TestBroker broker) throws IOException {
        AmqpProbe.assertAnswersWithConnectionStart(broker.host(), broker.port());
    }

    // ---------------------------------------------------------------- resolution order

    @Test
    void amqpTestUriWinsWithoutProbingAnything() throws IOException {
        AtomicBoolean containerAsked = new AtomicBoolean();
        TestBroker broker = TestBroker.resolve("amqp://u:p@broker.example:5673/v", closedAddress(), () -> {
            containerAsked.set(true);
            return Optional.empty();
        });
        assertThat(broker.source()).isEqualTo("AMQP_TEST_URI");
        assertThat(broker.host()).isEqualTo("broker.example");
        assertThat(containerAsked).isFalse();
    }

    @Test
    void aBlankAmqpTestUriCountsAsUnset() throws IOException {
        try (ServerSocket listening = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            TestBroker broker = TestBroker.resolve("  ", address(listening), Optional::empty);
            assertThat(broker.source()).isEqualTo("127.0.0.1:" + listening.getLocalPort());
        }
    }

    @Test
    void aListeningLocalPortIsUsedWithGuestCredentials() throws IOException {
        try (ServerSocket listening = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            TestBroker broker = TestBroker.resolve(null, address(listening), () -> {
                throw new AssertionError("the container must not be tried when the local port answers");
            });
            assertThat(broker.host()).isEqualTo("127.0.0.1");
            assertThat(broker.port()).isEqualTo(listening.getLocalPort());
            assertThat(broker.username()).isEqualTo("guest");
            assertThat(broker.password()).isEqualTo("guest");
            assertThat(broker.virtualHost()).isEqualTo("/");
        }
    }

    @Test
    void theContainerIsTheLastResort() throws IOException {
        TestBroker container = new TestBroker("10.0.0.9", 32768, "guest", "guest", "/", false, "testcontainers");
        assertThat(TestBroker.resolve(null, closedAddress(), () -> Optional.of(container))).isSameAs(container);
    }

    @Test
    void withNothingFoundTheExceptionNamesEverythingTried() throws IOException {
        InetSocketAddress closed = closedAddress();
        assertThatThrownBy(() -> TestBroker.resolve(null, closed, Optional::empty))
                .isInstanceOf(BrokerUnavailableException.class)
                .hasMessageContaining("AMQP_TEST_URI: not set")
                .hasMessageContaining("127.0.0.1:" + closed.getPort() + ": TCP connect failed")
                .hasMessageContaining("testcontainers: no Docker engine available");
    }

    @Test
    void aContainerThatFailsToStartIsNamedInTheException() throws IOException {
        assertThatThrownBy(() -> TestBroker.resolve(null, closedAddress(), () -> {
            throw new IllegalStateException("image pull failed");
        }))
                .isInstanceOf(BrokerUnavailableException.class)
                .hasMessageContaining("testcontainers: java.lang.IllegalStateException: image pull failed");
    }

    @Test
    void theRealContainerFallbackMatchesWhetherDockerIsThere() throws IOException {
        InetSocketAddress closed = closedAddress();
        if (DockerClientFactory.instance().isDockerAvailable()) {
            assertThat(TestBroker.resolve(null, closed, ContainerBroker::startIfDockerAvailable).source())
                    .isEqualTo("testcontainers");
        } else {
            assertThatThrownBy(() -> TestBroker.resolve(null, closed, ContainerBroker::startIfDockerAvailable))
                    .isInstanceOf(BrokerUnavailableException.class)
                    .hasMessageContaining("testcontainers: no Docker engine available");
        }
    }

    @Test
    void anInvalidAmqpTestUriIsReportedNotIgnored() {
        assertThatThrownBy(() -> TestBroker.resolve("http://localhost", closedAddress(), Optional::empty))
                .isInstanceOf(BrokerUnavailableException.class)
                .hasMessageContaining("AMQP_TEST_URI is set but is not a valid AMQP URI");
    }

    // ---------------------------------------------------------------- URI parsing

    @Test
    void parseFillsInTheSpecificationsDefaults() {
        TestBroker broker = TestBroker.parse("amqp://rabbit.example", "AMQP_TEST_URI");
        assertThat(broker.host()).isEqualTo("rabbit.example");
        assertThat(broker.port()).isEqualTo(5672);
        assertThat(broker.username()).isEqualTo("guest");
        assertThat(broker.password()).isEqualTo("guest");
        assertThat(broker.virtualHost()).isEqualTo("/");
        assertThat(broker.tls()).isFalse();
        assertThat(broker.uri()).isEqualTo("amqp://guest:guest@rabbit.example:5672/%2f");
    }

    @Test
    void parseReadsEveryPart() {
        TestBroker broker = TestBroker.parse("amqps://al%40ice:p%3Ass+w@10.1.2.3:5999/prod%2Fa", "AMQP_TEST_URI");
        assertThat(broker.tls()).isTrue();
        assertThat(broker.host()).isEqualTo("10.1.2.3");
        assertThat(broker.port()).isEqualTo(5999);
        assertThat(broker.username()).isEqualTo("al@ice");
        assertThat(broker.password()).isEqualTo("p:ss+w");
        assertThat(broker.virtualHost()).isEqualTo("prod/a");
        assertThat(broker.source()).isEqualTo("AMQP_TEST_URI");
        assertThat(TestBroker.parse(broker.uri(), "again").virtualHost()).isEqualTo("prod/a");
    }

    @Test
    void parseTellsTheDefaultVirtualHostFromTheEmptyOne() {
        assertThat(TestBroker.parse("amqp://h/%2f", "x").virtualHost()).isEqualTo("/");
        assertThat(TestBroker.parse("amqp://h/%2F", "x").virtualHost()).isEqualTo("/");
        assertThat(TestBroker.parse("amqp://h/", "x").virtualHost()).isEmpty();
        assertThat(TestBroker.parse("amqp://h", "x").virtualHost()).isEqualTo("/");
    }

    @Test
    void parseUsesPort5671ForAmqpsAndUnwrapsIpv6Hosts() {
        assertThat(TestBroker.parse("amqps://h", "x").port()).isEqualTo(5671);
        TestBroker ipv6 = TestBroker.parse("amqp://[::1]:5673", "x");
        assertThat(ipv6.host()).isEqualTo("::1");
        assertThat(ipv6.uri()).isEqualTo("amqp://guest:guest@[::1]:5673/%2f");
    }

    @Test
    void parseRejectsWhatIsNotAnAmqpUri() {
        assertThatThrownBy(() -> TestBroker.parse("http://h", "x")).hasMessageContaining("scheme");
        assertThatThrownBy(() -> TestBroker.parse("amqp:///vhost", "x")).hasMessageContaining("no host");
        assertThatThrownBy(() -> TestBroker.parse("amqp://h/a/b", "x")).hasMessageContaining("one segment");
        assertThatThrownBy(() -> TestBroker.parse("amqp://h h", "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void toStringHidesThePassword() {
        assertThat(TestBroker.parse("amqp://u:secret@h", "x").toString()).doesNotContain("secret").contains("u:***@h");
    }

    private static InetSocketAddress address(ServerSocket socket) {
        return new InetSocketAddress("127.0.0.1", socket.getLocalPort());
    }

    /** A port on 127.0.0.1 where nothing listens: one that was free a moment ago. */
    private static InetSocketAddress closedAddress() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        return new InetSocketAddress("127.0.0.1", port);
    }
}

package dev.warren.amqp.benchmarks.perf;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.warren.amqp.client.ConnectFailedException;
import dev.warren.amqp.testing.RequiresBroker;
import dev.warren.amqp.testing.TestBroker;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@RequiresBroker
class DriversIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final long TEN_SECONDS = TimeUnit.SECONDS.toNanos(10);

    private final TestBroker broker = TestBroker.get();
    private final Metrics metrics = new Metrics();
    private final List<String> queues = new ArrayList<>();
    private ClientDriver driver;

    @AfterEach
    void closeDriverAndDeleteQueues() throws Exception {
        if (driver != null) {
            driver.close();
        }
        if (queues.isEmpty()) {
            return;
        }
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(broker.uri());
        try (Connection connection = factory.newConnection("DriversIT-cleanup")) {
            Channel channel = connection.createChannel();
            for (String queue : queues) {
                channel.queueDelete(queue);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    void confirmedPublishesAreAllConfirmedAndConsumedWithTheirLatencies(ClientKind kind) throws Exception {
        Scenario scenario = scenario(kind, 1, 1).confirmWindow(50).prefetch(50).messageCount(3_000).build();

        run(scenario);
        awaitTrue(driver::producersDone, "producers done");
        awaitTrue(() -> metrics.received() >= 3_000, "3,000 deliveries");
        driver.stopProducers(Duration.ofSeconds(5));

        assertThat(metrics.published()).isEqualTo(3_000);
        assertThat(metrics.confirmed()).isEqualTo(3_000);
        assertThat(metrics.nacked()).isZero();
        assertThat(metrics.received()).isEqualTo(3_000);
        assertNoFailure();
        Histogram confirms = metrics.takeConfirmLatencies();
        assertThat(confirms.getTotalCount()).isEqualTo(3_000);
        assertThat(confirms.getMinValue()).isPositive();
        assertThat(confirms.getMaxValue()).isLessThan(TEN_SECONDS);
        Histogram endToEnd = metrics.takeEndToEndLatencies();
        assertThat(endToEnd.getTotalCount()).isEqualTo(3_000);
        assertThat(endToEnd.getMinValue()).isPositive();
        assertThat(endToEnd.getMaxValue()).isLessThan(TEN_SECONDS);
    }

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    void twoProducersWithoutConfirmsReachAnAutoAckConsumer(ClientKind kind) throws Exception {
        Scenario scenario = scenario(kind, 2, 1).autoAck(true).messageCount(2_000).build();

        run(scenario);
        awaitTrue(driver::producersDone, "producers done");
        awaitTrue(() -> metrics.received() >= 4_000, "4,000 deliveries");
        driver.stopProducers(Duration.ofSeconds(5));

        assertThat(metrics.published()).isEqualTo(4_000);
        assertThat(metrics.confirmed()).isZero();
        assertThat(metrics.received()).isEqualTo(4_000);
        assertNoFailure();
    }

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    void bodiesTooShortForATimestampFlowWithoutEndToEndLatencies(ClientKind kind) throws Exception {
        Scenario scenario = scenario(kind, 1, 1).messageSize(4).autoAck(true).messageCount(1_000).build();

        run(scenario);
        awaitTrue(() -> metrics.received() >= 1_000, "1,000 deliveries");

        assertThat(metrics.published()).isEqualTo(1_000);
        assertThat(metrics.takeEndToEndLatencies().getTotalCount()).isZero();
        assertNoFailure();
    }

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    void largeBodiesAreConfirmedAndConsumed(ClientKind kind) throws Exception {
        Scenario scenario = scenario(kind, 1, 1).messageSize(200_000).confirmWindow(10).prefetch(10)
                .messageCount(100).build();

        run(scenario);
        awaitTrue(driver::producersDone, "producers done");
        awaitTrue(() -> metrics.received() >= 100, "100 deliveries");

        assertThat(metrics.confirmed()).isEqualTo(100);
        assertThat(metrics.takeEndToEndLatencies().getTotalCount()).isEqualTo(100);
        assertNoFailure();
    }

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    void aRateLimitedProducerPublishesAboutItsRate(ClientKind kind) throws Exception {
        Scenario scenario = scenario(kind, 1, 0).rate(200).duration(Duration.ofSeconds(2)).build();

        run(scenario);
        Thread.sleep(2_000);
        driver.stopProducers(Duration.ofSeconds(5));

        // 400 expected; the bounds are wide because the machine is shared, but a limiter that bursts or stalls
        // falls outside them.
        assertThat(metrics.published()).isBetween(300L, 500L);
        assertThat(driver.producersDone()).isFalse();
        assertNoFailure();
    }

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    void aClosedPortFailsStartAndCloseIsStillFine(ClientKind kind) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Scenario scenario = scenario(kind, 1, 1).uri("amqp://guest:guest@127.0.0.1:" + port).messageCount(10)
                .build();
        driver = ClientDrivers.create(kind);

        // What each client throws, as is: the CLI makes one line of it.
        Class<? extends Exception> expected = kind == ClientKind.WARREN ? ConnectFailedException.class
                : ConnectException.class;
        assertThatThrownBy(() -> driver.start(scenario, metrics)).isInstanceOf(expected);
        assertThatCode(driver::close).doesNotThrowAnyException();
        assertThatCode(driver::close).doesNotThrowAnyException();
        assertThat(driver.producersDone()).isFalse();
        assertNoFailure();
    }

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    void publishingToNoQueueIsNotAFailure(ClientKind kind) throws Exception {
        Scenario scenario = scenario(kind, 1, 0).routingKey("DriversIT-nowhere-" + UUID.randomUUID())
                .declare(false).duration(Duration.ofSeconds(1)).build();

        run(scenario);
        awaitTrue(() -> metrics.published() >= 100, "100 publishes");
        driver.stopProducers(Duration.ofSeconds(5));

        assertThat(metrics.returned()).isZero();
        assertNoFailure();
    }

    @ParameterizedTest
    @ValueSource(strings = {"nio", "epoll"})
    void warrenRunsOnTheTransportAskedFor(String transport) throws Exception {
        Scenario scenario = scenario(ClientKind.WARREN, 1, 1).transport(transport).confirmWindow(20)
                .messageCount(500).build();

        run(scenario);
        awaitTrue(() -> metrics.received() >= 500, "500 deliveries");

        assertThat(((WarrenDriver) driver).transportName()).isEqualTo(transport);
        assertThat(metrics.confirmed()).isEqualTo(500);
        assertNoFailure();
    }

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    void aQueueDeletedUnderAConsumerIsReportedAsAFailure(ClientKind kind) throws Exception {
        Scenario scenario = scenario(kind, 0, 1).duration(Duration.ofSeconds(10)).build();
        run(scenario);

        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(broker.uri());
        try (Connection connection = factory.newConnection("DriversIT-delete")) {
            connection.createChannel().queueDelete(scenario.queue());
        }

        awaitTrue(() -> metrics.failed() > 0, "a failure");
        assertThat(driver.firstFailure()).get().asString().contains(scenario.queue());
    }

    private void run(Scenario scenario) throws Exception {
        driver = ClientDrivers.create(scenario.client());
        driver.start(scenario, metrics);
    }

    private void assertNoFailure() {
        assertThat(driver.firstFailure()).isEmpty();
        assertThat(metrics.failed()).isZero();
    }

    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("no " + what + " within " + WAIT.toSeconds() + " s");
            }
            Thread.sleep(10);
        }
    }

    private ScenarioBuilder scenario(ClientKind kind, int producers, int consumers) {
        String queue = "DriversIT-" + UUID.randomUUID();
        queues.add(queue);
        return new ScenarioBuilder(broker.uri(), kind, producers, consumers, queue);
    }

    /** The scenarios of these tests; by default 64-byte bodies, no rate, no confirms, manual ack, a fresh queue declared. */
    private static final class ScenarioBuilder {
        private String uri;
        private final ClientKind kind;
        private final int producers;
        private final int consumers;
        private final String queue;
        private String transport;
        private int messageSize = 64;
        private int rate;
        private int confirmWindow;
        private int prefetch;
        private boolean autoAck;
        private Duration duration;
        private long messageCount;
        private String routingKey;
        private boolean declare = true;

        ScenarioBuilder(String uri, ClientKind kind, int producers, int consumers, String queue) {
            this.uri = uri;
            this.kind = kind;
            this.producers = producers;
            this.consumers = consumers;
            this.queue = queue;
        }

        ScenarioBuilder uri(String value) {
            uri = value;
            return this;
        }

        ScenarioBuilder transport(String value) {
            transport = value;
            return this;
        }

        ScenarioBuilder messageSize(int value) {
            messageSize = value;
            return this;
        }

        ScenarioBuilder rate(int value) {
            rate = value;
            return this;
        }

        ScenarioBuilder confirmWindow(int value) {
            confirmWindow = value;
            return this;
        }

        ScenarioBuilder prefetch(int value) {
            prefetch = value;
            return this;
        }

        ScenarioBuilder autoAck(boolean value) {
            autoAck = value;
            return this;
        }

        ScenarioBuilder duration(Duration value) {
            duration = value;
            return this;
        }

        ScenarioBuilder messageCount(long value) {
            messageCount = value;
            return this;
        }

        ScenarioBuilder routingKey(String value) {
            routingKey = value;
            return this;
        }

        ScenarioBuilder declare(boolean value) {
            declare = value;
            return this;
        }

        Scenario build() {
            return new Scenario(uri, transport, kind, producers, consumers, messageSize, rate, confirmWindow, prefetch,
                    autoAck, duration, messageCount, "", routingKey, queue, Map.of(), declare, 0);
        }
    }
}

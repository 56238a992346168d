package dev.warren.amqp.client;

import dev.warren.amqp.testing.FaultProxy;
import dev.warren.amqp.testing.RequiresBroker;
import dev.warren.amqp.testing.TestBroker;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

@RequiresBroker
class HeartbeatIT {

    @Test
    void aSilentBrokerIsDeclaredDeadWithinTwoAndAHalfIntervals() throws Exception {
        TestBroker broker = TestBroker.get();
        try (FaultProxy proxy = FaultProxy.start(broker.host(), broker.port())) {
            Connection connection = Await.result(AmqpClient.connect(ConnectionOptions.fromUri(
                    proxy.uri(broker.username(), broker.password())).toBuilder().heartbeat(1).build()));
            assertThat(connection.heartbeat()).isEqualTo(Duration.ofSeconds(1));
            // Heartbeats flow both ways while forwarding.
            Thread.sleep(2500);
            assertThat(connection.isOpen()).isTrue();
            proxy.blackhole();
            long start = System.nanoTime();
            CloseReason reason = Await.result(connection.closeFuture(), Duration.ofSeconds(10));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(took).isLessThan(Duration.ofMillis(2500));
            assertThat(reason.initiator()).isEqualTo(CloseInitiator.TRANSPORT);
            assertThat(reason.replyText()).contains("missed heartbeats");
            assertThat(connection.state()).isEqualTo(ConnectionState.CLOSED);
            ConnectionClosedException error = Await.failure(connection.openChannel(),
                    ConnectionClosedException.class);
            assertThat(error.getMessage()).contains("missed heartbeats");
        }
    }

    @Test
    void heartbeatsKeepAnIdleConnectionOpen() throws Exception {
        try (Connection connection = Await.result(AmqpClient.connect(ConnectionOptions.fromUri(
                TestBroker.get().uri()).toBuilder().heartbeat(1).build()))) {
            Thread.sleep(4000);
            assertThat(connection.isOpen()).isTrue();
            assertThat(Await.result(Await.result(connection.openChannel()).queueDeclare()).queue())
                    .startsWith("amq.gen-");
        }
    }
}

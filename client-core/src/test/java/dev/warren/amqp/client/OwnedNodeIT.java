package dev.warren.amqp.client;

import dev.warren.amqp.codec.content.BasicProperties;
import dev.warren.amqp.codec.method.QueueMethod;
import dev.warren.amqp.testing.NodeConnection;
import dev.warren.amqp.testing.RabbitNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** Behaviour that needs control of the broker: forced closes and memory alarms, on a node the test owns. */
class OwnedNodeIT {

    private static RabbitNode node;

    @BeforeAll
    static void startNode() {
        node = RabbitNode.builder().namePrefix("owned").start();
    }

    @AfterAll
    static void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    private static Connection connect(String name) {
        return Await.result(AmqpClient.connect(ConnectionOptions.fromUri(node.uri()).toBuilder()
                .connectionName(name).build()));
    }

    private static NodeConnection brokerSideOf(Connection connection) {
        int localPort = ((java.net.InetSocketAddress) connection.socket().localAddress()).getPort();
        Await.until("the broker lists the connection", Duration.ofSeconds(10),
                () -> node.listConnections().stream().anyMatch(c -> c.peerPort() == localPort));
        return node.listConnections().stream().filter(c -> c.peerPort() == localPort).findFirst().orElseThrow();
    }

    @Test
    void aBrokerCloseFailsEverythingInFlightWithTheReasonAndTellsListenersOnce() throws Exception {
        Connection connection = connect("forced");
        List<String> events = new CopyOnWriteArrayList<>();
        connection.addListener(new ConnectionListener() {
            @Override
            public void onStateChange(ConnectionState from, ConnectionState to) {
                events.add(from + "->" + to);
            }

            @Override
            public void onClose(CloseReason reason) {
                events.add("close " + reason.replyCode());
            }
        });
        Channel channel = Await.result(connection.openChannel());
        String queue = Await.result(channel.queueDeclare()).queue();
        // A consumer waits on a queue that stays empty; its stream must end with the close.
        List<ConsumerCancelledException> cancelled = new CopyOnWriteArrayList<>();
        Await.result(channel.consume(queue, ConsumeOptions.manualAck(), new DeliveryHandler() {
            @Override
            public void handle(Delivery delivery) {
            }

            @Override
            public void onCancel(ConsumerCancelledException reason) {
                cancelled.add(reason);
            }
        }));
        node.closeConnection(brokerSideOf(connection).pid(), "test says goodbye");
        CloseReason reason = Await.result(connection.closeFuture(), Duration.ofSeconds(10));
        assertThat(reason.replyCode()).isEqualTo(320);
        assertThat(reason.initiator()).isEqualTo(CloseInitiator.SERVER);
        assertThat(reason.replyText()).contains("test says goodbye");
        assertThat(channel.isOpen()).isFalse();
        ConnectionClosedException error = Await.failure(channel.queueDeclare(), ConnectionClosedException.class);
        assertThat(error.replyCode()).isEqualTo(320);
        Await.until("the consumer hears of it", Duration.ofSeconds(5), () -> cancelled.size() == 1);
        Await.until("listeners hear of it", Duration.ofSeconds(5), () -> events.contains("close 320"));
        assertThat(events).containsSubsequence("OPEN->CLOSING", "CLOSING->CLOSED", "close 320");
        assertThat(events.stream().filter(e -> e.startsWith("close"))).hasSize(1);
    }

    @Test
    void updateSecretIsAcceptedAndTheConnectionStaysOpen() {
        try (Connection connection = connect("secret")) {
            Await.result(connection.updateSecret("guest", "token refresh"));
            assertThat(connection.isOpen()).isTrue();
            assertThat(Await.result(Await.result(connection.openChannel()).queueDeclare()).queue())
                    .startsWith("amq.gen-");
        }
    }

    @Test
    void whileTheBrokerBlocksTheConnectionPublishesWaitAndNothingIsLost() throws Exception {
        try (Connection connection = connect("blocked")) {
            List<String> events = new CopyOnWriteArrayList<>();
            connection.addListener(new ConnectionListener() {
                @Override
                public void onBlocked(String reason) {
                    events.add("blocked " + reason);
                }

                @Override
                public void onUnblocked() {
                    events.add("unblocked");
                }
            });
            Channel channel = Await.result(connection.openChannel());
            Await.result(channel.confirmSelect());
            String queue = Await.result(channel.queueDeclare()).queue();
            node.setMemoryHighWatermark(0.0000001);
            try {
                // The broker blocks a connection when it publishes under an alarm.
                CompletableFuture<Void> first = channel.publish("", queue, BasicProperties.EMPTY, new byte[] {0});
                Await.until("connection.blocked", Duration.ofSeconds(15), connection::isBlocked);
                assertThat(connection.state()).isEqualTo(ConnectionState.BLOCKED);
                Await.until("the listener hears of it", Duration.ofSeconds(5), () -> !events.isEmpty());
                assertThat(events.get(0)).startsWith("blocked").contains("memory");
                List<CompletableFuture<Void>> waiting = new ArrayList<>();
                for (int i = 1; i <= 50; i++) {
                    waiting.add(channel.publish("", queue, BasicProperties.EMPTY, new byte[] {(byte) i}));
                }
                Thread.sleep(500);
                assertThat(waiting).noneMatch(CompletableFuture::isDone);
                assertThat(channel.queuedPublishes()).isEqualTo(50);
                node.setMemoryHighWatermark(0.4);
                Await.until("connection.unblocked", Duration.ofSeconds(15), () -> !connection.isBlocked());
                Await.result(first);
                for (CompletableFuture<Void> publish : waiting) {
                    Await.result(publish);
                }
                assertThat(connection.state()).isEqualTo(ConnectionState.OPEN);
                QueueMethod.DeclareOk counts = Await.result(channel.queueDeclarePassive(queue));
                assertThat(counts.messageCount()).isEqualTo(51);
                Await.until("the listener hears of the unblock", Duration.ofSeconds(5),
                        () -> events.contains("unblocked"));
            } finally {
                node.setMemoryHighWatermark(0.4);
            }
        }
    }
}

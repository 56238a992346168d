package dev.warren.amqp.client;

import dev.warren.amqp.codec.content.BasicProperties;
import dev.warren.amqp.codec.method.ExchangeMethod;
import dev.warren.amqp.codec.method.QueueMethod;
import dev.warren.amqp.codec.method.TxMethod;
import dev.warren.amqp.testing.RequiresBroker;
import dev.warren.amqp.testing.TestBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** Every synchronous method of a channel, with its effect checked on the broker. */
@RequiresBroker
class ChannelIT {

    private static Connection connection;

    @BeforeAll
    static void connect() {
        connection = Await.result(AmqpClient.connect(ConnectionOptions.fromUri(TestBroker.get().uri()).toBuilder()
                .connectionName("ChannelIT").build()));
    }

    @AfterAll
    static void close() {
        if (connection != null) {
            connection.close();
        }
    }

    private static Channel channel() {
        return Await.result(connection.openChannel());
    }

    private static String unique(String prefix) {
        return prefix + "-" + System.nanoTime();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aDeclaredQueueExistsWithItsArguments() {
        Channel channel = channel();
        String queue = unique("declared");
        QueueOptions options = QueueOptions.defaults().withAutoDelete(false)
                .withArgument("x-max-length", 5).withArgument("x-message-ttl", 60_000);
        QueueMethod.DeclareOk ok = Await.result(channel.queueDeclare(queue, options));
        assertThat(ok.queue()).isEqualTo(queue);
        assertThat(ok.messageCount()).isZero();
        try {
            // The broker accepts the same arguments again and enforces x-max-length: 8 publishes leave 5.
            Await.result(channel.queueDeclare(queue, options));
            for (int i = 0; i < 8; i++) {
                Await.result(channel.publish("", queue, BasicProperties.EMPTY, bytes("m" + i)));
            }
            Await.until("5 messages in the queue", java.time.Duration.ofSeconds(10),
                    () -> Await.result(channel.queueDeclarePassive(queue)).messageCount() == 5);
        } finally {
            Await.result(channel.queueDelete(queue, false, false));
        }
    }

    @Test
    void redeclaringWithOtherArgumentsFailsWith406AndOnlyThatChannelCloses() {
        Channel first = channel();
        Channel other = channel();
        String queue = unique("redeclare");
        Await.result(first.queueDeclare(queue, QueueOptions.defaults().withArgument("x-max-length", 5)));
        try {
            ChannelClosedException error = Await.failure(first.queueDeclare(queue,
                    QueueOptions.defaults().withArgument("x-max-length", 6)), ChannelClosedException.class);
            assertThat(error.replyCode()).isEqualTo(406);
            assertThat(error.reason().isInitiatedByServer()).isTrue();
            assertThat(error.reason().causedBy().amqpName()).isEqualTo("queue.declare");
            assertThat(error.getMessage()).contains("PRECONDITION_FAILED").contains("x-max-length");
            assertThat(first.isOpen()).isFalse();
            assertThat(other.isOpen()).isTrue();
            assertThat(connection.isOpen()).isTrue();
        } finally {
            Await.result(other.queueDelete(queue, false, false));
        }
    }

    @Test
    void passiveDeclareOfAMissingQueueFailsWith404AndTheConnectionKeepsWorking() {
        Channel channel = channel();
        Channel other = channel();
        ChannelClosedException error = Await.failure(channel.queueDeclarePassive(unique("missing")),
                ChannelClosedException.class);
        assertThat(error.replyCode()).isEqualTo(404);
        assertThat(error.getMessage()).contains("NOT_FOUND").contains("channel " + channel.number());
        assertThat(channel.isOpen()).isFalse();
        assertThat(channel.closeReason().replyCode()).isEqualTo(404);
        // A closed channel fails at once and says why.
        ChannelClosedException later = Await.failure(channel.queueDeclare(), ChannelClosedException.class);
        assertThat(later.getMessage()).contains("404");
        // Other channels and new ones work.
        assertThat(Await.result(other.queueDeclare()).queue()).startsWith("amq.gen-");
        assertThat(Await.result(channel().queueDeclare()).queue()).startsWith("amq.gen-");
    }

    @Test
    void passiveDeclareSeesWhatExists() {
        Channel channel = channel();
        String queue = Await.result(channel.queueDeclare()).queue();
        Await.result(channel.publish("", queue, BasicProperties.EMPTY, bytes("one")));
        Await.result(channel.publish("", queue, BasicProperties.EMPTY, bytes("two")));
        Await.until("2 messages", java.time.Duration.ofSeconds(10),
                () -> Await.result(channel.queueDeclarePassive(queue)).messageCount() == 2);
        String consumerQueue = queue;
        Await.result(channel.consume(consumerQueue, ConsumeOptions.manualAck().prefetch(1), d -> { }));
        Await.until("1 consumer", java.time.Duration.ofSeconds(10),
                () -> Await.result(channel.queueDeclarePassive(queue)).consumerCount() == 1);
    }

    @Test
    void serverNamedQueueIsExclusiveAndAutoDelete() {
        Channel channel = channel();
        QueueMethod.DeclareOk ok = Await.result(channel.queueDeclare());
        assertThat(ok.queue()).startsWith("amq.gen-");
        // Exclusive: another connection may not use it.
        try (Connection second = Await.result(AmqpClient.connect(TestBroker.get().uri()))) {
            Channel foreign = Await.result(second.openChannel());
            ChannelClosedException error = Await.failure(foreign.queueDeclarePassive(ok.queue()),
                    ChannelClosedException.class);
            assertThat(error.replyCode()).isEqualTo(405);
        }
    }

    @Test
    void aBoundQueueReceivesAndUnbindStopsIt() {
        Channel channel = channel();
        String exchange = unique("ex");
        Await.result(channel.exchangeDeclare(exchange, ExchangeType.DIRECT, ExchangeOptions.defaults()
                .withAutoDelete(false)));
        String queue = Await.result(channel.queueDeclare()).queue();
        try {
            Await.result(channel.queueBind(queue, exchange, "key", Map.of()));
            Await.result(channel.publish(exchange, "key", BasicProperties.EMPTY, bytes("routed")));
            Optional<Delivery> got = awaitMessage(channel, queue);
            assertThat(got).isPresent();
            assertThat(new String(got.get().body(), StandardCharsets.UTF_8)).isEqualTo("routed");
            assertThat(got.get().envelope().exchange()).isEqualTo(exchange);
            Await.result(channel.queueUnbind(queue, exchange, "key", Map.of()));
            Await.result(channel.publish(exchange, "key", BasicProperties.EMPTY, bytes("dropped")));
            Await.result(channel.queueDeclarePassive(queue));
            assertThat(Await.result(channel.basicGet(queue, true))).isEmpty();
        } finally {
            Await.result(channel.exchangeDelete(exchange, false));
        }
    }

    @Test
    void exchangeToExchangeBindingsRouteAndUnbind() {
        Channel channel = channel();
        String source = unique("src");
        String destination = unique("dst");
        Await.result(channel.exchangeDeclare(source, ExchangeType.FANOUT, ExchangeOptions.defaults()));
        Await.result(channel.exchangeDeclare(destination, ExchangeType.FANOUT, ExchangeOptions.defaults()));
        String queue = Await.result(channel.queueDeclare()).queue();
        try {
            Await.result(channel.queueBind(queue, destination, "", Map.of()));
            ExchangeMethod.BindOk bound = Await.result(channel.exchangeBind(destination, source, "", Map.of()));
            assertThat(bound).isNotNull();
            Await.result(channel.publish(source, "", BasicProperties.EMPTY, bytes("via e2e")));
            assertThat(awaitMessage(channel, queue)).isPresent();
            Await.result(channel.exchangeUnbind(destination, source, "", Map.of()));
            Await.result(channel.publish(source, "", BasicProperties.EMPTY, bytes("not routed")));
            Await.result(channel.queueDeclarePassive(queue));
            assertThat(Await.result(channel.basicGet(queue, true))).isEmpty();
        } finally {
            Await.result(channel.exchangeDelete(source, false));
            Await.result(channel.exchangeDelete(destination, false));
        }
    }

    @Test
    void passiveExchangeDeclareSeesWhatExistsAnd404sOtherwise() {
        Channel channel = channel();
        assertThat(Await.result(channel.exchangeDeclarePassive("amq.direct"))).isNotNull();
        ChannelClosedException error = Await.failure(channel.exchangeDeclarePassive(unique("nope")),
                ChannelClosedException.class);
        assertThat(error.replyCode()).isEqualTo(404);
    }

    @Test
    void exchangeDeleteIfUnusedRefusesAnExchangeWithBindings() {
        Channel channel = channel();
        String exchange = unique("used");
        Await.result(channel.exchangeDeclare(exchange, ExchangeType.TOPIC, ExchangeOptions.durable()));
        String queue = Await.result(channel.queueDeclare()).queue();
        Await.result(channel.queueBind(queue, exchange, "#", Map.of()));
        ChannelClosedException error = Await.failure(channel.exchangeDelete(exchange, true),
                ChannelClosedException.class);
        assertThat(error.replyCode()).isEqualTo(406);
        Channel cleanup = channel();
        Await.result(cleanup.exchangeDelete(exchange, false));
        ChannelClosedException gone = Await.failure(cleanup.exchangeDeclarePassive(exchange),
                ChannelClosedException.class);
        assertThat(gone.replyCode()).isEqualTo(404);
    }

    @Test
    void purgeReturnsTheCountAndDeleteReportsWhatItRemoved() {
        Channel channel = channel();
        String queue = Await.result(channel.queueDeclare(unique("purge"), QueueOptions.defaults())).queue();
        for (int i = 0; i < 7; i++) {
            Await.result(channel.publish("", queue, BasicProperties.EMPTY, bytes("p" + i)));
        }
        Await.until("7 messages", java.time.Duration.ofSeconds(10),
                () -> Await.result(channel.queueDeclarePassive(queue)).messageCount() == 7);
        assertThat(Await.result(channel.queuePurge(queue)).messageCount()).isEqualTo(7);
        for (int i = 0; i < 3; i++) {
            Await.result(channel.publish("", queue, BasicProperties.EMPTY, bytes("d" + i)));
        }
        Await.until("3 messages", java.time.Duration.ofSeconds(10),
                () -> Await.result(channel.queueDeclarePassive(queue)).messageCount() == 3);
        assertThat(Await.result(channel.queueDelete(queue, false, false)).messageCount()).isEqualTo(3);
        assertThat(Await.failure(channel.queueDeclarePassive(queue), ChannelClosedException.class).replyCode())
                .isEqualTo(404);
    }

    @Test
    void deleteIfEmptyRefusesAQueueWithMessages() {
        Channel channel = channel();
        String queue = Await.result(channel.queueDeclare(unique("ifempty"), QueueOptions.defaults())).queue();
        Await.result(channel.publish("", queue, BasicProperties.EMPTY, bytes("x")));
        Await.until("1 message", java.time.Duration.ofSeconds(10),
                () -> Await.result(channel.queueDeclarePassive(queue)).messageCount() == 1);
        assertThat(Await.failure(channel.queueDelete(queue, false, true), ChannelClosedException.class)
                .replyCode()).isEqualTo(406);
        Await.result(channel().queueDelete(queue, false, false));
    }

    @Test
    void noWaitVariantsTakeEffect() {
        Channel channel = channel();
        String exchange = unique("nowait-ex");
        String queue = unique("nowait-q");
        Await.result(channel.exchangeDeclareNoWait(exchange, ExchangeType.DIRECT, ExchangeOptions.defaults()));
        Await.result(channel.queueDeclareNoWait(queue, QueueOptions.defaults()));
        Await.result(channel.queueBindNoWait(queue, exchange, "k", Map.of()));
        // A synchronous method after them proves the broker has processed them (replies come in order).
        assertThat(Await.result(channel.queueDeclarePassive(queue)).queue()).isEqualTo(queue);
        Await.result(channel.publish(exchange, "k", BasicProperties.EMPTY, bytes("x")));
        assertThat(awaitMessage(channel, queue)).isPresent();
        Await.result(channel.publish("", queue, BasicProperties.EMPTY, bytes("y")));
        Await.until("1 message", java.time.Duration.ofSeconds(10),
                () -> Await.result(channel.queueDeclarePassive(queue)).messageCount() == 1);
        Await.result(channel.queuePurgeNoWait(queue));
        assertThat(Await.result(channel.queueDeclarePassive(queue)).messageCount()).isZero();
        Await.result(channel.exchangeDeleteNoWait(exchange, false));
        Await.result(channel.queueDeleteNoWait(queue, false, false));
        // Channels run concurrently in the broker: a reply on this channel proves the deletes before it are done.
        Await.result(channel.exchangeDeclarePassive("amq.direct"));
        Channel check = channel();
        assertThat(Await.failure(check.queueDeclarePassive(queue), ChannelClosedException.class).replyCode())
                .isEqualTo(404);
        assertThat(Await.failure(channel().exchangeDeclarePassive(exchange), ChannelClosedException.class)
                .replyCode()).isEqualTo(404);
    }

    @Test
    void qosRecoverAndConfirmSelectAreAnswered() {
        Channel channel = channel();
        assertThat(Await.result(channel.basicQos(10, false))).isNotNull();
        assertThat(Await.result(channel.basicQos(0, 20, true))).isNotNull();
        assertThat(Await.result(channel.basicRecover(true))).isNotNull();
        assertThat(Await.result(channel.confirmSelect())).isNotNull();
    }

    @Test
    void qosLimitsUnacknowledgedDeliveriesPerConsumer() {
        Channel channel = channel();
        String queue = Await.result(channel.queueDeclare()).queue();
        for (int i = 0; i < 10; i++) {
            Await.result(channel.publish("", queue, BasicProperties.EMPTY, bytes("q" + i)));
        }
        List<Delivery> received = new java.util.concurrent.CopyOnWriteArrayList<>();
        Await.result(channel.basicQos(3, false));
        Await.result(channel.consume(queue, ConsumeOptions.manualAck(), received::add));
        Await.until("3 deliveries", java.time.Duration.ofSeconds(10), () -> received.size() == 3);
        // No more arrive while they stay unacknowledged.
        sleep(300);
        assertThat(received).hasSize(3);
        received.get(2).ack(true);
        Await.until("3 more deliveries", java.time.Duration.ofSeconds(10), () -> received.size() == 6);
    }

    @Test
    void recoverRedeliversUnacknowledgedMessages() {
        Channel channel = channel();
        String queue = Await.result(channel.queueDeclare()).queue();
        Await.result(channel.publish("", queue, BasicProperties.EMPTY, bytes("r")));
        List<Delivery> received = new java.util.concurrent.CopyOnWriteArrayList<>();
        Await.result(channel.consume(queue, ConsumeOptions.manualAck(), received::add));
        Await.until("first delivery", java.time.Duration.ofSeconds(10), () -> received.size() == 1);
        Await.result(channel.basicRecover(true));
        Await.until("redelivery", java.time.Duration.ofSeconds(10), () -> received.size() == 2);
        assertThat(received.get(1).envelope().redelivered()).isTrue();
    }

    @Test
    void transactionsCommitAndRollBackPublishesAndAcks() {
        Channel tx = channel();
        String queue = Await.result(tx.queueDeclare()).queue();
        assertThat(Await.result(tx.txSelect())).isInstanceOf(TxMethod.SelectOk.class);
        tx.publish("", queue, BasicProperties.EMPTY, bytes("rolled back"));
        Await.result(tx.txRollback());
        assertThat(Await.result(tx.queueDeclarePassive(queue)).messageCount()).isZero();
        tx.publish("", queue, BasicProperties.EMPTY, bytes("committed 1"));
        tx.publish("", queue, BasicProperties.EMPTY, bytes("committed 2"));
        assertThat(Await.result(tx.queueDeclarePassive(queue)).messageCount()).isZero();
        Await.result(tx.txCommit());
        assertThat(Await.result(tx.queueDeclarePassive(queue)).messageCount()).isEqualTo(2);
        // An ack inside a rolled-back transaction does not happen; a committed one does.
        Delivery first = Await.result(tx.basicGet(queue, false)).orElseThrow();
        first.ack();
        Await.result(tx.txRollback());
        Await.result(tx.basicRecover(true));
        Await.until("the rolled-back ack's message back in the queue", java.time.Duration.ofSeconds(10),
                () -> Await.result(tx.queueDeclarePassive(queue)).messageCount() == 2);
        Delivery again = Await.result(tx.basicGet(queue, false)).orElseThrow();
        again.ack();
        Await.result(tx.txCommit());
        assertThat(Await.result(tx.queueDeclarePassive(queue)).messageCount()).isEqualTo(1);
    }

    @Test
    void manyRpcsInFlightOnOneChannelAreAnsweredInOrder() {
        Channel channel = channel();
        List<CompletableFuture<QueueMethod.DeclareOk>> declares = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String name = unique("pipelined-" + i);
            names.add(name);
            declares.add(channel.queueDeclare(name, QueueOptions.exclusive()));
        }
        for (int i = 0; i < declares.size(); i++) {
            assertThat(Await.result(declares.get(i)).queue()).isEqualTo(names.get(i));
        }
    }

    @Test
    void channelCloseIsAnsweredAndPendingRpcsFailWithTheReason() {
        Channel channel = channel();
        CompletableFuture<QueueMethod.DeclareOk> inFlight = channel.queueDeclarePassive(unique("missing"));
        CompletableFuture<QueueMethod.DeclareOk> behind = channel.queueDeclare();
        assertThat(Await.failure(inFlight, ChannelClosedException.class).replyCode()).isEqualTo(404);
        assertThat(Await.failure(behind, ChannelClosedException.class).replyCode()).isEqualTo(404);
        Channel normal = channel();
        CloseReason reason = Await.result(normal.closeAsync());
        assertThat(reason.isNormal()).isTrue();
        assertThat(normal.isOpen()).isFalse();
        assertThat(Await.failure(normal.queueDeclare(), ChannelClosedException.class).reason().initiator())
                .isEqualTo(CloseInitiator.CLIENT);
    }

    @Test
    void genericRpcSendsAnyMethod() {
        Channel channel = channel();
        var reply = Await.result(channel.rpc(new QueueMethod.Declare("", false, false, true, true, false, Map.of())));
        assertThat(reply).isInstanceOf(QueueMethod.DeclareOk.class);
    }

    private static Optional<Delivery> awaitMessage(Channel channel, String queue) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            Optional<Delivery> got = Await.result(channel.basicGet(queue, true));
            if (got.isPresent()) {
                return got;
            }
            sleep(20);
        }
        return Optional.empty();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

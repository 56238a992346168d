package dev.warren.amqp.client;

import dev.warren.amqp.codec.content.BasicProperties;
import dev.warren.amqp.testing.RequiresBroker;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static dev.warren.amqp.client.PubSub.bytes;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Transactions with everything pipelined: RabbitMQ takes any method sent on a channel while its tx.commit is
 * being processed as a connection error, so what follows a commit must wait for the commit-ok.
 */
@RequiresBroker
class TransactionsIT {

    @Test
    void eachPipelinedPublishLandsInTheTransactionItWasPublishedIn() {
        try (Connection connection = PubSub.connect("TransactionsIT-boundaries")) {
            Channel channel = PubSub.channel(connection);
            String queue = PubSub.privateQueue(channel);
            Await.result(channel.txSelect());
            // Publishes, commits and rollbacks, none awaited: a publish must not slip into the transaction
            // before its own (a rollback after it would then drop a message that was committed, or the reverse).
            List<CompletableFuture<?>> all = new ArrayList<>();
            List<String> expected = new ArrayList<>();
            for (int round = 0; round < 50; round++) {
                for (int i = 0; i < 5; i++) {
                    all.add(channel.publish("", queue, BasicProperties.EMPTY, bytes(round + "/" + i)));
                }
                if (round % 2 == 0) {
                    all.add(channel.txCommit());
                    for (int i = 0; i < 5; i++) {
                        expected.add(round + "/" + i);
                    }
                } else {
                    all.add(channel.txRollback());
                }
            }
            Await.result(CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)), Duration.ofSeconds(30));
            List<String> committed = new ArrayList<>();
            java.util.Optional<Delivery> got;
            while ((got = Await.result(channel.basicGet(queue, true))).isPresent()) {
                committed.add(PubSub.text(got.get().body()));
            }
            assertThat(committed).containsExactlyElementsOf(expected);
            assertThat(connection.isOpen()).isTrue();
        }
    }

    @Test
    void publishesMethodsAndAcksPipelinedBehindACommitWaitForItsCommitOk() {
        try (Connection connection = PubSub.connect("TransactionsIT")) {
            Channel channel = PubSub.channel(connection);
            String queue = PubSub.privateQueue(channel);
            Await.result(channel.txSelect());
            List<CompletableFuture<?>> all = new ArrayList<>();
            for (int round = 0; round < 10; round++) {
                all.add(channel.publish("", queue, BasicProperties.EMPTY, bytes("before-" + round)));
                all.add(channel.txCommit());
                // Nothing waits: the publish, the declare and the next commit go out once the commit-ok is in.
                all.add(channel.publish("", queue, BasicProperties.EMPTY, bytes("after-" + round)));
                all.add(channel.queueDeclarePassive(queue));
            }
            all.add(channel.txCommit());
            Await.result(CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)), Duration.ofSeconds(30));
            assertThat(connection.isOpen()).isTrue();
            assertThat(PubSub.ready(channel, queue)).isEqualTo(20);

            // An ack right behind a commit joins the next transaction, which is rolled back.
            Delivery first = Await.result(channel.basicGet(queue, false)).orElseThrow();
            Delivery second = Await.result(channel.basicGet(queue, false)).orElseThrow();
            CompletableFuture<Void> firstAck = first.ack();
            CompletableFuture<?> commit = channel.txCommit();
            CompletableFuture<Void> secondAck = second.ack();
            CompletableFuture<?> rollback = channel.txRollback();
            CompletableFuture<?> recover = channel.basicRecover(true);
            Await.result(CompletableFuture.allOf(firstAck, commit, secondAck, rollback, recover));
            Await.until("the rolled-back ack's message is back", Duration.ofSeconds(10),
                    () -> PubSub.ready(channel, queue) == 19);
            assertThat(connection.isOpen()).isTrue();
            assertThat(channel.isOpen()).isTrue();
        }
    }
}

package dev.warren.amqp.client;

import dev.warren.amqp.codec.content.BasicProperties;
import dev.warren.amqp.testing.RequiresBroker;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;

import static org.assertj.core.api.Assertions.assertThat;

/** A delivery larger than maxBodySize closes its channel with 311 and says so; the connection lives on. */
@RequiresBroker
class MaxBodySizeIT {

    private static final int LIMIT = 1000;

    @Test
    void aDeliveryAboveTheLimitClosesTheChannelAndTheConnectionSurvives() {
        try (Connection connection = PubSub.connect(PubSub.options("MaxBodySizeIT").maxBodySize(LIMIT))) {
            Channel publisher = PubSub.channel(connection);
            Await.result(publisher.confirmSelect());
            String queue = PubSub.privateQueue(publisher);
            Channel consuming = PubSub.channel(connection);
            List<Delivery> received = new CopyOnWriteArrayList<>();
            List<CompletableFuture<Void>> acks = new CopyOnWriteArrayList<>();
            List<ConsumerCancelledException> cancelled = new CopyOnWriteArrayList<>();
            Await.result(consuming.consume(queue, ConsumeOptions.manualAck(), new DeliveryHandler() {
                @Override
                public void handle(Delivery delivery) {
                    received.add(delivery);
                    acks.add(delivery.ack());
                }

                @Override
                public void onCancel(ConsumerCancelledException reason) {
                    cancelled.add(reason);
                }
            }));
            // The exact limit is accepted.
            Await.result(publisher.publish("", queue, BasicProperties.EMPTY, new byte[LIMIT]));
            Await.until("the message at the limit is delivered", Duration.ofSeconds(10), () -> acks.size() == 1);
            Await.result(acks.get(0));
            // Publishing is not limited, but the delivery of more than the limit closes the channel.
            Await.result(publisher.publish("", queue, BasicProperties.EMPTY, new byte[2 * LIMIT]));
            CloseReason reason = Await.result(consuming.closeFuture());
            assertThat(reason.replyCode()).isEqualTo(311);
            assertThat(reason.replyText()).contains("basic.deliver").contains(Integer.toString(2 * LIMIT))
                    .contains("more than the limit of " + LIMIT + " bytes");
            assertThat(reason.initiator()).isEqualTo(CloseInitiator.CLIENT);
            assertThat(consuming.closeReason()).isEqualTo(reason);
            Await.until("the consumer hears of it", Duration.ofSeconds(5), () -> cancelled.size() == 1);
            assertThat(cancelled.get(0).getMessage()).contains("311");
            assertThat(received).hasSize(1);
            assertThat(received.get(0).body()).hasSize(LIMIT);
            assertThat(connection.isOpen()).isTrue();
            assertThat(publisher.isOpen()).isTrue();

            // basic.get of the same message (it was not acknowledged, so it is back) closes that channel too.
            Channel getter = PubSub.channel(connection);
            ChannelClosedException getFailed = Await.failure(getter.basicGet(queue, false),
                    ChannelClosedException.class);
            assertThat(getFailed.replyCode()).isEqualTo(311);
            assertThat(getFailed.replyText()).contains("basic.get-ok");

            // So does a Flow subscription, which ends with an error that says why.
            Channel streaming = PubSub.channel(connection);
            CompletableFuture<Void> streamEnd = new CompletableFuture<>();
            streaming.deliveries(queue, ConsumeOptions.manualAck()).subscribe(new Flow.Subscriber<>() {
                @Override
                public void onSubscribe(Flow.Subscription s) {
                    s.request(Long.MAX_VALUE);
                }

                @Override
                public void onNext(Delivery item) {
                }

                @Override
                public void onError(Throwable throwable) {
                    streamEnd.completeExceptionally(throwable);
                }

                @Override
                public void onComplete() {
                    streamEnd.complete(null);
                }
            });
            ConsumerCancelledException streamError = Await.failure(streamEnd, ConsumerCancelledException.class);
            assertThat(streamError.getCause()).isInstanceOf(ChannelClosedException.class);
            assertThat(((ChannelClosedException) streamError.getCause()).replyCode()).isEqualTo(311);

            assertThat(connection.isOpen()).isTrue();
            assertThat(PubSub.ready(publisher, queue)).isEqualTo(1);
            Await.result(publisher.queuePurge(queue));
        }
    }
}

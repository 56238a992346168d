package dev.warren.amqp.client;

import dev.warren.amqp.testing.RequiresBroker;
import org.junit.jupiter.api.Test;
import reactor.adapter.JdkFlowAdapter;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Reactor interop: a Flux made from the deliveries publisher with reactor-core's JdkFlowAdapter. */
@RequiresBroker
class ReactorIT {

    @Test
    void aFluxOfDeliveriesConsumesAndAcksTenThousandMessages() {
        int count = 10_000;
        try (Connection connection = PubSub.connect("ReactorIT")) {
            Channel publisher = PubSub.channel(connection);
            Await.result(publisher.confirmSelect());
            String queue = PubSub.privateQueue(publisher);
            PubSub.awaitAll(PubSub.publishMany(publisher, queue, count, i -> PubSub.bytes(Integer.toString(i))),
                    Duration.ofSeconds(60));

            Channel consumer = PubSub.channel(connection);
            List<String> bodies = JdkFlowAdapter.flowPublisherToFlux(
                            consumer.deliveries(queue, ConsumeOptions.manualAck().withPrefetch(200)))
                    // Acked on Reactor's threads, each ack awaited before the next delivery counts.
                    .publishOn(Schedulers.parallel())
                    .concatMap(delivery -> Mono.fromFuture(delivery.ack())
                            .thenReturn(PubSub.text(delivery.body())))
                    .take(count)
                    .collectList()
                    .block(Duration.ofSeconds(120));

            List<String> expected = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                expected.add(Integer.toString(i));
            }
            assertThat(bodies).containsExactlyElementsOf(expected);
            // take() cancelled the subscription: the consumer is gone and nothing is left, acked or not.
            Await.until("the consumer is cancelled on the broker", Duration.ofSeconds(10),
                    () -> PubSub.brokerConsumers(queue).isEmpty());
            assertThat(PubSub.brokerCounts(queue)).isEqualTo(new PubSub.QueueCounts(0, 0));
            assertThat(consumer.isOpen()).isTrue();
        }
    }
}

package dev.warren.amqp.client;

import dev.warren.amqp.codec.content.BasicProperties;
import dev.warren.amqp.codec.method.ChannelMethod;
import dev.warren.amqp.testing.RequiresBroker;
import dev.warren.amqp.testing.TestBroker;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The future-less publish paths: {@code offer(OutboundMessage)} and {@code offer(PublishTarget, ...)}. */
@RequiresBroker
class OfferIT {

    private static Connection connect() {
        return Await.result(AmqpClient.connect(ConnectionOptions.fromUri(TestBroker.get().uri()).toBuilder()
                .connectionName("OfferIT").build()));
    }

    @Test
    void oneUnchangingMessageOfferedManyTimesArrivesEveryTime() {
        try (Connection connection = connect()) {
            Channel channel = Await.result(connection.openChannel());
            String queue = Await.result(channel.queueDeclare()).queue();
            OutboundMessage message = new OutboundMessage("", queue, false,
                    BasicProperties.builder().contentType("text/plain").build(), "same".getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < 2000; i++) {
                while (!channel.offer(message)) {
                    Await.result(channel.publishCapacity());
                }
            }
            Await.until("2000 messages", Duration.ofSeconds(20),
                    () -> Await.result(channel.queueDeclarePassive(queue)).messageCount() == 2000);
            Delivery one = Await.result(channel.basicGet(queue, true)).orElseThrow();
            assertThat(new String(one.body(), StandardCharsets.UTF_8)).isEqualTo("same");
            assertThat(one.properties().contentType()).isEqualTo("text/plain");
        }
    }

    @Test
    void offersAndPublishesFromOneThreadKeepTheirOrder() {
        try (Connection connection = connect()) {
            Channel channel = Await.result(connection.openChannel());
            String queue = Await.result(channel.queueDeclare()).queue();
            PublishTarget target = PublishTarget.of("", queue);
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                String text = "m" + i;
                expected.add(text);
                byte[] body = text.getBytes(StandardCharsets.UTF_8);
                switch (i % 3) {
                    case 0 -> assertThat(channel.offer(OutboundMessage.of("", queue, body))).isTrue();
                    case 1 -> assertThat(channel.offer(target, BasicProperties.EMPTY, body)).isTrue();
                    default -> channel.publish("", queue, BasicProperties.EMPTY, body);
                }
            }
            Await.until("300 messages", Duration.ofSeconds(20),
                    () -> Await.result(channel.queueDeclarePassive(queue)).messageCount() == 300);
            List<String> received = new ArrayList<>();
            Optional<Delivery> got;
            while ((got = Await.result(channel.basicGet(queue, true))).isPresent()) {
                received.add(new String(got.get().body(), StandardCharsets.UTF_8));
            }
            assertThat(received).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void offerOnAClosedChannelThrowsAndPropertiesTooLargeThrowInTheCaller() {
        try (Connection connection = connect()) {
            Channel channel = Await.result(connection.openChannel());
            BasicProperties huge = BasicProperties.builder().header("x", "y".repeat(200_000)).build();
            assertThatThrownBy(() -> channel.offer(new OutboundMessage("", "q", false, huge, new byte[1])))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("frame-max");
            assertThatThrownBy(() -> channel.publish("", "q", false, huge, new byte[1]))
                    .isInstanceOf(IllegalArgumentException.class);
            Await.result(channel.closeAsync());
            assertThatThrownBy(() -> channel.offer(OutboundMessage.of("", "q", new byte[1])))
                    .isInstanceOf(ChannelClosedException.class);
        }
    }

    @Test
    void aFullQueueRefusesOffersAndCapacityReturnsWhenItDrains() throws Exception {
        try (ScriptedPeer peer = new ScriptedPeer();
             Connection connection = Await.result(AmqpClient.connect(ConnectionOptions.builder()
                     .address("127.0.0.1", peer.port())
                     .publishOptions(PublishOptions.defaults().withQueueCapacity(5)).build()))) {
            Channel channel = Await.result(connection.openChannel());
            peer.send(channel.number(), new ChannelMethod.Flow(false));
            peer.next().release();
            OutboundMessage message = OutboundMessage.of("", "q", new byte[] {7});
            int accepted = 0;
            while (channel.offer(message)) {
                accepted++;
            }
            assertThat(accepted).isEqualTo(5);
            var room = channel.publishCapacity();
            assertThat(room).isNotDone();
            peer.send(channel.number(), new ChannelMethod.Flow(true));
            Await.result(room);
            peer.next().release(); // flow-ok
            for (int i = 0; i < 5; i++) {
                peer.next().release(); // the five publishes
            }
        }
    }
}

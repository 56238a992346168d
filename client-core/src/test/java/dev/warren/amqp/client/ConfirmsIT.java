package dev.warren.amqp.client;

import dev.warren.amqp.codec.content.BasicProperties;
import dev.warren.amqp.testing.FaultProxy;
import dev.warren.amqp.testing.RequiresBroker;
import dev.warren.amqp.testing.TestBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static dev.warren.amqp.client.PubSub.bytes;
import static dev.warren.amqp.client.PubSub.causeOf;
import static dev.warren.amqp.client.PubSub.text;
import static org.assertj.core.api.Assertions.assertThat;

/** Publisher confirms against RabbitMQ: acks, real nacks, returns matched to their publish, closes. */
@RequiresBroker
class ConfirmsIT {

    private static Connection connection;

    @BeforeAll
    static void connect() {
        connection = PubSub.connect("ConfirmsIT");
    }

    @AfterAll
    static void close() {
        if (connection != null) {
            connection.close();
        }
    }

    private static Channel confirmingChannel() {
        Channel channel = PubSub.channel(connection);
        Await.result(channel.confirmSelect());
        return channel;
    }

    @Test
    void aHundredThousandConfirmedPublishesAllCompleteAndTheQueueHoldsEveryAckedMessage() {
        Channel channel = confirmingChannel();
        String queue = PubSub.privateQueue(channel);
        int count = 100_000;
        List<CompletableFuture<Void>> futures = PubSub.publishMany(channel, queue, count,
                i -> bytes(Integer.toString(i)));
        PubSub.awaitAll(futures, Duration.ofSeconds(120));
        long acked = futures.stream().filter(f -> f.isDone() && !f.isCompletedExceptionally()).count();
        assertThat(acked).isEqualTo(count);
        assertThat(PubSub.ready(channel, queue)).isEqualTo(acked);
        assertThat(channel.queuedPublishes()).isZero();
        Await.result(channel.queueDelete(queue, false, false));
    }

    @Test
    void nacksFailExactlyThePublishesTheBrokerRefused() {
        Channel channel = confirmingChannel();
        String queue = PubSub.unique("reject-publish");
        Await.result(channel.queueDeclare(queue, QueueOptions.exclusive().withAutoDelete(false)
                .withArgument("x-max-length", 10).withArgument("x-overflow", "reject-publish")));
        // With no consumer the queue takes the first 10 and refuses the rest.
        List<CompletableFuture<Void>> first = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            first.add(channel.publish("", queue, BasicProperties.EMPTY, bytes("first-" + i)));
        }
        for (int i = 0; i < 30; i++) {
            if (i < 10) {
                Await.result(first.get(i));
            } else {
                PublishNackedException nack = Await.failure(first.get(i), PublishNackedException.class);
                assertThat(nack.sequenceNumber()).as("sequence number of publish " + i).isEqualTo(i + 1);
            }
        }
        // Take 5 out: the next 10 publishes find room for exactly 5.
        for (int i = 0; i < 5; i++) {
            Optional<Delivery> got = Await.result(channel.basicGet(queue, true));
            assertThat(got).isPresent();
            assertThat(text(got.get().body())).isEqualTo("first-" + i);
        }
        List<CompletableFuture<Void>> second = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            second.add(channel.publish("", queue, BasicProperties.EMPTY, bytes("second-" + i)));
        }
        for (int i = 0; i < 10; i++) {
            if (i < 5) {
                Await.result(second.get(i));
            } else {
                assertThat(Await.failure(second.get(i), PublishNackedException.class).sequenceNumber())
                        .isEqualTo(31 + i);
            }
        }
        // The queue holds exactly the accepted ones, in order.
        List<String> held = new ArrayList<>();
        Optional<Delivery> got;
        while ((got = Await.result(channel.basicGet(queue, true))).isPresent()) {
            held.add(text(got.get().body()));
        }
        assertThat(held).containsExactly("first-5", "first-6", "first-7", "first-8", "first-9",
                "second-0", "second-1", "second-2", "second-3", "second-4");
        assertThat(channel.isOpen()).isTrue();
        Await.result(channel.queueDelete(queue, false, false));
    }

    @Test
    void unroutableMandatoryPublishesFailWithTheirOwnReturnedMessageWhileRoutableOnesSucceed() {
        Channel channel = confirmingChannel();
        String queue = PubSub.privateQueue(channel);
        int count = 6000;
        List<CompletableFuture<Void>> futures = new ArrayList<>(count);
        List<String[]> targets = new ArrayList<>(count);
        PublishTarget viaTarget = PublishTarget.of("", "nowhere-target").mandatory();
        for (int i = 0; i < count; i++) {
            BasicProperties properties = BasicProperties.builder().messageId("m-" + i).build();
            byte[] body = bytes("body-" + i);
            CompletableFuture<Void> future;
            String[] target;
            switch (i % 6) {
                case 0 -> target = new String[] {"", "nowhere-" + (i % 4)};
                case 1 -> target = new String[] {"amq.direct", "unbound-key"};
                case 2 -> target = new String[] {"", "nowhere-target"};
                default -> target = new String[] {"", queue};
            }
            if (i % 6 == 2) {
                future = channel.publish(viaTarget, properties, body);
            } else {
                // Half the routable ones are mandatory too: they must still succeed.
                boolean mandatory = !target[1].equals(queue) || i % 2 == 0;
                future = PubSub.publishWaitingForRoom(channel, target[0], target[1], mandatory, properties, body);
            }
            futures.add(future);
            targets.add(target);
        }
        int routable = 0;
        for (int i = 0; i < count; i++) {
            String[] target = targets.get(i);
            if (target[1].equals(queue)) {
                Await.result(futures.get(i));
                routable++;
            } else {
                MessageReturnedException returned = Await.failure(futures.get(i), MessageReturnedException.class);
                ReturnedMessage message = returned.returnedMessage();
                assertThat(text(message.body())).as("the returned body of publish " + i).isEqualTo("body-" + i);
                assertThat(message.properties().messageId()).isEqualTo("m-" + i);
                assertThat(message.exchange()).isEqualTo(target[0]);
                assertThat(message.routingKey()).isEqualTo(target[1]);
                assertThat(message.replyCode()).isEqualTo(312);
                assertThat(message.replyText()).isEqualTo("NO_ROUTE");
            }
        }
        assertThat(routable).isEqualTo(count / 2);
        assertThat(PubSub.ready(channel, queue)).isEqualTo(routable);
        Await.result(channel.queueDelete(queue, false, false));
    }

    @Test
    void publishAllEmitsEachMessagesOwnOutcomeInOrder() {
        Channel channel = confirmingChannel();
        String limited = PubSub.unique("bulk-limited");
        Await.result(channel.queueDeclare(limited, QueueOptions.exclusive().withAutoDelete(false)
                .withArgument("x-max-length", 5).withArgument("x-overflow", "reject-publish")));
        String open = PubSub.privateQueue(channel);
        String nowhere = PubSub.unique("bulk-nowhere");
        List<OutboundMessage> messages = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String body = "bulk-" + i;
            messages.add(switch (i % 3) {
                case 0 -> OutboundMessage.of("", limited, bytes(body));
                case 1 -> new OutboundMessage("", nowhere, true, BasicProperties.EMPTY, bytes(body));
                default -> new OutboundMessage("", open, true, BasicProperties.EMPTY, bytes(body));
            });
        }
        List<PublishOutcome> outcomes = reactor.adapter.JdkFlowAdapter.flowPublisherToFlux(channel.publishAll(
                        reactor.adapter.JdkFlowAdapter.publisherToFlowPublisher(
                                reactor.core.publisher.Flux.fromIterable(messages))))
                .collectList().block(Duration.ofSeconds(30));
        assertThat(outcomes).hasSize(30);
        int limitedSeen = 0;
        for (int i = 0; i < 30; i++) {
            PublishOutcome outcome = outcomes.get(i);
            assertThat(outcome.message()).as("outcome " + i + " is of message " + i).isSameAs(messages.get(i));
            switch (i % 3) {
                case 0 -> {
                    // The first 5 fit in the queue, the rest are refused.
                    if (limitedSeen++ < 5) {
                        assertThat(outcome.isSuccess()).as("outcome " + i).isTrue();
                    } else {
                        assertThat(outcome.error()).as("outcome " + i).isInstanceOf(PublishNackedException.class);
                    }
                }
                case 1 -> {
                    assertThat(outcome.error()).as("outcome " + i).isInstanceOf(MessageReturnedException.class);
                    assertThat(text(((MessageReturnedException) outcome.error()).returnedMessage().body()))
                            .isEqualTo("bulk-" + i);
                }
                default -> assertThat(outcome.isSuccess()).as("outcome " + i).isTrue();
            }
        }
        assertThat(PubSub.ready(channel, limited)).isEqualTo(5);
        assertThat(PubSub.ready(channel, open)).isEqualTo(10);
        Await.result(channel.queueDelete(limited, false, false));
    }

    @Test
    void inConfirmModeReturnsOfOfferedMandatoryMessagesReachTheReturnListeners() {
        Channel channel = confirmingChannel();
        List<ReturnedMessage> heard = new CopyOnWriteArrayList<>();
        channel.addReturnListener(heard::add);
        PublishTarget nowhere = PublishTarget.of("", PubSub.unique("nowhere")).mandatory();
        List<CompletableFuture<Void>> published = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            assertThat(channel.offer(nowhere, BasicProperties.builder().messageId("offered-" + i).build(),
                    bytes("offered-" + i))).isTrue();
            published.add(channel.publish(nowhere, BasicProperties.builder().messageId("published-" + i).build(),
                    bytes("published-" + i)));
        }
        for (int i = 0; i < published.size(); i++) {
            MessageReturnedException returned = Await.failure(published.get(i), MessageReturnedException.class);
            assertThat(text(returned.returnedMessage().body())).isEqualTo("published-" + i);
        }
        Await.until("the offered messages' returns reach the listener", Duration.ofSeconds(10),
                () -> heard.size() >= 200);
        List<String> ids = heard.stream().map(m -> m.properties().messageId()).toList();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            expected.add("offered-" + i);
        }
        assertThat(ids).containsExactlyElementsOf(expected);
    }

    @Test
    void withoutConfirmModeReturnsReachTheReturnListenersAndAThrowingListenerIsReported() {
        List<Throwable> reported = new CopyOnWriteArrayList<>();
        List<Channel> reportedChannels = new CopyOnWriteArrayList<>();
        try (Connection own = PubSub.connect(PubSub.options("ConfirmsIT-returns")
                .callbackExceptionHandler((channel, consumerTag, error) -> {
                    reportedChannels.add(channel);
                    reported.add(error);
                }))) {
            Channel channel = PubSub.channel(own);
            String queue = PubSub.privateQueue(channel);
            List<ReturnedMessage> heard = new CopyOnWriteArrayList<>();
            List<Boolean> onLoop = new CopyOnWriteArrayList<>();
            ReturnListener listener = message -> {
                onLoop.add(PubSub.onEventLoop(own));
                heard.add(message);
            };
            channel.addReturnListener(listener);
            ReturnListener throwing = message -> {
                throw new IllegalStateException("listener failed on " + text(message.body()));
            };
            channel.addReturnListener(throwing);
            String nowhere = PubSub.unique("nowhere");
            for (int i = 0; i < 10; i++) {
                // Not in confirm mode: the future completes once written, returned or not.
                Await.result(channel.publish("", nowhere, true, BasicProperties.builder().type("t" + i).build(),
                        bytes("lost-" + i)));
                Await.result(channel.publish("", queue, true, BasicProperties.EMPTY, bytes("kept-" + i)));
            }
            Await.until("10 returns heard", Duration.ofSeconds(10), () -> heard.size() == 10);
            for (int i = 0; i < 10; i++) {
                ReturnedMessage message = heard.get(i);
                assertThat(text(message.body())).isEqualTo("lost-" + i);
                assertThat(message.properties().type()).isEqualTo("t" + i);
                assertThat(message.routingKey()).isEqualTo(nowhere);
                assertThat(message.exchange()).isEmpty();
                assertThat(message.replyCode()).isEqualTo(312);
            }
            assertThat(onLoop).as("listeners run off the event loop").containsOnly(false);
            Await.until("the throwing listener is reported", Duration.ofSeconds(10), () -> reported.size() == 10);
            assertThat(reported).allSatisfy(error -> assertThat(error).isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("listener failed on lost-"));
            assertThat(reportedChannels).allMatch(c -> c == channel);
            assertThat(PubSub.ready(channel, queue)).isEqualTo(10);

            // A removed listener hears nothing more.
            channel.removeReturnListener(throwing);
            channel.removeReturnListener(listener);
            List<ReturnedMessage> later = new CopyOnWriteArrayList<>();
            channel.addReturnListener(later::add);
            Await.result(channel.publish("", nowhere, true, BasicProperties.EMPTY, bytes("after")));
            Await.until("the new listener hears it", Duration.ofSeconds(10), () -> later.size() == 1);
            assertThat(heard).hasSize(10);
            assertThat(reported).hasSize(10);
            assertThat(own.isOpen()).isTrue();
            assertThat(channel.isOpen()).isTrue();
        }
    }

    @Test
    void confirmsPendingWhenTheBrokerClosesTheChannelFailWithItsReason() {
        Channel channel = confirmingChannel();
        String queue = PubSub.privateQueue(channel);
        String missing = PubSub.unique("no-such-exchange");
        List<CompletableFuture<Void>> before = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            before.add(channel.publish("", queue, BasicProperties.EMPTY, bytes("before-" + i)));
        }
        CompletableFuture<Void> bad = channel.publish(missing, "k", BasicProperties.EMPTY, bytes("bad"));
        List<CompletableFuture<Void>> after = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            after.add(channel.publish("", queue, BasicProperties.EMPTY, bytes("after-" + i)));
        }
        ChannelClosedException error = Await.failure(bad, ChannelClosedException.class);
        assertThat(error.replyCode()).isEqualTo(404);
        assertThat(error.replyText()).contains(missing);
        assertThat(error.reason().initiator()).isEqualTo(CloseInitiator.SERVER);
        for (CompletableFuture<Void> future : after) {
            ChannelClosedException later = Await.failure(future, ChannelClosedException.class);
            assertThat(later.reason()).isEqualTo(error.reason());
        }
        // Those before were confirmed first, or were still unconfirmed at the close and fail the same way.
        for (CompletableFuture<Void> future : before) {
            try {
                Await.result(future);
            } catch (ChannelClosedException e) {
                assertThat(e.reason()).isEqualTo(error.reason());
            }
        }
        assertThat(channel.isOpen()).isFalse();
        assertThat(connection.isOpen()).isTrue();
    }

    @Test
    void confirmsPendingWhenTheChannelOrConnectionClosesFailWithTheClosesReason() throws Exception {
        TestBroker broker = TestBroker.get();
        try (FaultProxy proxy = FaultProxy.start(broker.host(), broker.port())) {
            Connection proxied = PubSub.connect(ConnectionOptions.fromUri(proxy.uri(broker.username(),
                            broker.password())).toBuilder().connectionName("ConfirmsIT-closes")
                    .closeTimeout(Duration.ofSeconds(1)));
            Channel first = PubSub.channel(proxied);
            Channel second = PubSub.channel(proxied);
            Await.result(first.confirmSelect());
            Await.result(second.confirmSelect());
            String queue = PubSub.privateQueue(first);
            // No ack can come back now.
            proxy.blackhole();
            List<CompletableFuture<Void>> onFirst = new ArrayList<>();
            List<CompletableFuture<Void>> onSecond = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                onFirst.add(first.publish("", queue, BasicProperties.EMPTY, bytes("a" + i)));
                onSecond.add(second.publish("", queue, BasicProperties.EMPTY, bytes("b" + i)));
            }
            TimeUnit.MILLISECONDS.sleep(200);
            assertThat(onFirst).noneMatch(CompletableFuture::isDone);
            assertThat(onSecond).noneMatch(CompletableFuture::isDone);

            // The channel's close gets no close-ok; after the close timeout the channel is closed all the same.
            CloseReason channelReason = Await.result(first.closeAsync(200, "the test closes the channel"));
            assertThat(channelReason.replyText()).isEqualTo("the test closes the channel");
            for (CompletableFuture<Void> future : onFirst) {
                ChannelClosedException e = Await.failure(future, ChannelClosedException.class);
                assertThat(e.replyText()).isEqualTo("the test closes the channel");
                assertThat(e.channelNumber()).isEqualTo(first.number());
            }
            assertThat(onSecond).noneMatch(CompletableFuture::isDone);

            proxied.closeAsync(200, "the test closes the connection", Duration.ofSeconds(1));
            for (CompletableFuture<Void> future : onSecond) {
                ConnectionClosedException e = Await.failure(future, ConnectionClosedException.class);
                assertThat(e.replyCode()).isEqualTo(200);
                assertThat(e.replyText()).isEqualTo("the test closes the connection");
                assertThat(e.reason().initiator()).isEqualTo(CloseInitiator.CLIENT);
            }
            Await.result(proxied.closeFuture());
            // Publishing on the closed channel fails at once with the same reason.
            assertThat(causeOf(second.publish("", queue, BasicProperties.EMPTY, bytes("late"))))
                    .isInstanceOf(ConnectionClosedException.class)
                    .hasMessageContaining("the test closes the connection");
        }
    }
}

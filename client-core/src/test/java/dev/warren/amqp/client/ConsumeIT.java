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
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static dev.warren.amqp.client.PubSub.bytes;
import static dev.warren.amqp.client.PubSub.text;
import static org.assertj.core.api.Assertions.assertThat;

/** Consuming against RabbitMQ: cancels both ways, basic.get, callback threads and order, acks, priorities. */
@RequiresBroker
class ConsumeIT {

    private static Connection connection;

    @BeforeAll
    static void connect() {
        connection = PubSub.connect("ConsumeIT");
    }

    @AfterAll
    static void close() {
        if (connection != null) {
            connection.close();
        }
    }

    private static Channel channel() {
        return PubSub.channel(connection);
    }

    private static void publish(Channel channel, String queue, String... bodies) {
        List<CompletableFuture<Void>> futures = new ArrayList<>();
        for (String body : bodies) {
            futures.add(channel.publish("", queue, BasicProperties.EMPTY, bytes(body)));
        }
        PubSub.awaitAll(futures, Duration.ofSeconds(30));
    }

    /** Records what a Flow subscription signals; requests everything at once. */
    private static final class Recorder implements Flow.Subscriber<Delivery> {
        final CountDownLatch subscribed = new CountDownLatch(1);
        final AtomicReference<Flow.Subscription> subscription = new AtomicReference<>();
        final List<Delivery> received = new CopyOnWriteArrayList<>();
        final CompletableFuture<Void> done = new CompletableFuture<>();
        private final long initialRequest;

        Recorder(long initialRequest) {
            this.initialRequest = initialRequest;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription.set(s);
            if (initialRequest > 0) {
                s.request(initialRequest);
            }
            subscribed.countDown();
        }

        @Override
        public void onNext(Delivery delivery) {
            received.add(delivery);
        }

        @Override
        public void onError(Throwable throwable) {
            done.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
            done.complete(null);
        }
    }

    @Test
    void aConsumerTheBrokerCancelsEndsItsStreamWithAnErrorAndCallsOnCancel() {
        Channel channel = channel();
        String queue = PubSub.unique("deleted-under-consumers");
        Await.result(channel.queueDeclare(queue, QueueOptions.defaults()));
        publish(channel, queue, "one");

        Recorder stream = new Recorder(Long.MAX_VALUE);
        channel.deliveries(queue, ConsumeOptions.autoAck()).subscribe(stream);
        List<ConsumerCancelledException> onCancel = new CopyOnWriteArrayList<>();
        Consumer consumer = Await.result(channel.consume(queue, ConsumeOptions.autoAck(), new DeliveryHandler() {
            @Override
            public void handle(Delivery delivery) {
            }

            @Override
            public void onCancel(ConsumerCancelledException reason) {
                onCancel.add(reason);
            }
        }));
        Await.until("both consumers are on the broker", Duration.ofSeconds(10),
                () -> PubSub.brokerConsumers(queue).size() == 2);

        Await.result(channel().queueDelete(queue, false, false));

        ConsumerCancelledException streamEnd = Await.failure(stream.done, ConsumerCancelledException.class);
        assertThat(streamEnd.byServer()).isTrue();
        assertThat(streamEnd.getMessage()).contains(queue).contains("by the broker");
        ConsumerCancelledException handlerEnd = Await.result(consumer.cancelled());
        assertThat(handlerEnd.byServer()).isTrue();
        assertThat(handlerEnd.consumerTag()).isEqualTo(consumer.tag());
        Await.until("onCancel is called", Duration.ofSeconds(5), () -> onCancel.size() == 1);
        assertThat(onCancel.get(0).byServer()).isTrue();
        assertThat(channel.isOpen()).isTrue();
        // The channel still works.
        String other = PubSub.privateQueue(channel);
        assertThat(PubSub.ready(channel, other)).isZero();
    }

    @Test
    void cancellingASubscriptionOrAConsumerSendsBasicCancel() {
        Channel channel = channel();
        String queue = PubSub.privateQueue(channel);
        String streamTag = PubSub.unique("stream-tag");
        String handlerTag = PubSub.unique("handler-tag");

        Recorder stream = new Recorder(1);
        channel.deliveries(queue, ConsumeOptions.manualAck().withConsumerTag(streamTag)).subscribe(stream);
        List<ConsumerCancelledException> onCancel = new CopyOnWriteArrayList<>();
        LinkedBlockingQueue<Delivery> handled = new LinkedBlockingQueue<>();
        Consumer consumer = Await.result(channel.consume(queue, ConsumeOptions.manualAck()
                .withConsumerTag(handlerTag), new DeliveryHandler() {
                    @Override
                    public void handle(Delivery delivery) {
                        handled.add(delivery);
                    }

                    @Override
                    public void onCancel(ConsumerCancelledException reason) {
                        onCancel.add(reason);
                    }
                }));
        assertThat(consumer.tag()).isEqualTo(handlerTag);
        assertThat(consumer.queue()).isEqualTo(queue);
        Await.until("both consumers are on the broker", Duration.ofSeconds(10),
                () -> PubSub.brokerConsumers(queue).containsAll(List.of(streamTag, handlerTag)));
        // Round robin: one for each.
        publish(channel, queue, "a", "b");
        Await.until("a delivery reaches the stream", Duration.ofSeconds(10), () -> stream.received.size() == 1);
        assertThat(stream.received.get(0).envelope().consumerTag()).isEqualTo(streamTag);

        stream.subscription.get().cancel();
        Await.until("the stream's consumer is gone from the broker", Duration.ofSeconds(10),
                () -> !PubSub.brokerConsumers(queue).contains(streamTag));
        assertThat(PubSub.brokerConsumers(queue)).containsExactly(handlerTag);
        assertThat(stream.done).as("a cancelled subscription gets no further signal").isNotDone();

        Await.result(consumer.cancel());
        assertThat(PubSub.brokerConsumers(queue)).isEmpty();
        ConsumerCancelledException end = Await.result(consumer.cancelled());
        assertThat(end.byServer()).isFalse();
        Await.until("onCancel is called", Duration.ofSeconds(5), () -> onCancel.size() == 1);
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void cancellingAZeroCopySubscriptionPutsBackAndReleasesWhatItHeld() {
        Channel channel = channel();
        String queue = PubSub.privateQueue(channel);
        publish(channel, queue, numbered(10));
        Recorder stream = new Recorder(1);
        channel.deliveries(queue, ConsumeOptions.manualAck().withZeroCopy(true)).subscribe(stream);
        Await.until("one delivery", Duration.ofSeconds(10), () -> stream.received.size() == 1);
        Await.until("the rest are held for the subscriber", Duration.ofSeconds(10),
                () -> PubSub.brokerCounts(queue).unacknowledged() == 10);
        Delivery first = stream.received.get(0);
        assertThat(first.bodyBuffer().toString(java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("0");
        first.release();
        Await.result(first.ack());
        stream.subscription.get().cancel();
        // The 9 it held go back to the queue (their buffers released: the leak detector checks this class).
        Await.until("the held ones are back", Duration.ofSeconds(10),
                () -> PubSub.brokerCounts(queue).equals(new PubSub.QueueCounts(9, 0)));
        assertThat(stream.received).hasSize(1);
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void aSubscriptionCancelledBeforeItsConsumerStartedIsCancelledOnTheBrokerToo() throws Exception {
        // Latency makes sure the cancel comes while basic.consume is still on its way.
        TestBroker broker = TestBroker.get();
        try (FaultProxy proxy = FaultProxy.start(broker.host(), broker.port())) {
            Connection slow = PubSub.connect(ConnectionOptions.fromUri(proxy.uri(broker.username(),
                    broker.password())).toBuilder().connectionName("ConsumeIT-early-cancel"));
            try {
                Channel channel = PubSub.channel(slow);
                String queue = PubSub.privateQueue(channel);
                publish(channel, queue, "1", "2", "3");
                proxy.latency(Duration.ofMillis(150));
                Recorder stream = new Recorder(Long.MAX_VALUE);
                String tag = PubSub.unique("early-cancel");
                channel.deliveries(queue, ConsumeOptions.manualAck().withConsumerTag(tag)).subscribe(stream);
                assertThat(stream.subscribed.await(10, TimeUnit.SECONDS)).isTrue();
                // basic.consume is sent right after onSubscribe returns; its reply needs 300 ms.
                Thread.sleep(50);
                stream.subscription.get().cancel();
                proxy.latency(Duration.ZERO);
                // Wait until the consume has surely reached the broker and been answered.
                Await.result(channel.basicQos(0, false));
                Await.until("the consumer is gone from the broker", Duration.ofSeconds(10),
                        () -> PubSub.brokerConsumers(queue).isEmpty());
                Await.until("every message is back in the queue", Duration.ofSeconds(10),
                        () -> PubSub.brokerCounts(queue).equals(new PubSub.QueueCounts(3, 0)));
                assertThat(stream.received).isEmpty();
                assertThat(channel.isOpen()).isTrue();
            } finally {
                slow.close();
            }
        }
    }

    @Test
    void methodsPipelinedBehindConsumeAndCancelGetTheirOwnReplies() {
        // RabbitMQ sends consume-ok and cancel-ok through the queue's process, so replies to methods sent right
        // after them can arrive first.
        Channel channel = channel();
        String first = PubSub.privateQueue(channel);
        String second = PubSub.privateQueue(channel);
        for (int round = 0; round < 20; round++) {
            CompletableFuture<Consumer> a = channel.consume(first, ConsumeOptions.autoAck(), d -> { });
            CompletableFuture<?> qos = channel.basicQos(10, false);
            CompletableFuture<Consumer> b = channel.consume(second, ConsumeOptions.autoAck(), d -> { });
            CompletableFuture<dev.warren.amqp.codec.method.QueueMethod.DeclareOk> declare =
                    channel.queueDeclarePassive(first);
            Consumer consumerA = Await.result(a);
            Consumer consumerB = Await.result(b);
            assertThat(consumerA.queue()).isEqualTo(first);
            assertThat(consumerB.queue()).isEqualTo(second);
            Await.result(qos);
            assertThat(Await.result(declare).queue()).isEqualTo(first);
            CompletableFuture<Void> cancelA = consumerA.cancel();
            CompletableFuture<?> declareAgain = channel.queueDeclarePassive(second);
            CompletableFuture<Void> cancelB = consumerB.cancel();
            Await.result(cancelA);
            Await.result(cancelB);
            Await.result(declareAgain);
        }
        assertThat(connection.isOpen()).isTrue();
        assertThat(channel.isOpen()).isTrue();
        assertThat(PubSub.brokerConsumers(first)).isEmpty();
        assertThat(PubSub.brokerConsumers(second)).isEmpty();
    }

    @Test
    void basicGetGivesAnEmptyOptionalOnAnEmptyQueueAndTheRemainingCountOtherwise() {
        Channel channel = channel();
        String queue = PubSub.privateQueue(channel);
        assertThat(Await.result(channel.basicGet(queue, true))).isEmpty();
        publish(channel, queue, "x", "y", "z");
        List<Long> remaining = new ArrayList<>();
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Delivery got = Await.result(channel.basicGet(queue, false)).orElseThrow();
            remaining.add(got.messageCount());
            bodies.add(text(got.body()));
            assertThat(got.envelope().routingKey()).isEqualTo(queue);
            assertThat(got.envelope().consumerTag()).isNull();
            Await.result(got.ack());
        }
        assertThat(remaining).containsExactly(2L, 1L, 0L);
        assertThat(bodies).containsExactly("x", "y", "z");
        assertThat(Await.result(channel.basicGet(queue, false))).isEmpty();
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void callbacksRunOffTheEventLoopOneAtATimeInTheChannelsDeliveryOrder() {
        Channel channel = channel();
        String first = PubSub.privateQueue(channel);
        String second = PubSub.privateQueue(channel);
        int perQueue = 500;
        List<Long> tags = new CopyOnWriteArrayList<>();
        List<Boolean> onLoop = new CopyOnWriteArrayList<>();
        AtomicInteger running = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        DeliveryHandler handler = delivery -> {
            if (running.incrementAndGet() > 1) {
                overlaps.incrementAndGet();
            }
            onLoop.add(PubSub.onEventLoop(connection));
            tags.add(delivery.deliveryTag());
            if (delivery.deliveryTag() % 50 == 0) {
                Thread.sleep(2);
            }
            running.decrementAndGet();
        };
        // Two consumers on one channel share its order: delivery tags count the channel's deliveries.
        Await.result(channel.consume(first, ConsumeOptions.autoAck(), handler));
        Await.result(channel.consume(second, ConsumeOptions.autoAck(), handler));
        Channel publisher = channel();
        List<CompletableFuture<Void>> futures = new ArrayList<>();
        for (int i = 0; i < perQueue; i++) {
            futures.add(publisher.publish("", first, BasicProperties.EMPTY, bytes("f" + i)));
            futures.add(publisher.publish("", second, BasicProperties.EMPTY, bytes("s" + i)));
        }
        PubSub.awaitAll(futures, Duration.ofSeconds(30));
        Await.until("every delivery handled", Duration.ofSeconds(30), () -> tags.size() == 2 * perQueue);
        List<Long> expected = new ArrayList<>();
        for (long tag = 1; tag <= 2 * perQueue; tag++) {
            expected.add(tag);
        }
        assertThat(tags).as("handled in delivery order").containsExactlyElementsOf(expected);
        assertThat(overlaps.get()).as("handlers of one channel never overlap").isZero();
        assertThat(onLoop).as("handlers run off the event loop").containsOnly(false);
    }

    @Test
    void withOnEventLoopTheHandlerAndTheStreamRunOnTheEventLoop() {
        Channel channel = channel();
        String queue = PubSub.privateQueue(channel);
        String streamQueue = PubSub.privateQueue(channel);
        List<Boolean> handlerOnLoop = new CopyOnWriteArrayList<>();
        Await.result(channel.consume(queue, ConsumeOptions.autoAck().withOnEventLoop(true),
                delivery -> handlerOnLoop.add(PubSub.onEventLoop(connection))));
        List<Boolean> streamOnLoop = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> streamDone = new CompletableFuture<>();
        channel.deliveries(streamQueue, ConsumeOptions.autoAck().withOnEventLoop(true).withMaxMessages(5))
                .subscribe(new Flow.Subscriber<>() {
                    @Override
                    public void onSubscribe(Flow.Subscription s) {
                        streamOnLoop.add(PubSub.onEventLoop(connection));
                        s.request(Long.MAX_VALUE);
                    }

                    @Override
                    public void onNext(Delivery item) {
                        streamOnLoop.add(PubSub.onEventLoop(connection));
                    }

                    @Override
                    public void onError(Throwable throwable) {
                        streamDone.completeExceptionally(throwable);
                    }

                    @Override
                    public void onComplete() {
                        streamOnLoop.add(PubSub.onEventLoop(connection));
                        streamDone.complete(null);
                    }
                });
        publish(channel, queue, "1", "2", "3", "4", "5");
        publish(channel, streamQueue, "1", "2", "3", "4", "5");
        Await.result(streamDone);
        Await.until("5 handled", Duration.ofSeconds(10), () -> handlerOnLoop.size() == 5);
        assertThat(handlerOnLoop).containsOnly(true);
        assertThat(streamOnLoop).hasSize(7).containsOnly(true);
    }

    @Test
    void aHandlerThatThrowsIsReportedAndNeitherTheConsumerNorTheConnectionDies() {
        List<Throwable> reported = new CopyOnWriteArrayList<>();
        List<String> reportedTags = new CopyOnWriteArrayList<>();
        try (Connection own = PubSub.connect(PubSub.options("ConsumeIT-throwing")
                .callbackExceptionHandler((channel, consumerTag, error) -> {
                    reportedTags.add(consumerTag);
                    reported.add(error);
                }))) {
            Channel channel = PubSub.channel(own);
            String queue = PubSub.privateQueue(channel);
            List<String> handled = new CopyOnWriteArrayList<>();
            Consumer consumer = Await.result(channel.consume(queue, ConsumeOptions.manualAck(), delivery -> {
                String body = text(delivery.body());
                handled.add(body);
                delivery.ack();
                if (Integer.parseInt(body) % 2 == 0) {
                    throw new IllegalStateException("handler failed on " + body);
                }
            }));
            publish(channel, queue, "0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
            Await.until("all 10 handled", Duration.ofSeconds(10), () -> handled.size() == 10);
            Await.until("5 reported", Duration.ofSeconds(10), () -> reported.size() == 5);
            assertThat(handled).containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
            assertThat(reported).extracting(Throwable::getMessage).containsExactly("handler failed on 0",
                    "handler failed on 2", "handler failed on 4", "handler failed on 6", "handler failed on 8");
            assertThat(reportedTags).containsOnly(consumer.tag());
            assertThat(own.isOpen()).isTrue();
            assertThat(channel.isOpen()).isTrue();
            assertThat(consumer.cancelled()).isNotDone();
            Await.until("all acked", Duration.ofSeconds(10),
                    () -> PubSub.brokerCounts(queue).equals(new PubSub.QueueCounts(0, 0)));
        }
    }

    @Test
    void nackAndRejectRequeueOrDeadLetterAsAsked() {
        Channel channel = channel();
        String dead = PubSub.privateQueue(channel);
        String queue = PubSub.unique("dead-lettering");
        Await.result(channel.queueDeclare(queue, QueueOptions.exclusive().withAutoDelete(false)
                .withArgument("x-dead-letter-exchange", "").withArgument("x-dead-letter-routing-key", dead)));
        publish(channel, queue, "m1", "m2", "m3", "m4", "m5", "m6");

        // reject with requeue: back, redelivered; without: dead-lettered.
        Delivery m1 = get(channel, queue);
        assertThat(text(m1.body())).isEqualTo("m1");
        assertThat(m1.envelope().redelivered()).isFalse();
        Await.result(m1.reject(true));
        Delivery again = get(channel, queue);
        assertThat(text(again.body())).isEqualTo("m1");
        assertThat(again.envelope().redelivered()).isTrue();
        Await.result(again.reject(false));

        // nack of one, with and without requeue.
        Delivery m2 = get(channel, queue);
        Await.result(m2.nack(false, true));
        Delivery m2again = get(channel, queue);
        assertThat(text(m2again.body())).isEqualTo("m2");
        assertThat(m2again.envelope().redelivered()).isTrue();
        Await.result(m2again.nack(false, false));

        // nack multiple: m3 and m4 together.
        Delivery m3 = get(channel, queue);
        Delivery m4 = get(channel, queue);
        assertThat(text(m3.body())).isEqualTo("m3");
        Await.result(m4.nack(true, false));

        // By tag on the channel: reject m5 without requeue, nack m6 with requeue.
        Delivery m5 = get(channel, queue);
        Await.result(channel.basicReject(m5.deliveryTag(), false));
        Delivery m6 = get(channel, queue);
        Await.result(channel.basicNack(m6.deliveryTag(), false, true));

        Await.until("5 dead-lettered", Duration.ofSeconds(10), () -> PubSub.ready(channel, dead) == 5);
        List<String> deadLettered = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            deadLettered.add(text(get(channel, dead).body()));
        }
        assertThat(deadLettered).containsExactly("m1", "m2", "m3", "m4", "m5");
        Delivery left = get(channel, queue);
        assertThat(text(left.body())).isEqualTo("m6");
        assertThat(left.envelope().redelivered()).isTrue();
        Await.result(left.ack());
        assertThat(Await.result(channel.basicGet(queue, false))).isEmpty();
        assertThat(channel.isOpen()).isTrue();
        Await.result(channel.queueDelete(queue, false, false));
    }

    private static Delivery get(Channel channel, String queue) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            Optional<Delivery> got = Await.result(channel.basicGet(queue, false));
            if (got.isPresent()) {
                return got.get();
            }
        }
        throw new AssertionError("no message in " + queue);
    }

    @Test
    void ackWithMultipleAcknowledgesEveryEarlierDelivery() {
        Channel channel = channel();
        String queue = PubSub.privateQueue(channel);
        publish(channel, queue, "0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
        LinkedBlockingQueue<Delivery> received = new LinkedBlockingQueue<>();
        Consumer consumer = Await.result(channel.consume(queue, ConsumeOptions.manualAck().withPrefetch(10),
                received::add));
        Await.until("10 delivered", Duration.ofSeconds(10), () -> received.size() == 10);
        assertThat(PubSub.brokerCounts(queue)).isEqualTo(new PubSub.QueueCounts(0, 10));
        List<Delivery> all = new ArrayList<>(received);
        Await.result(all.get(6).ack(true));
        Await.until("7 acknowledged at once", Duration.ofSeconds(10),
                () -> PubSub.brokerCounts(queue).unacknowledged() == 3);
        Await.result(all.get(9).ack(true));
        Await.until("all acknowledged", Duration.ofSeconds(10),
                () -> PubSub.brokerCounts(queue).unacknowledged() == 0);
        Await.result(consumer.cancel());
        // Closing the channel would requeue anything unacknowledged: nothing comes back.
        Await.result(channel.closeAsync());
        Channel check = channel();
        assertThat(PubSub.ready(check, queue)).isZero();
    }

    @Test
    void acksMadeOnceTheChannelIsClosingFailAndTheConnectionSurvives() {
        Channel setup = channel();
        String queue = PubSub.privateQueue(setup);
        publish(setup, queue, numbered(200));
        Channel channel = channel();
        LinkedBlockingQueue<Delivery> received = new LinkedBlockingQueue<>();
        Await.result(channel.consume(queue, ConsumeOptions.manualAck(), received::add));
        Await.until("200 delivered", Duration.ofSeconds(10), () -> received.size() == 200);
        // channel.close goes out first; acks after it would reach RabbitMQ after its close-ok, which it takes
        // as a connection error.
        CompletableFuture<CloseReason> closing = channel.closeAsync();
        List<CompletableFuture<Void>> acks = new ArrayList<>();
        for (Delivery delivery : received) {
            acks.add(delivery.ack());
        }
        Await.result(closing);
        for (CompletableFuture<Void> ack : acks) {
            assertThat(Await.failure(ack, ChannelClosedException.class).reason().isNormal()).isTrue();
        }
        assertThat(Await.result(setup.queueDeclarePassive(queue)).queue()).isEqualTo(queue);
        assertThat(connection.isOpen()).isTrue();
        Await.until("the unacknowledged ones are back", Duration.ofSeconds(10),
                () -> PubSub.ready(setup, queue) == 200);
    }

    @Test
    void theHigherPriorityConsumerGetsMessagesWhileItHasRoom() {
        Channel setup = channel();
        String queue = PubSub.privateQueue(setup);
        Channel lowChannel = channel();
        Channel highChannel = channel();
        List<Delivery> low = new CopyOnWriteArrayList<>();
        List<Delivery> high = new CopyOnWriteArrayList<>();
        Await.result(lowChannel.consume(queue, ConsumeOptions.manualAck().withPrefetch(100).withPriority(1),
                low::add));
        Await.result(highChannel.consume(queue, ConsumeOptions.manualAck().withPrefetch(20).withPriority(10),
                high::add));
        publish(setup, queue, numbered(10));
        Await.until("10 delivered", Duration.ofSeconds(10), () -> low.size() + high.size() == 10);
        assertThat(high).hasSize(10);
        assertThat(low).isEmpty();
        // The high-priority consumer is full at 20 unacknowledged; the rest go to the low one.
        publish(setup, queue, numbered(25));
        Await.until("35 delivered", Duration.ofSeconds(10), () -> low.size() + high.size() == 35);
        assertThat(high).hasSize(20);
        assertThat(low).hasSize(15);
    }

    private static String[] numbered(int n) {
        String[] bodies = new String[n];
        for (int i = 0; i < n; i++) {
            bodies[i] = Integer.toString(i);
        }
        return bodies;
    }

    @Test
    void anExclusiveConsumerKeepsOthersOut() {
        Channel owner = channel();
        String queue = PubSub.privateQueue(owner);
        Consumer exclusive = Await.result(owner.consume(queue, ConsumeOptions.autoAck().withExclusive(true),
                d -> { }));
        Channel other = channel();
        ChannelClosedException refused = Await.failure(other.consume(queue, ConsumeOptions.autoAck(), d -> { }),
                ChannelClosedException.class);
        assertThat(refused.replyCode()).isEqualTo(403);
        assertThat(refused.replyText()).contains("exclusive");
        assertThat(other.isOpen()).isFalse();

        // And an exclusive consume is refused while another consumer is there.
        Await.result(exclusive.cancel());
        Channel third = channel();
        Await.result(third.consume(queue, ConsumeOptions.autoAck(), d -> { }));
        Channel fourth = channel();
        assertThat(Await.failure(fourth.consume(queue, ConsumeOptions.autoAck().withExclusive(true), d -> { }),
                ChannelClosedException.class).replyCode()).isEqualTo(403);
        assertThat(owner.isOpen()).isTrue();
        assertThat(connection.isOpen()).isTrue();
    }

    @Test
    void consumeArgumentsReachTheBroker() {
        // x-priority was checked by its effect; here the broker lists the consumer with its arguments.
        Channel channel = channel();
        String queue = PubSub.privateQueue(channel);
        String tag = PubSub.unique("with-args");
        Await.result(channel.consume(queue, ConsumeOptions.manualAck().withConsumerTag(tag).withPrefetch(7)
                .withArguments(Map.of("x-priority", 5)), d -> { }));
        String line = Rabbitmqctl.run("list_consumers", "--no-table-headers", "queue_name", "consumer_tag",
                        "ack_required", "prefetch_count", "arguments").lines()
                .filter(l -> l.contains(tag)).findFirst().orElseThrow();
        assertThat(line).contains("true").contains("7").contains("x-priority").contains("5");
    }
}

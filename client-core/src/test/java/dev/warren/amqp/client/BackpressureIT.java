package dev.warren.amqp.client;

import com.rabbitmq.client.ConnectionFactory;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static dev.warren.amqp.client.PubSub.bytes;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Backpressure both ways: a slow Flow subscriber bounds what the broker sends (checked on the broker and through
 * what the subscription hands over), and a fast publisher never has more than the unconfirmed bound in flight nor
 * more than the queue capacity waiting.
 */
@RequiresBroker
class BackpressureIT {

    private static final int WAITING = 100_000;
    private static final int PREFETCH = 50;

    private static Connection connection;
    private static String fullQueue;

    @BeforeAll
    static void fillAQueue() throws Exception {
        connection = PubSub.connect("BackpressureIT");
        // 100,000 messages wait in a queue; the official client fills it quickly (it has no leak detector).
        fullQueue = PubSub.unique("backpressure-full");
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(TestBroker.get().uri());
        try (com.rabbitmq.client.Connection official = factory.newConnection("BackpressureIT-filler");
             com.rabbitmq.client.Channel channel = official.createChannel()) {
            channel.queueDeclare(fullQueue, false, false, false, null);
            channel.confirmSelect();
            byte[] body = new byte[16];
            for (int i = 0; i < WAITING; i++) {
                channel.basicPublish("", fullQueue, null, body);
            }
            channel.waitForConfirmsOrDie(60_000);
        }
    }

    @AfterAll
    static void cleanUp() {
        if (connection != null) {
            Await.result(PubSub.channel(connection).queueDelete(fullQueue, false, false));
            connection.close();
        }
    }

    /** A subscriber driven by the test: it records what arrives and never requests by itself. */
    private static final class SlowSubscriber implements Flow.Subscriber<Delivery> {
        final AtomicReference<Flow.Subscription> subscription = new AtomicReference<>();
        final List<Delivery> received = new CopyOnWriteArrayList<>();
        final AtomicLong requested = new AtomicLong();
        final AtomicBoolean acking = new AtomicBoolean(true);
        final AtomicReference<Throwable> violation = new AtomicReference<>();
        final AtomicReference<Throwable> error = new AtomicReference<>();

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription.set(s);
        }

        @Override
        public void onNext(Delivery delivery) {
            received.add(delivery);
            if (received.size() > requested.get()) {
                violation.compareAndSet(null, new AssertionError("delivery " + received.size() + " arrived with only "
                        + requested.get() + " requested"));
            }
            if (acking.get()) {
                delivery.ack();
            }
        }

        @Override
        public void onError(Throwable throwable) {
            error.set(throwable);
        }

        @Override
        public void onComplete() {
        }

        void request(long n) {
            requested.addAndGet(n);
            subscription.get().request(n);
        }
    }

    /** Requests one delivery every 10 ms for {@code duration}, sampling the broker's counts meanwhile. */
    private static List<PubSub.QueueCounts> requestOneEvery10Ms(SlowSubscriber subscriber, Duration duration)
            throws InterruptedException {
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        List<PubSub.QueueCounts> samples = new ArrayList<>();
        try {
            ticker.scheduleAtFixedRate(() -> subscriber.request(1), 0, 10, TimeUnit.MILLISECONDS);
            long end = System.nanoTime() + duration.toNanos();
            while (System.nanoTime() < end) {
                samples.add(PubSub.brokerCounts(fullQueue));
            }
        } finally {
            ticker.shutdownNow();
            ticker.awaitTermination(5, TimeUnit.SECONDS);
        }
        return samples;
    }

    @Test
    void aSlowSubscriberHoldsAtMostItsPrefetchUnacknowledgedAndInMemory() throws Exception {
        Channel channel = PubSub.channel(connection);
        SlowSubscriber subscriber = new SlowSubscriber();
        channel.deliveries(fullQueue, ConsumeOptions.manualAck().withPrefetch(PREFETCH)).subscribe(subscriber);
        Await.until("onSubscribe", Duration.ofSeconds(10), () -> subscriber.subscription.get() != null);

        List<PubSub.QueueCounts> samples = requestOneEvery10Ms(subscriber, Duration.ofSeconds(3));
        assertThat(subscriber.violation.get()).isNull();
        assertThat(subscriber.received.size()).as("the subscriber got what it asked for")
                .isGreaterThan(100).isLessThanOrEqualTo((int) subscriber.requested.get());
        assertThat(samples).isNotEmpty().allSatisfy(counts -> {
            assertThat(counts.unacknowledged()).as("unacknowledged on the broker").isLessThanOrEqualTo(PREFETCH);
            assertThat(counts.ready()).as("still waiting").isGreaterThan(WAITING - 1000);
        });

        // It stops acknowledging and asks for far more than the prefetch at once: it gets exactly the prefetch
        // (what was held in memory plus what the broker could still send), and then nothing while it acks nothing.
        Await.until("every request answered", Duration.ofSeconds(10),
                () -> subscriber.received.size() == subscriber.requested.get());
        subscriber.acking.set(false);
        int before = subscriber.received.size();
        subscriber.request(10_000);
        Await.until("the prefetch arrives", Duration.ofSeconds(10),
                () -> subscriber.received.size() - before >= PREFETCH);
        Thread.sleep(500);
        assertThat(subscriber.received.size() - before).as("held for the subscriber").isEqualTo(PREFETCH);
        assertThat(PubSub.brokerCounts(fullQueue).unacknowledged()).isEqualTo(PREFETCH);

        // Acking them all (one multiple ack) lets the next prefetch's worth in.
        Await.result(subscriber.received.get(subscriber.received.size() - 1).ack(true));
        Await.until("more arrive after the ack", Duration.ofSeconds(10),
                () -> subscriber.received.size() - before >= 2 * PREFETCH);
        Thread.sleep(300);
        assertThat(subscriber.received.size() - before).isEqualTo(2 * PREFETCH);

        // Cancelling puts back what was buffered; the subscriber acks what it got.
        subscriber.subscription.get().cancel();
        Thread.sleep(200);
        Await.result(subscriber.received.get(subscriber.received.size() - 1).ack(true));
        Await.until("nothing left unacknowledged", Duration.ofSeconds(15),
                () -> PubSub.brokerCounts(fullQueue).unacknowledged() == 0);
        assertThat(subscriber.error.get()).isNull();
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void aSlowAutoAckSubscriberStillBoundsWhatTheBrokerSends() throws Exception {
        // With autoAck Warren acks each message as it hands it over, so what the broker counts as unacknowledged
        // is what waits in memory for the subscriber.
        Channel channel = PubSub.channel(connection);
        SlowSubscriber subscriber = new SlowSubscriber();
        channel.deliveries(fullQueue, ConsumeOptions.autoAck().withPrefetch(PREFETCH)).subscribe(subscriber);
        Await.until("onSubscribe", Duration.ofSeconds(10), () -> subscriber.subscription.get() != null);
        subscriber.acking.set(false);

        List<PubSub.QueueCounts> samples = requestOneEvery10Ms(subscriber, Duration.ofSeconds(2));
        assertThat(subscriber.violation.get()).isNull();
        assertThat(subscriber.received.size()).isGreaterThan(50);
        Await.until("every request answered", Duration.ofSeconds(10),
                () -> subscriber.received.size() == subscriber.requested.get());
        assertThat(samples).isNotEmpty().allSatisfy(counts ->
                assertThat(counts.unacknowledged()).as("held in memory").isLessThanOrEqualTo(PREFETCH));

        // While it requests nothing, the broker sends no more than fills the buffer.
        Thread.sleep(500);
        int received = subscriber.received.size();
        assertThat(PubSub.brokerCounts(fullQueue).unacknowledged()).isEqualTo(PREFETCH);
        assertThat(subscriber.received).hasSize(received);

        subscriber.subscription.get().cancel();
        Await.until("the buffered ones go back", Duration.ofSeconds(15),
                () -> PubSub.brokerCounts(fullQueue).unacknowledged() == 0);
        assertThat(subscriber.received).hasSize(received);
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void aPublisherFarFasterThanTheBrokerKeepsAtMostMaxUnconfirmedInFlight() {
        int maxUnconfirmed = 64;
        int count = 20_000;
        try (Connection own = PubSub.connect(PubSub.options("BackpressureIT-inflight")
                .publishOptions(new PublishOptions(maxUnconfirmed, count)))) {
            Channel channel = PubSub.channel(own);
            Await.result(channel.confirmSelect());
            String queue = PubSub.privateQueue(channel);
            // Everything is issued in one go on the connection's own event loop, so nothing is acked meanwhile and
            // in every completion callback (also on the loop) the counts are exact: in flight = issued - completed
            // - still queued.
            AtomicInteger completed = new AtomicInteger();
            AtomicInteger maxInFlight = new AtomicInteger();
            AtomicInteger inFlightAfterIssuing = new AtomicInteger();
            AtomicInteger failed = new AtomicInteger();
            CompletableFuture<Void> issued = new CompletableFuture<>();
            List<CompletableFuture<Void>> futures = new ArrayList<>(count);
            own.resources().eventLoopGroup().next().execute(() -> {
                for (int i = 0; i < count; i++) {
                    CompletableFuture<Void> future = channel.publish("", queue, BasicProperties.EMPTY,
                            bytes("m" + i));
                    future.whenComplete((ok, error) -> {
                        if (error != null) {
                            failed.incrementAndGet();
                        }
                        int inFlight = count - completed.incrementAndGet() - channel.queuedPublishes();
                        maxInFlight.accumulateAndGet(inFlight, Math::max);
                    });
                    futures.add(future);
                }
                inFlightAfterIssuing.set(count - completed.get() - channel.queuedPublishes());
                issued.complete(null);
            });
            Await.result(issued);
            assertThat(inFlightAfterIssuing.get()).as("written at once").isEqualTo(maxUnconfirmed);
            PubSub.awaitAll(futures, Duration.ofSeconds(60));
            assertThat(failed.get()).isZero();
            assertThat(maxInFlight.get()).as("most in flight at once").isLessThanOrEqualTo(maxUnconfirmed);
            assertThat(PubSub.ready(channel, queue)).isEqualTo(count);
        }
    }

    @Test
    void publishAllRequestsUpstreamOnlyAsFastAsTheInFlightBoundAllows() {
        int maxUnconfirmed = 32;
        int count = 3000;
        try (Connection own = PubSub.connect(PubSub.options("BackpressureIT-bulk")
                .publishOptions(new PublishOptions(maxUnconfirmed, 8192)))) {
            Channel channel = PubSub.channel(own);
            Await.result(channel.confirmSelect());
            String queue = PubSub.privateQueue(channel);
            // An upstream that emits whatever is requested at once, on the requesting thread, as fast as can be.
            AtomicLong requestedFromUpstream = new AtomicLong();
            AtomicLong outcomes = new AtomicLong();
            AtomicLong maxAhead = new AtomicLong();
            Flow.Publisher<OutboundMessage> upstream = subscriber -> subscriber.onSubscribe(new Flow.Subscription() {
                long next;
                boolean done;
                long demand;
                boolean emitting;

                @Override
                public synchronized void request(long n) {
                    requestedFromUpstream.addAndGet(n);
                    maxAhead.accumulateAndGet(requestedFromUpstream.get() - outcomes.get(), Math::max);
                    demand += n;
                    if (emitting) {
                        return;
                    }
                    emitting = true;
                    while (demand > 0 && next < count) {
                        demand--;
                        subscriber.onNext(OutboundMessage.of("", queue, bytes("bulk-" + next++)));
                    }
                    if (next == count && !done) {
                        done = true;
                        subscriber.onComplete();
                    }
                    emitting = false;
                }

                @Override
                public void cancel() {
                }
            });
            // A downstream that takes outcomes in small, slow bites.
            List<PublishOutcome> received = new CopyOnWriteArrayList<>();
            CompletableFuture<Void> done = new CompletableFuture<>();
            channel.publishAll(upstream).subscribe(new Flow.Subscriber<>() {
                Flow.Subscription subscription;
                int sinceRequest;

                @Override
                public void onSubscribe(Flow.Subscription s) {
                    subscription = s;
                    s.request(10);
                }

                @Override
                public void onNext(PublishOutcome outcome) {
                    outcomes.incrementAndGet();
                    received.add(outcome);
                    if (++sinceRequest == 10) {
                        sinceRequest = 0;
                        if (received.size() % 500 == 0) {
                            try {
                                Thread.sleep(50);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        }
                        subscription.request(10);
                    }
                }

                @Override
                public void onError(Throwable throwable) {
                    done.completeExceptionally(throwable);
                }

                @Override
                public void onComplete() {
                    done.complete(null);
                }
            });
            Await.result(done, Duration.ofSeconds(60));
            assertThat(received).hasSize(count).allMatch(PublishOutcome::isSuccess);
            for (int i = 0; i < count; i++) {
                assertThat(PubSub.text(received.get(i).message().body())).isEqualTo("bulk-" + i);
            }
            assertThat(maxAhead.get()).as("requested from upstream and not yet handed on as outcomes")
                    .isEqualTo(maxUnconfirmed);
            assertThat(PubSub.ready(channel, queue)).isEqualTo(count);
        }
    }

    @Test
    void aFullPublishQueueFailsFastAndPublishCapacityCompletesWhenRoomReturns() throws Exception {
        TestBroker broker = TestBroker.get();
        try (FaultProxy proxy = FaultProxy.start(broker.host(), broker.port())) {
            // One unconfirmed publish at a time, five waiting; acks take about 600 ms to come back.
            Connection slow = PubSub.connect(ConnectionOptions.fromUri(proxy.uri(broker.username(),
                            broker.password())).toBuilder().connectionName("BackpressureIT-full")
                    .publishOptions(new PublishOptions(1, 5)));
            try {
                Channel channel = PubSub.channel(slow);
                Await.result(channel.confirmSelect());
                String queue = PubSub.privateQueue(channel);
                PublishTarget target = PublishTarget.of("", queue);
                proxy.latency(Duration.ofMillis(300));

                List<CompletableFuture<Void>> accepted = new ArrayList<>();
                accepted.add(channel.publish("", queue, BasicProperties.EMPTY, bytes("0")));
                Await.until("the first publish is written", Duration.ofSeconds(5),
                        () -> channel.queuedPublishes() == 0);
                for (int i = 1; i <= 5; i++) {
                    accepted.add(channel.publish(target, BasicProperties.EMPTY, bytes(Integer.toString(i))));
                }
                assertThat(channel.queuedPublishes()).isEqualTo(5);
                CompletableFuture<Void> room = channel.publishCapacity();
                assertThat(room).isNotDone();

                long start = System.nanoTime();
                CompletableFuture<Void> refused = channel.publish("", queue, BasicProperties.EMPTY, bytes("6"));
                assertThat(refused).as("fails at once").isCompletedExceptionally();
                assertThat(PubSub.causeOf(refused)).isInstanceOf(LimitExceededException.class)
                        .hasMessageContaining("queueCapacity").hasMessageContaining("publishCapacity()");
                assertThat(channel.offer(target, BasicProperties.EMPTY, bytes("7"))).isFalse();
                assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).as("never waited")
                        .isLessThan(300);
                assertThat(channel.queuedPublishes()).isEqualTo(5);
                assertThat(accepted).noneMatch(CompletableFuture::isDone);

                Await.result(room, Duration.ofSeconds(10));
                assertThat(accepted.get(0)).as("room came with the first ack").isDone();
                assertThat(channel.queuedPublishes()).isLessThan(5);
                assertThat(channel.offer(target, BasicProperties.EMPTY, bytes("8"))).isTrue();
                proxy.latency(Duration.ZERO);
                PubSub.awaitAll(accepted, Duration.ofSeconds(30));
                Await.until("7 messages in the queue", Duration.ofSeconds(10),
                        () -> PubSub.ready(channel, queue) == 7);
                List<String> bodies = new ArrayList<>();
                for (int i = 0; i < 7; i++) {
                    bodies.add(PubSub.text(Await.result(channel.basicGet(queue, true)).orElseThrow().body()));
                }
                assertThat(bodies).containsExactly("0", "1", "2", "3", "4", "5", "8");
            } finally {
                slow.close();
            }
        }
    }
}

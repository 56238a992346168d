package dev.warren.amqp.client;

import dev.warren.amqp.codec.content.BasicProperties;
import dev.warren.amqp.testing.RequiresBroker;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Many threads publishing on one channel, many threads acknowledging deliveries of one channel. */
@RequiresBroker
class PubSubConcurrencyIT {

    private static final int THREADS = 8;

    @Test
    void eightThreadsPublishingTenThousandEachOnOneChannelAllArriveInPerThreadOrder() throws Exception {
        int perThread = 10_000;
        try (Connection connection = PubSub.connect("PubSubConcurrencyIT-publish")) {
            Channel channel = PubSub.channel(connection);
            String queue = PubSub.privateQueue(channel);
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            try {
                List<Future<List<CompletableFuture<Void>>>> results = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    int thread = t;
                    results.add(pool.submit(() -> {
                        List<CompletableFuture<Void>> mine = new ArrayList<>(perThread);
                        for (int i = 0; i < perThread; i++) {
                            // Bodies of different sizes, so that interleaved frames would show.
                            byte[] body = PubSub.bytes(thread + ":" + i + ":" + "x".repeat(i % 300));
                            mine.add(PubSub.publishWaitingForRoom(channel, "", queue, false,
                                    BasicProperties.EMPTY, body));
                        }
                        return mine;
                    }));
                }
                List<CompletableFuture<Void>> all = new ArrayList<>();
                for (Future<List<CompletableFuture<Void>>> result : results) {
                    all.addAll(result.get(120, TimeUnit.SECONDS));
                }
                PubSub.awaitAll(all, Duration.ofSeconds(60));
            } finally {
                pool.shutdownNow();
            }
            Await.until("all " + THREADS * perThread + " in the queue", Duration.ofSeconds(30),
                    () -> PubSub.ready(channel, queue) == (long) THREADS * perThread);

            // Read them back: each thread's messages in its own order, none missing, none mangled.
            int[] next = new int[THREADS];
            AtomicInteger received = new AtomicInteger();
            List<String> problems = new ArrayList<>();
            Channel reader = PubSub.channel(connection);
            Await.result(reader.consume(queue, ConsumeOptions.autoAck().withPrefetch(1000), delivery -> {
                String[] parts = PubSub.text(delivery.body()).split(":", 3);
                int thread = Integer.parseInt(parts[0]);
                int index = Integer.parseInt(parts[1]);
                if (index != next[thread] || parts[2].length() != index % 300) {
                    synchronized (problems) {
                        problems.add("thread " + thread + " sent " + index + " where " + next[thread]
                                + " was due");
                    }
                }
                next[thread] = index + 1;
                received.incrementAndGet();
            }));
            Await.until("all read back", Duration.ofSeconds(120), () -> received.get() == THREADS * perThread);
            synchronized (problems) {
                assertThat(problems).isEmpty();
            }
            for (int t = 0; t < THREADS; t++) {
                assertThat(next[t]).isEqualTo(perThread);
            }
            assertThat(connection.isOpen()).isTrue();
            assertThat(channel.isOpen()).isTrue();
        }
    }

    @Test
    void eightThreadsAckingDeliveriesOfOneChannel() throws Exception {
        int count = 20_000;
        try (Connection connection = PubSub.connect("PubSubConcurrencyIT-ack")) {
            Channel publisher = PubSub.channel(connection);
            Await.result(publisher.confirmSelect());
            String queue = PubSub.privateQueue(publisher);
            PubSub.awaitAll(PubSub.publishMany(publisher, queue, count, i -> PubSub.bytes(Integer.toString(i))),
                    Duration.ofSeconds(60));

            Channel channel = PubSub.channel(connection);
            BlockingQueue<Delivery> toAck = new LinkedBlockingQueue<>();
            Await.result(channel.consume(queue, ConsumeOptions.manualAck().withPrefetch(500), toAck::add));
            Set<Long> acked = ConcurrentHashMap.newKeySet();
            AtomicInteger duplicates = new AtomicInteger();
            List<CompletableFuture<Void>> acks = new java.util.concurrent.CopyOnWriteArrayList<>();
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            try {
                for (int t = 0; t < THREADS; t++) {
                    pool.submit(() -> {
                        Delivery delivery;
                        while ((delivery = toAck.poll(5, TimeUnit.SECONDS)) != null) {
                            if (!acked.add(delivery.deliveryTag())) {
                                duplicates.incrementAndGet();
                            }
                            acks.add(delivery.ack());
                        }
                        return null;
                    });
                }
                Await.until("every delivery acked", Duration.ofSeconds(120), () -> acked.size() == count);
            } finally {
                pool.shutdownNow();
            }
            PubSub.awaitAll(acks, Duration.ofSeconds(30));
            assertThat(duplicates.get()).isZero();
            Await.until("the broker has nothing left", Duration.ofSeconds(30),
                    () -> PubSub.brokerCounts(queue).equals(new PubSub.QueueCounts(0, 0)));
            // An unknown or repeated tag would have closed the channel with 406.
            assertThat(channel.isOpen()).isTrue();
            assertThat(connection.isOpen()).isTrue();
        }
    }
}

package dev.warren.amqp.client;

import dev.warren.amqp.codec.method.QueueMethod;
import dev.warren.amqp.testing.RequiresBroker;
import dev.warren.amqp.testing.TestBroker;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Many channels, many threads, many RPCs in flight. */
@RequiresBroker
class ConcurrencyIT {

    private static Connection connect(ConnectionOptions.Builder builder) {
        return Await.result(AmqpClient.connect(builder.build()));
    }

    private static ConnectionOptions.Builder options() {
        return ConnectionOptions.fromUri(TestBroker.get().uri()).toBuilder().connectionName("ConcurrencyIT");
    }

    @Test
    void aThousandChannelsOnOneConnection() {
        try (Connection connection = connect(options())) {
            List<CompletableFuture<Channel>> opening = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                opening.add(connection.openChannel());
            }
            Set<Integer> numbers = new HashSet<>();
            List<Channel> channels = new ArrayList<>();
            for (CompletableFuture<Channel> future : opening) {
                Channel channel = Await.result(future);
                channels.add(channel);
                numbers.add(channel.number());
            }
            assertThat(numbers).hasSize(1000);
            assertThat(numbers).allMatch(n -> n >= 1 && n <= connection.channelMax());
            // Every one of them works.
            List<CompletableFuture<QueueMethod.DeclareOk>> declares = new ArrayList<>();
            for (Channel channel : channels) {
                declares.add(channel.queueDeclare());
            }
            for (CompletableFuture<QueueMethod.DeclareOk> declare : declares) {
                assertThat(Await.result(declare).queue()).startsWith("amq.gen-");
            }
        }
    }

    @Test
    void channelNumbersAreReusedAfterClose() {
        try (Connection connection = connect(options().channelMax(10))) {
            assertThat(connection.channelMax()).isEqualTo(10);
            // 50 rounds through a channel-max of 10 only work when closed numbers come back.
            for (int round = 0; round < 50; round++) {
                Channel channel = Await.result(connection.openChannel());
                assertThat(channel.number()).isBetween(1, 10);
                Await.result(channel.closeAsync());
            }
            List<Channel> all = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                all.add(Await.result(connection.openChannel()));
            }
            LimitExceededException full = Await.failure(connection.openChannel(), LimitExceededException.class);
            assertThat(full.getMessage()).contains("channel-max").contains("10");
            Await.result(all.get(3).closeAsync());
            assertThat(Await.result(connection.openChannel()).number()).isEqualTo(all.get(3).number());
        }
    }

    @Test
    void sixteenThreadsIssuingAThousandRpcsEachOnSharedChannelsGetTheirOwnReplies() throws Exception {
        try (Connection connection = connect(options())) {
            Channel setup = Await.result(connection.openChannel());
            int threads = 16;
            int perThread = 1000;
            List<String> queues = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                queues.add(Await.result(setup.queueDeclare()).queue());
            }
            List<Channel> shared = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                shared.add(Await.result(connection.openChannel()));
            }
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<Integer>> results = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    String myQueue = queues.get(t);
                    int index = t;
                    results.add(pool.submit(() -> {
                        List<CompletableFuture<QueueMethod.DeclareOk>> mine = new ArrayList<>();
                        for (int i = 0; i < perThread; i++) {
                            Channel channel = shared.get((index + i) % shared.size());
                            mine.add(channel.queueDeclarePassive(myQueue));
                        }
                        int matched = 0;
                        for (CompletableFuture<QueueMethod.DeclareOk> reply : mine) {
                            // Each passive declare names the thread's own queue: a reply matched to the wrong
                            // call would name another thread's queue.
                            if (reply.get(60, TimeUnit.SECONDS).queue().equals(myQueue)) {
                                matched++;
                            }
                        }
                        return matched;
                    }));
                }
                for (Future<Integer> result : results) {
                    assertThat(result.get(120, TimeUnit.SECONDS)).isEqualTo(perThread);
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(shared).allMatch(Channel::isOpen);
        }
    }

    @Test
    void theInFlightBoundFailsFastInsteadOfQueueingWithoutLimit() {
        try (Connection connection = connect(options().maxPendingRpcs(8))) {
            Channel channel = Await.result(connection.openChannel());
            List<CompletableFuture<QueueMethod.DeclareOk>> declares = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                declares.add(channel.queueDeclare());
            }
            long refused = declares.stream().filter(f -> {
                try {
                    f.get(30, TimeUnit.SECONDS);
                    return false;
                } catch (Exception e) {
                    assertThat(e.getCause()).isInstanceOf(LimitExceededException.class)
                            .hasMessageContaining("maxPendingRpcs");
                    return true;
                }
            }).count();
            assertThat(refused).isPositive();
            assertThat(channel.isOpen()).isTrue();
            assertThat(Await.result(channel.queueDeclare()).queue()).startsWith("amq.gen-");
        }
    }
}

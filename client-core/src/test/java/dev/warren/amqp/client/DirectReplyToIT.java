package dev.warren.amqp.client;

import dev.warren.amqp.codec.content.BasicProperties;
import dev.warren.amqp.testing.RequiresBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.warren.amqp.client.PubSub.bytes;
import static dev.warren.amqp.client.PubSub.text;
import static org.assertj.core.api.Assertions.assertThat;

/** Request/reply over amq.rabbitmq.reply-to with {@link DirectReplyToClient}. */
@RequiresBroker
class DirectReplyToIT {

    private static Connection responderConnection;
    private static Connection clientConnection;
    private static String requests;
    private static final Set<String> correlationIdsSeen = ConcurrentHashMap.newKeySet();

    @BeforeAll
    static void startResponder() {
        responderConnection = PubSub.connect("DirectReplyToIT-responder");
        clientConnection = PubSub.connect("DirectReplyToIT-client");
        Channel channel = PubSub.channel(responderConnection);
        requests = PubSub.privateQueue(channel);
        // The responder replies to reply_to with the request's correlation id and acks the request.
        Await.result(channel.consume(requests, ConsumeOptions.manualAck().withPrefetch(100), request -> {
            String correlationId = request.properties().correlationId();
            correlationIdsSeen.add(correlationId);
            BasicProperties reply = BasicProperties.builder().correlationId(correlationId)
                    .type("reply").build();
            channel.publish("", request.properties().replyTo(), reply,
                    bytes("reply to " + text(request.body())));
            request.ack();
        }));
    }

    @AfterAll
    static void close() {
        if (clientConnection != null) {
            clientConnection.close();
        }
        if (responderConnection != null) {
            responderConnection.close();
        }
    }

    @Test
    void manyConcurrentCallsEachGetTheirOwnReply() throws Exception {
        correlationIdsSeen.clear();
        try (DirectReplyToClient rpc = Await.result(DirectReplyToClient.create(clientConnection))) {
            int threads = 8;
            int perThread = 250;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<List<String>>> results = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int thread = t;
                    results.add(pool.submit(() -> {
                        List<CompletableFuture<Delivery>> calls = new ArrayList<>();
                        for (int i = 0; i < perThread; i++) {
                            calls.add(rpc.call("", requests, BasicProperties.builder().correlationId("ignored")
                                    .build(), bytes("request " + thread + "/" + i), Duration.ofSeconds(30)));
                        }
                        List<String> wrong = new ArrayList<>();
                        for (int i = 0; i < perThread; i++) {
                            Delivery reply = calls.get(i).get(60, TimeUnit.SECONDS);
                            String expected = "reply to request " + thread + "/" + i;
                            if (!text(reply.body()).equals(expected)
                                    || !"reply".equals(reply.properties().type())) {
                                wrong.add("call " + thread + "/" + i + " got '" + text(reply.body()) + "'");
                            }
                        }
                        return wrong;
                    }));
                }
                for (Future<List<String>> result : results) {
                    assertThat(result.get(120, TimeUnit.SECONDS)).isEmpty();
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(rpc.pendingCount()).isZero();
            // Warren set its own correlation ids, one per call, replacing the caller's.
            assertThat(correlationIdsSeen).hasSize(threads * perThread).noneMatch("ignored"::equals);
        }
    }

    @Test
    void aRequestNobodyAnswersFailsWithATimeout() {
        try (DirectReplyToClient rpc = Await.result(DirectReplyToClient.create(clientConnection))) {
            String nowhere = PubSub.unique("nobody-listens");
            long start = System.nanoTime();
            CompletableFuture<Delivery> call = rpc.call("", nowhere, BasicProperties.EMPTY, bytes("hello?"),
                    Duration.ofMillis(300));
            AmqpTimeoutException timeout = Await.failure(call, AmqpTimeoutException.class);
            long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertThat(elapsedMillis).isGreaterThanOrEqualTo(300).isLessThan(10_000);
            assertThat(timeout.getMessage()).contains(nowhere).contains("PT0.3S");
            assertThat(rpc.pendingCount()).isZero();

            // The client still works after a timeout.
            Delivery reply = Await.result(rpc.call("", requests, BasicProperties.EMPTY, bytes("again"),
                    Duration.ofSeconds(10)));
            assertThat(text(reply.body())).isEqualTo("reply to again");

            // Closing the client fails what still waits.
            CompletableFuture<Delivery> waiting = rpc.call("", nowhere, BasicProperties.EMPTY, bytes("late"),
                    Duration.ofSeconds(30));
            rpc.close();
            assertThat(Await.failure(waiting, AmqpException.class).getMessage()).contains("closed");
        }
    }
}

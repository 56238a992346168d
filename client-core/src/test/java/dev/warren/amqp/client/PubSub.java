package dev.warren.amqp.client;

import dev.warren.amqp.codec.content.BasicProperties;
import dev.warren.amqp.testing.TestBroker;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.EventExecutor;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;

/** Helpers shared by the publish and consume integration tests. */
final class PubSub {

    private PubSub() {
    }

    static ConnectionOptions.Builder options(String name) {
        return ConnectionOptions.fromUri(TestBroker.get().uri()).toBuilder().connectionName(name);
    }

    static Connection connect(String name) {
        return connect(options(name));
    }

    static Connection connect(ConnectionOptions.Builder builder) {
        return Await.result(AmqpClient.connect(builder.build()));
    }

    static Channel channel(Connection connection) {
        return Await.result(connection.openChannel());
    }

    static String unique(String prefix) {
        return prefix + "-" + System.nanoTime();
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    /**
     * A server-named queue private to the connection that is not deleted when its last consumer goes (so a
     * cancelled consumer does not make the broker close the channel with a 404 on the next consume).
     */
    static String privateQueue(Channel channel) {
        return Await.result(channel.queueDeclare("", QueueOptions.exclusive().withAutoDelete(false))).queue();
    }

    /** Ready messages as the broker counts them (queue.declare passive). */
    static long ready(Channel channel, String queue) {
        return Await.result(channel.queueDeclarePassive(queue)).messageCount();
    }

    /**
     * Publishes {@code count} messages to {@code queue} through the default exchange, waiting for room in the
     * publish queue whenever it is full (never failing with LimitExceededException), and returns their futures.
     */
    static List<CompletableFuture<Void>> publishMany(Channel channel, String queue, int count,
                                                     IntFunction<byte[]> body) {
        List<CompletableFuture<Void>> futures = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            futures.add(publishWaitingForRoom(channel, "", queue, false, BasicProperties.EMPTY, body.apply(i)));
        }
        return futures;
    }

    /** A publish that, when the channel's publish queue is full, waits for room and tries again. */
    static CompletableFuture<Void> publishWaitingForRoom(Channel channel, String exchange, String routingKey,
                                                         boolean mandatory, BasicProperties properties,
                                                         byte[] body) {
        for (;;) {
            CompletableFuture<Void> future = channel.publish(exchange, routingKey, mandatory, properties, body);
            if (future.isCompletedExceptionally() && causeOf(future) instanceof LimitExceededException) {
                Await.result(channel.publishCapacity(), Duration.ofSeconds(60));
                continue;
            }
            return future;
        }
    }

    static Throwable causeOf(CompletableFuture<?> failed) {
        try {
            failed.join();
            return null;
        } catch (java.util.concurrent.CompletionException e) {
            return e.getCause();
        } catch (java.util.concurrent.CancellationException e) {
            return e;
        }
    }

    /** Waits for every future; fails the test with the first failure. */
    static void awaitAll(List<CompletableFuture<Void>> futures, Duration timeout) {
        Await.result(CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)), timeout);
    }

    /** Whether the calling thread is one of the connection's event loops. */
    static boolean onEventLoop(Connection connection) {
        for (EventExecutor executor : connection.resources().eventLoopGroup()) {
            if (executor instanceof EventLoop loop && loop.inEventLoop()) {
                return true;
            }
        }
        return false;
    }

    // ---- the broker's view, through rabbitmqctl

    /** Ready and unacknowledged message counts of a queue, from {@code rabbitmqctl list_queues}. */
    record QueueCounts(long ready, long unacknowledged) {
    }

    static QueueCounts brokerCounts(String queue) {
        String output = Rabbitmqctl.run("list_queues", "--no-table-headers", "name", "messages_ready",
                "messages_unacknowledged");
        for (String line : output.split("\n")) {
            String[] columns = line.trim().split("\t");
            if (columns.length == 3 && columns[0].equals(queue)) {
                return new QueueCounts(Long.parseLong(columns[1].trim()), Long.parseLong(columns[2].trim()));
            }
        }
        throw new AssertionError("rabbitmqctl list_queues does not list queue " + queue + ":\n" + output);
    }

    /** Consumer tags of a queue's consumers, from {@code rabbitmqctl list_consumers}. */
    static List<String> brokerConsumers(String queue) {
        String output = Rabbitmqctl.run("list_consumers", "--no-table-headers", "queue_name", "consumer_tag");
        List<String> tags = new ArrayList<>();
        for (String line : output.split("\n")) {
            String[] columns = line.trim().split("\t");
            if (columns.length == 2 && columns[0].equals(queue)) {
                tags.add(columns[1].trim());
            }
        }
        return tags;
    }
}

package dev.warren.amqp.client;

import dev.warren.amqp.codec.content.BasicProperties;
import dev.warren.amqp.testing.RequiresBroker;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bodies of 0 bytes, 1 byte, frame-max − 8 (the most one body frame holds), frame-max + 1 (two frames) and
 * 16 MiB, published as byte[], ByteBuffer and ByteBuf, come back intact as byte[] and as zero-copy buffers.
 */
@RequiresBroker
class SizesIT {

    private static final int SIXTEEN_MIB = 16 * 1024 * 1024;

    private static int[] sizes(int frameMax) {
        return new int[] {0, 1, frameMax - 8, frameMax + 1, SIXTEEN_MIB};
    }

    private static byte[] body(int size, int seed) {
        byte[] body = new byte[size];
        new Random(31L * size + seed).nextBytes(body);
        return body;
    }

    private enum Kind { BYTE_ARRAY, BYTE_BUFFER, BYTE_BUF }

    /** Publishes every size as every kind, in confirm mode; returns the expected bodies by message id. */
    private static Map<String, byte[]> publishAll(Channel channel, String queue, int frameMax) {
        Map<String, byte[]> expected = new LinkedHashMap<>();
        List<CompletableFuture<Void>> confirms = new ArrayList<>();
        List<ByteBuf> handedOver = new ArrayList<>();
        for (int size : sizes(frameMax)) {
            for (Kind kind : Kind.values()) {
                byte[] body = body(size, kind.ordinal());
                String id = kind + "-" + size;
                expected.put(id, body);
                BasicProperties properties = BasicProperties.builder().messageId(id).build();
                switch (kind) {
                    case BYTE_ARRAY -> confirms.add(channel.publish("", queue, properties, body));
                    case BYTE_BUFFER -> {
                        // The body sits between position and limit of a larger buffer; its position must not move.
                        ByteBuffer buffer = ByteBuffer.allocate(size + 20);
                        buffer.position(7);
                        buffer.put(body);
                        buffer.flip();
                        buffer.position(7);
                        confirms.add(channel.publish("", queue, false, properties, buffer));
                        assertThat(buffer.position()).isEqualTo(7);
                        assertThat(buffer.remaining()).isEqualTo(size);
                    }
                    case BYTE_BUF -> {
                        ByteBuf buffer = PooledByteBufAllocator.DEFAULT.directBuffer(size);
                        buffer.writeBytes(body);
                        handedOver.add(buffer);
                        confirms.add(channel.publish("", queue, false, properties, buffer));
                    }
                    default -> throw new AssertionError(kind);
                }
            }
        }
        PubSub.awaitAll(confirms, Duration.ofSeconds(60));
        assertThat(handedOver).as("Warren released the ByteBuf bodies it was given")
                .allSatisfy(buffer -> assertThat(buffer.refCnt()).isZero());
        return expected;
    }

    private static void assertSameBytes(String id, byte[] actual, byte[] expected) {
        assertThat(actual.length).as(id + " length").isEqualTo(expected.length);
        int mismatch = Arrays.mismatch(actual, expected);
        assertThat(mismatch).as(id + ": first differing byte").isEqualTo(-1);
    }

    @Test
    void everySizeRoundTripsAsBytesWithTheNegotiatedFrameMax() {
        try (Connection connection = PubSub.connect("SizesIT-default")) {
            int frameMax = connection.frameMax();
            assertThat(frameMax).isGreaterThan(8192);
            Channel channel = PubSub.channel(connection);
            Await.result(channel.confirmSelect());
            String queue = PubSub.privateQueue(channel);
            Map<String, byte[]> expected = publishAll(channel, queue, frameMax);

            // byte[] bodies through a Flow subscription.
            List<Delivery> received = new CopyOnWriteArrayList<>();
            CompletableFuture<Void> done = new CompletableFuture<>();
            channel.deliveries(queue, ConsumeOptions.manualAck().withMaxMessages(expected.size()))
                    .subscribe(new Flow.Subscriber<>() {
                        @Override
                        public void onSubscribe(Flow.Subscription s) {
                            s.request(Long.MAX_VALUE);
                        }

                        @Override
                        public void onNext(Delivery delivery) {
                            received.add(delivery);
                            delivery.ack();
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
            assertThat(received).extracting(d -> d.properties().messageId())
                    .containsExactlyElementsOf(expected.keySet());
            for (Delivery delivery : received) {
                String id = delivery.properties().messageId();
                assertSameBytes(id, delivery.body(), expected.get(id));
            }

            // And basic.get, for the two that need more than one frame.
            Map<String, byte[]> large = new LinkedHashMap<>();
            large.put("get-" + (frameMax + 1), body(frameMax + 1, 9));
            large.put("get-" + SIXTEEN_MIB, body(SIXTEEN_MIB, 9));
            for (Map.Entry<String, byte[]> entry : large.entrySet()) {
                Await.result(channel.publish("", queue, BasicProperties.builder().messageId(entry.getKey()).build(),
                        entry.getValue()));
                Delivery got = Await.result(channel.basicGet(queue, true)).orElseThrow();
                assertThat(got.properties().messageId()).isEqualTo(entry.getKey());
                assertSameBytes(entry.getKey(), got.body(), entry.getValue());
            }
            assertThat(connection.isOpen()).isTrue();
        }
    }

    @Test
    void everySizeRoundTripsZeroCopyWithTheSmallestFrameMax() {
        try (Connection connection = PubSub.connect(PubSub.options("SizesIT-small-frames").frameMax(8192))) {
            int frameMax = connection.frameMax();
            assertThat(frameMax).isEqualTo(8192);
            Channel channel = PubSub.channel(connection);
            Await.result(channel.confirmSelect());
            String queue = PubSub.privateQueue(channel);
            Map<String, byte[]> expected = publishAll(channel, queue, frameMax);

            // Zero-copy bodies: retained buffers the handler compares and releases.
            List<String> ids = new CopyOnWriteArrayList<>();
            List<Throwable> problems = new CopyOnWriteArrayList<>();
            Consumer consumer = Await.result(channel.consume(queue, ConsumeOptions.autoAck().withZeroCopy(true),
                    delivery -> {
                        String id = delivery.properties().messageId();
                        try {
                            ByteBuf buffer = delivery.bodyBuffer();
                            byte[] actual = new byte[buffer.readableBytes()];
                            buffer.getBytes(buffer.readerIndex(), actual);
                            assertSameBytes(id, actual, expected.get(id));
                            // body() of a zero-copy delivery is a copy of the buffer.
                            assertSameBytes(id + " body()", delivery.body(), expected.get(id));
                            delivery.release();
                            delivery.release(); // idempotent
                        } catch (Throwable t) {
                            problems.add(t);
                            delivery.release();
                        }
                        ids.add(id);
                    }));
            Await.until("every message handled", Duration.ofSeconds(60), () -> ids.size() == expected.size());
            assertThat(problems).isEmpty();
            assertThat(ids).containsExactlyElementsOf(expected.keySet());
            // A buffer the handler failed to release would fail this class through the leak detector.
            Await.result(consumer.cancel());
            assertThat(connection.isOpen()).isTrue();
        }
    }
}

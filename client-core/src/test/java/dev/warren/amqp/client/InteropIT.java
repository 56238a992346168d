package dev.warren.amqp.client;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.impl.LongStringHelper;
import dev.warren.amqp.codec.content.BasicProperties;
import dev.warren.amqp.codec.table.LongString;
import dev.warren.amqp.codec.table.UnsignedByte;
import dev.warren.amqp.codec.table.UnsignedInt;
import dev.warren.amqp.codec.table.UnsignedShort;
import dev.warren.amqp.testing.RequiresBroker;
import dev.warren.amqp.testing.TestBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What Warren publishes, the official RabbitMQ Java client (5.38.0) reads identically, and back: all 14 basic
 * properties, a header table holding every field type, and the body.
 *
 * <p>Type mappings compared: both clients read {@code B} and {@code u} as Integer and {@code i} as Long; Warren
 * reads {@code S} as its own {@link LongString} and {@code T} as an {@link Instant}, where the official client gives
 * its {@code LongString} and a {@link Date}. Values are normalised (long strings and byte arrays to their bytes,
 * dates to instants) and then compared with their exact boxed types.
 */
@RequiresBroker
class InteropIT {

    private static Connection warren;
    private static com.rabbitmq.client.Connection official;

    @BeforeAll
    static void connect() throws Exception {
        warren = PubSub.connect("InteropIT");
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(TestBroker.get().uri());
        official = factory.newConnection("InteropIT-official");
    }

    @AfterAll
    static void close() throws Exception {
        if (warren != null) {
            warren.close();
        }
        if (official != null) {
            official.close();
        }
    }

    private static final Instant TIMESTAMP = Instant.ofEpochSecond(1_700_000_123L);
    private static final Instant HEADER_INSTANT = Instant.ofEpochSecond(1_234_567_890L);
    private static final byte[] RAW_LONG_STRING = {0, 1, (byte) 0xFF, 'a', (byte) 0x80};

    /** A header table with a value of every field type Warren writes and the official client reads. */
    private static Map<String, Object> warrenHeaders() {
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put("t-boolean", true);
        headers.put("b-byte", (byte) -7);
        headers.put("B-unsigned-byte", new UnsignedByte(200));
        headers.put("s-short", (short) -12345);
        headers.put("u-unsigned-short", new UnsignedShort(54321));
        headers.put("I-int", -123_456_789);
        headers.put("i-unsigned-int", new UnsignedInt(4_000_000_000L));
        headers.put("l-long", -1_234_567_890_123_456_789L);
        headers.put("f-float", 3.25f);
        headers.put("d-double", -2.718281828459045);
        headers.put("D-decimal", new BigDecimal("-1234.567"));
        headers.put("S-string", "grüße ✓");
        headers.put("S-raw-bytes", LongString.of(RAW_LONG_STRING));
        headers.put("x-byte-array", new byte[] {1, 2, 3, (byte) 0xFE});
        Map<String, Object> element = new LinkedHashMap<>();
        element.put("k", "v");
        headers.put("A-array", List.of(1, "two", List.of(true, 3.5d), element, new byte[] {9}));
        headers.put("T-timestamp", HEADER_INSTANT);
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("inner-int", 42);
        inner.put("inner-table", Map.of("deep", "yes"));
        inner.put("inner-void", null);
        headers.put("F-table", inner);
        headers.put("V-void", null);
        return headers;
    }

    /** What the official client must read for {@link #warrenHeaders()}, normalised. */
    private static Map<String, Object> warrenHeadersAsOfficialReadsThem() {
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("t-boolean", true);
        expected.put("b-byte", (byte) -7);
        expected.put("B-unsigned-byte", 200);
        expected.put("s-short", (short) -12345);
        expected.put("u-unsigned-short", 54321);
        expected.put("I-int", -123_456_789);
        expected.put("i-unsigned-int", 4_000_000_000L);
        expected.put("l-long", -1_234_567_890_123_456_789L);
        expected.put("f-float", 3.25f);
        expected.put("d-double", -2.718281828459045);
        expected.put("D-decimal", new BigDecimal("-1234.567"));
        expected.put("S-string", str("grüße ✓"));
        expected.put("S-raw-bytes", new Str(ByteBuffer.wrap(RAW_LONG_STRING)));
        expected.put("x-byte-array", new Bin(ByteBuffer.wrap(new byte[] {1, 2, 3, (byte) 0xFE})));
        Map<String, Object> element = new LinkedHashMap<>();
        element.put("k", str("v"));
        expected.put("A-array", List.of(1, str("two"), List.of(true, 3.5d), element,
                new Bin(ByteBuffer.wrap(new byte[] {9}))));
        expected.put("T-timestamp", HEADER_INSTANT);
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("inner-int", 42);
        inner.put("inner-table", Map.of("deep", str("yes")));
        inner.put("inner-void", null);
        expected.put("F-table", inner);
        expected.put("V-void", null);
        return expected;
    }

    /** A long string's bytes, compared by content. */
    private record Str(ByteBuffer bytes) {
    }

    /** A byte array ({@code x}), compared by content. */
    private record Bin(ByteBuffer bytes) {
    }

    private static Str str(String s) {
        return new Str(ByteBuffer.wrap(PubSub.bytes(s)));
    }

    /** Long strings and byte arrays to comparable records, dates to instants; everything else keeps its type. */
    private static Object normalise(Object value) {
        if (value instanceof com.rabbitmq.client.LongString s) {
            return new Str(ByteBuffer.wrap(s.getBytes()));
        }
        if (value instanceof LongString s) {
            return new Str(ByteBuffer.wrap(s.bytes()));
        }
        if (value instanceof byte[] b) {
            return new Bin(ByteBuffer.wrap(b));
        }
        if (value instanceof Date d) {
            return d.toInstant();
        }
        if (value instanceof Map<?, ?> m) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            m.forEach((k, v) -> copy.put(k, normalise(v)));
            return copy;
        }
        if (value instanceof List<?> l) {
            List<Object> copy = new ArrayList<>();
            l.forEach(v -> copy.add(normalise(v)));
            return copy;
        }
        return value;
    }

    private static byte[] randomBody(int size) {
        byte[] body = new byte[size];
        new Random(size).nextBytes(body);
        return body;
    }

    @Test
    void everythingWarrenPublishesTheOfficialClientReadsIdentically() throws Exception {
        Channel channel = PubSub.channel(warren);
        String queue = PubSub.unique("interop-w2o");
        Await.result(channel.queueDeclare(queue, QueueOptions.defaults()));
        try {
            Await.result(channel.confirmSelect());
            BasicProperties properties = BasicProperties.builder()
                    .contentType("application/json")
                    .contentEncoding("gzip")
                    .headers(warrenHeaders())
                    .deliveryMode(BasicProperties.PERSISTENT)
                    .priority(7)
                    .correlationId("correlation-1")
                    .replyTo("reply-queue")
                    .expiration("600000")
                    .messageId("message-1")
                    .timestamp(TIMESTAMP)
                    .type("order.created")
                    .userId(TestBroker.get().username())
                    .appId("warren-tests")
                    .clusterId("cluster-a")
                    .build();
            byte[] body = randomBody(5000);
            Await.result(channel.publish("", queue, properties, body));

            com.rabbitmq.client.Channel reader = official.createChannel();
            try {
                GetResponse got = reader.basicGet(queue, true);
                assertThat(got).as("the official client gets the message").isNotNull();
                assertThat(got.getBody()).isEqualTo(body);
                assertThat(got.getEnvelope().getExchange()).isEmpty();
                assertThat(got.getEnvelope().getRoutingKey()).isEqualTo(queue);
                AMQP.BasicProperties read = got.getProps();
                assertThat(read.getContentType()).isEqualTo("application/json");
                assertThat(read.getContentEncoding()).isEqualTo("gzip");
                assertThat(read.getDeliveryMode()).isEqualTo(2);
                assertThat(read.getPriority()).isEqualTo(7);
                assertThat(read.getCorrelationId()).isEqualTo("correlation-1");
                assertThat(read.getReplyTo()).isEqualTo("reply-queue");
                assertThat(read.getExpiration()).isEqualTo("600000");
                assertThat(read.getMessageId()).isEqualTo("message-1");
                assertThat(read.getTimestamp()).isEqualTo(Date.from(TIMESTAMP));
                assertThat(read.getType()).isEqualTo("order.created");
                assertThat(read.getUserId()).isEqualTo(TestBroker.get().username());
                assertThat(read.getAppId()).isEqualTo("warren-tests");
                assertThat(read.getClusterId()).isEqualTo("cluster-a");
                Map<String, Object> headers = read.getHeaders();
                assertThat(headers).as("header names").containsOnlyKeys(warrenHeaders().keySet());
                Map<String, Object> expected = warrenHeadersAsOfficialReadsThem();
                for (Map.Entry<String, Object> entry : expected.entrySet()) {
                    assertThat(normalise(headers.get(entry.getKey()))).as("header " + entry.getKey())
                            .isEqualTo(entry.getValue());
                }
                assertThat(normalise(headers)).isEqualTo(expected);
            } finally {
                reader.close();
            }
        } finally {
            Await.result(PubSub.channel(warren).queueDelete(queue, false, false));
        }
    }

    @Test
    void everythingTheOfficialClientPublishesWarrenReadsIdentically() throws Exception {
        Channel channel = PubSub.channel(warren);
        String queue = PubSub.unique("interop-o2w");
        Await.result(channel.queueDeclare(queue, QueueOptions.defaults()));
        try {
            // Every type the official client writes: S (String and LongString), I, D, T, F, b, d, f, l, s, t, x,
            // A, V.
            Map<String, Object> headers = new LinkedHashMap<>();
            headers.put("t-boolean", false);
            headers.put("b-byte", (byte) 100);
            headers.put("s-short", (short) 31000);
            headers.put("I-int", Integer.MIN_VALUE);
            headers.put("l-long", Long.MAX_VALUE);
            headers.put("f-float", -0.125f);
            headers.put("d-double", 1.0e300);
            headers.put("D-decimal", new BigDecimal("98765.4321"));
            headers.put("S-string", "ünïcode ✓");
            headers.put("S-long-string", LongStringHelper.asLongString(RAW_LONG_STRING));
            headers.put("x-byte-array", new byte[] {(byte) 0xCA, (byte) 0xFE});
            headers.put("A-array", List.of("a", 2, List.of(false), Map.of("n", 1L)));
            headers.put("T-timestamp", Date.from(HEADER_INSTANT));
            Map<String, Object> inner = new LinkedHashMap<>();
            inner.put("inner-short", (short) 7);
            inner.put("inner-table", Map.of("deep", "yes"));
            headers.put("F-table", inner);
            headers.put("V-void", null);
            AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                    .contentType("text/plain")
                    .contentEncoding("identity")
                    .headers(headers)
                    .deliveryMode(1)
                    .priority(3)
                    .correlationId("correlation-2")
                    .replyTo("replies-of-official-client")
                    .expiration("500000")
                    .messageId("message-2")
                    .timestamp(Date.from(TIMESTAMP))
                    .type("order.shipped")
                    .userId(TestBroker.get().username())
                    .appId("official-client")
                    .clusterId("cluster-b")
                    .build();
            byte[] body = randomBody(3000);
            com.rabbitmq.client.Channel writer = official.createChannel();
            try {
                writer.confirmSelect();
                writer.basicPublish("", queue, properties, body);
                writer.waitForConfirmsOrDie(10_000);
            } finally {
                writer.close();
            }

            // Warren reads it as a consumer delivery.
            LinkedBlockingQueue<Delivery> received = new LinkedBlockingQueue<>();
            Consumer consumer = Await.result(channel.consume(queue, ConsumeOptions.manualAck(), received::add));
            Delivery delivery = received.poll(10, TimeUnit.SECONDS);
            assertThat(delivery).as("Warren gets the message").isNotNull();
            Await.result(delivery.ack());
            Await.result(consumer.cancel());

            assertThat(delivery.body()).isEqualTo(body);
            assertThat(delivery.envelope().exchange()).isEmpty();
            assertThat(delivery.envelope().routingKey()).isEqualTo(queue);
            assertThat(delivery.envelope().redelivered()).isFalse();
            assertThat(delivery.envelope().consumerTag()).isEqualTo(consumer.tag());
            BasicProperties read = delivery.properties();
            assertThat(read.contentType()).isEqualTo("text/plain");
            assertThat(read.contentEncoding()).isEqualTo("identity");
            assertThat(read.deliveryMode()).isEqualTo(1);
            assertThat(read.priority()).isEqualTo(3);
            assertThat(read.correlationId()).isEqualTo("correlation-2");
            assertThat(read.replyTo()).isEqualTo("replies-of-official-client");
            assertThat(read.expiration()).isEqualTo("500000");
            assertThat(read.messageId()).isEqualTo("message-2");
            assertThat(read.timestamp()).isEqualTo(TIMESTAMP);
            assertThat(read.type()).isEqualTo("order.shipped");
            assertThat(read.userId()).isEqualTo(TestBroker.get().username());
            assertThat(read.appId()).isEqualTo("official-client");
            assertThat(read.clusterId()).isEqualTo("cluster-b");

            // Warren's exact types for the values the official client wrote.
            Map<String, Object> h = read.headers();
            assertThat(h).containsOnlyKeys(headers.keySet());
            assertThat(h.get("S-string")).isInstanceOf(LongString.class);
            assertThat(h.get("S-string").toString()).isEqualTo("ünïcode ✓");
            assertThat(((LongString) h.get("S-long-string")).bytes()).isEqualTo(RAW_LONG_STRING);
            assertThat(h.get("T-timestamp")).isEqualTo(HEADER_INSTANT);
            Map<String, Object> expected = new LinkedHashMap<>();
            expected.put("t-boolean", false);
            expected.put("b-byte", (byte) 100);
            expected.put("s-short", (short) 31000);
            expected.put("I-int", Integer.MIN_VALUE);
            expected.put("l-long", Long.MAX_VALUE);
            expected.put("f-float", -0.125f);
            expected.put("d-double", 1.0e300);
            expected.put("D-decimal", new BigDecimal("98765.4321"));
            expected.put("S-string", str("ünïcode ✓"));
            expected.put("S-long-string", new Str(ByteBuffer.wrap(RAW_LONG_STRING)));
            expected.put("x-byte-array", new Bin(ByteBuffer.wrap(new byte[] {(byte) 0xCA, (byte) 0xFE})));
            expected.put("A-array", List.of(str("a"), 2, List.of(false), Map.of("n", 1L)));
            expected.put("T-timestamp", HEADER_INSTANT);
            Map<String, Object> expectedInner = new LinkedHashMap<>();
            expectedInner.put("inner-short", (short) 7);
            expectedInner.put("inner-table", Map.of("deep", str("yes")));
            expected.put("F-table", expectedInner);
            expected.put("V-void", null);
            for (Map.Entry<String, Object> entry : expected.entrySet()) {
                assertThat(normalise(h.get(entry.getKey()))).as("header " + entry.getKey())
                        .isEqualTo(entry.getValue());
            }
            assertThat(normalise(h)).isEqualTo(expected);
        } finally {
            Await.result(PubSub.channel(warren).queueDelete(queue, false, false));
        }
    }

    @Test
    void warrenReadsBackWhatItWroteThroughTheBroker() {
        // The same header table, published and read by Warren: every type survives, unsigned ones as the wider
        // signed type, strings as LongString, timestamps as Instant.
        Channel channel = PubSub.channel(warren);
        String queue = PubSub.privateQueue(channel);
        byte[] body = randomBody(100);
        Await.result(channel.publish("", queue, BasicProperties.builder().headers(warrenHeaders()).build(), body));
        Delivery got = awaitGet(channel, queue);
        assertThat(got.body()).isEqualTo(body);
        assertThat(normalise(got.properties().headers())).isEqualTo(warrenHeadersAsOfficialReadsThem());
        assertThat(Arrays.asList(got.properties().headers().keySet().toArray()))
                .as("wire order kept").containsExactlyElementsOf(warrenHeaders().keySet());
    }

    private static Delivery awaitGet(Channel channel, String queue) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            var got = Await.result(channel.basicGet(queue, true));
            if (got.isPresent()) {
                return got.get();
            }
        }
        throw new AssertionError("no message in " + queue);
    }
}

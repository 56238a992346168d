package dev.warren.amqp.benchmarks.peer;

import dev.warren.amqp.benchmarks.peer.DeliveryRecorder.Received;
import dev.warren.amqp.codec.method.BasicMethod;
import dev.warren.amqp.codec.method.ConfirmMethod;
import dev.warren.amqp.codec.method.ConnectionMethod;
import dev.warren.amqp.codec.method.MethodDecoder;
import dev.warren.amqp.codec.table.LongString;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The benchmark peer against the clients it measures: Warren, and the official client with blocking sockets and on
 * Netty. No broker is involved; every peer listens on an ephemeral port of 127.0.0.1.
 */
class BenchmarkPeerIT {

    private static final long WAIT_MILLIS = 30_000;
    /** How long the tests watch for a delivery the prefetch limit must hold back. */
    private static final long QUIET_MILLIS = 300;

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        Exception first = null;
        for (int i = toClose.size() - 1; i >= 0; i--) {
            try {
                toClose.get(i).close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    @ParameterizedTest
    @EnumSource(PeerClient.Kind.class)
    void sinkAcksEveryPublishOfAChannelInConfirmMode(PeerClient.Kind kind) throws Exception {
        PeerClient client = connect(kind, start(PeerOptions.of(PeerMode.SINK)));

        client.publishConfirmed(20_000, 16);

        assertThat(client.isOpen()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(PeerClient.Kind.class)
    void sinkDiscardsPublishesWithoutConfirmModeAndStillAnswers(PeerClient.Kind kind) throws Exception {
        PeerClient client = connect(kind, start(PeerOptions.of(PeerMode.SINK)));

        client.publishUnconfirmed(20_000, 16);

        assertThat(client.declareQueue("after-publishing")).isEqualTo("after-publishing");
        assertThat(client.declareQueue("")).startsWith("amq.gen-");
        assertThat(client.isOpen()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(PeerClient.Kind.class)
    void sinkSkipsBodiesSplitAcrossFramesAndReads(PeerClient.Kind kind) throws Exception {
        PeerClient client = connect(kind, start(PeerOptions.of(PeerMode.SINK)));

        client.publishConfirmed(50, 300_000);
        client.publishConfirmed(2_000, 1_000);

        assertThat(client.isOpen()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(PeerClient.Kind.class)
    void sourcePushesToAnAutoAckConsumerWithIncreasingDeliveryTags(PeerClient.Kind kind) throws Exception {
        PeerClient client = connect(kind, start(PeerOptions.of(PeerMode.SOURCE)));
        DeliveryRecorder recorder = new DeliveryRecorder(20_000);
        long before = System.nanoTime();

        client.consume("bench", true, 0, recorder);
        recorder.awaitCount(20_000, WAIT_MILLIS);

        List<Received> received = recorder.kept();
        for (int i = 0; i < received.size(); i++) {
            assertThat(received.get(i).deliveryTag()).isEqualTo(i + 1);
            assertThat(received.get(i).body()).hasSize(16);
        }
        assertSentBetween(received.get(0).body(), before, System.nanoTime());
        assertSentBetween(received.get(received.size() - 1).body(), before, System.nanoTime());
    }

    @ParameterizedTest
    @EnumSource(PeerClient.Kind.class)
    void sourceKeepsUnackedDeliveriesWithinThePrefetchCount(PeerClient.Kind kind) throws Exception {
        PeerClient client = connect(kind, start(PeerOptions.of(PeerMode.SOURCE)));
        DeliveryRecorder recorder = new DeliveryRecorder(100);

        client.consume("bench", false, 10, recorder);
        recorder.awaitCount(10, WAIT_MILLIS);
        Thread.sleep(QUIET_MILLIS);
        assertThat(recorder.count()).as("deliveries beyond the prefetch count").isEqualTo(10);

        client.ack(recorder.kept().get(9).deliveryTag(), true);
        recorder.awaitCount(20, WAIT_MILLIS);
        Thread.sleep(QUIET_MILLIS);
        assertThat(recorder.count()).as("deliveries after acking ten").isEqualTo(20);
        assertThat(recorder.kept()).extracting(Received::deliveryTag)
                .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L, 14L, 15L, 16L, 17L, 18L, 19L,
                        20L);
    }

    @ParameterizedTest
    @EnumSource(PeerClient.Kind.class)
    void sourceSplitsBodiesLargerThanFrameMaxIntoBodyFrames(PeerClient.Kind kind) throws Exception {
        PeerClient client = connect(kind, start(PeerOptions.of(PeerMode.SOURCE).withMessageSize(300_000)));
        DeliveryRecorder recorder = new DeliveryRecorder(5);
        long before = System.nanoTime();

        client.consume("bench", true, 0, recorder);
        recorder.awaitCount(5, WAIT_MILLIS);

        for (Received received : recorder.kept()) {
            assertThat(received.body()).hasSize(300_000);
            assertSentBetween(received.body(), before, System.nanoTime());
            for (int i = 8; i < received.body().length; i++) {
                if (received.body()[i] != 0) {
                    throw new AssertionError("body byte " + i + " of delivery " + received.deliveryTag() + " is "
                            + received.body()[i] + ", not 0");
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(PeerClient.Kind.class)
    void sourceAlsoAcksPublishesInConfirmMode(PeerClient.Kind kind) throws Exception {
        PeerClient client = connect(kind, start(PeerOptions.of(PeerMode.SOURCE)));
        DeliveryRecorder recorder = new DeliveryRecorder(10);
        // With a prefetch limit, the acks do not queue behind a flood of deliveries.
        client.consume("bench", false, 10, recorder);
        recorder.awaitCount(10, WAIT_MILLIS);

        client.publishConfirmed(5_000, 16);

        assertThat(recorder.count()).isEqualTo(10);
        assertThat(client.isOpen()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(PeerClient.Kind.class)
    void clientClosesCleanly(PeerClient.Kind kind) throws Exception {
        BenchmarkPeer peer = start(PeerOptions.of(PeerMode.SOURCE));
        PeerClient client = kind.connect(peer.uri());
        DeliveryRecorder recorder = new DeliveryRecorder(10);
        client.consume("bench", true, 0, recorder);
        recorder.awaitCount(10, WAIT_MILLIS);

        client.close();

        assertThat(client.isOpen()).isFalse();
        awaitNoConnections(peer);
    }

    @ParameterizedTest
    @EnumSource(PeerClient.Kind.class)
    void closingThePeerClosesIdleConnectionsWithConnectionForced(PeerClient.Kind kind) throws Exception {
        BenchmarkPeer peer = start(PeerOptions.of(PeerMode.SINK));
        PeerClient client = connect(kind, peer);
        client.declareQueue("q");

        assertTimeoutPreemptively(Duration.ofSeconds(10), peer::close);

        assertThat(client.awaitClosed(Duration.ofSeconds(5))).isTrue();
        assertThat(client.closeReplyCode()).isEqualTo(320);
    }

    @ParameterizedTest
    @EnumSource(PeerClient.Kind.class)
    void closingThePeerEndsConnectionsItIsPushingTo(PeerClient.Kind kind) throws Exception {
        BenchmarkPeer peer = start(PeerOptions.of(PeerMode.SOURCE));
        PeerClient client = connect(kind, peer);
        DeliveryRecorder recorder = new DeliveryRecorder(10);
        client.consume("bench", true, 0, recorder);
        recorder.awaitCount(1_000, WAIT_MILLIS);

        assertTimeoutPreemptively(Duration.ofSeconds(10), peer::close);

        assertThat(client.awaitClosed(Duration.ofSeconds(5))).isTrue();
    }

    @Test
    void sendsHeartbeatsSoThatIdleClientsKeepTheirConnections() throws Exception {
        BenchmarkPeer peer = start(PeerOptions.of(PeerMode.SINK));
        List<PeerClient> clients = new ArrayList<>();
        for (PeerClient.Kind kind : PeerClient.Kind.values()) {
            PeerClient client = kind.connect(peer.uri(), 1);
            toClose.add(client);
            clients.add(client);
        }

        // Clients give up on a server that stays silent for two heartbeat intervals.
        Thread.sleep(3_500);

        assertThat(clients).allSatisfy(client -> assertThat(client.isOpen()).isTrue());
    }

    @Test
    void answersAWrongProtocolHeaderWithItsOwnAndCloses() throws Exception {
        try (RawAmqpClient client = new RawAmqpClient(start(PeerOptions.of(PeerMode.SINK)))) {
            client.write(new byte[] {'A', 'M', 'Q', 'P', 0, 0, 8, 0});

            assertThat(client.readBytes(8)).containsExactly(RawAmqpClient.AMQP_0_9_1);
            assertThat(client.atEndOfStream()).isTrue();
        }
    }

    @Test
    void offersTheCapabilitiesClientsLookFor() throws Exception {
        try (RawAmqpClient client = new RawAmqpClient(start(PeerOptions.of(PeerMode.SINK)))) {
            client.write(RawAmqpClient.AMQP_0_9_1);
            ByteBuffer payload = client.readFrame().payload();

            ConnectionMethod.Start start =
                    (ConnectionMethod.Start) MethodDecoder.decode(Unpooled.wrappedBuffer(payload), 8);
            assertThat(start.versionMajor()).isZero();
            assertThat(start.versionMinor()).isEqualTo(9);
            assertThat(start.serverProperties()).containsEntry("product", LongString.of("warren-benchmark-peer"));
            @SuppressWarnings("unchecked")
            Map<String, Object> capabilities = (Map<String, Object>) start.serverProperties().get("capabilities");
            assertThat(capabilities).containsOnlyKeys(
                    "publisher_confirms", "exchange_exchange_bindings", "basic.nack", "consumer_cancel_notify",
                    "connection.blocked", "authentication_failure_close", "per_consumer_qos", "direct_reply_to")
                    .allSatisfy((name, value) -> assertThat(value).isEqualTo(true));
            assertThat(start.mechanisms()).isEqualTo(LongString.of("PLAIN AMQPLAIN"));
            assertThat(start.locales()).isEqualTo(LongString.of("en_US"));
        }
    }

    @Test
    void acksAPublishOnlyOnceItsLastBodyByteArrived() throws Exception {
        try (RawAmqpClient client = new RawAmqpClient(start(PeerOptions.of(PeerMode.SINK))).open()) {
            client.send(1, new ConfirmMethod.Select(false));
            assertThat(client.readFrame().methodId()).as("confirm.select-ok").isEqualTo(85 << 16 | 11);
            byte[] publish = RawAmqpClient.publish(1, new BasicMethod.Publish("", "q", false, false), 1_000);

            client.write(Arrays.copyOf(publish, publish.length - 500));
            assertThat(client.silentFor(300)).as("no ack while the body is incomplete").isTrue();
            client.write(Arrays.copyOfRange(publish, publish.length - 500, publish.length));

            RawAmqpClient.Frame ack = client.readFrame();
            assertThat(ack.methodId()).as("basic.ack").isEqualTo(60 << 16 | 80);
            assertThat(ack.channel()).isEqualTo(1);
            assertThat(ack.payload().getLong(4)).as("delivery tag").isEqualTo(1);
            assertThat(ack.payload().get(12)).as("multiple").isEqualTo((byte) 1);
        }
    }

    @Test
    void readsFramesCutIntoSingleBytes() throws Exception {
        try (RawAmqpClient client = new RawAmqpClient(start(PeerOptions.of(PeerMode.SINK))).open()) {
            client.send(1, new ConfirmMethod.Select(false));
            client.readFrame();
            byte[] publishes = RawAmqpClient.encode(out -> {
                for (int i = 0; i < 5; i++) {
                    out.writeBytes(RawAmqpClient.publish(1, new BasicMethod.Publish("", "q", false, false), 20));
                }
            });

            for (byte b : publishes) {
                client.write(new byte[] {b});
            }

            long lastTag = 0;
            while (lastTag < 5) {
                RawAmqpClient.Frame ack = client.readFrame();
                assertThat(ack.methodId()).as("basic.ack").isEqualTo(60 << 16 | 80);
                assertThat(ack.payload().getLong(4)).isGreaterThan(lastTag);
                lastTag = ack.payload().getLong(4);
            }
            assertThat(lastTag).isEqualTo(5);
        }
    }

    @Test
    void closesWithFrameErrorOnABadFrameEnd() throws Exception {
        try (RawAmqpClient client = new RawAmqpClient(start(PeerOptions.of(PeerMode.SINK))).open()) {
            // A heartbeat frame ending in 0x00 instead of 0xce.
            client.write(new byte[] {8, 0, 0, 0, 0, 0, 0, 0});

            assertConnectionClose(client.readFrame(), 501);
            assertThat(client.atEndOfStream()).isTrue();
        }
    }

    @Test
    void closesWithFrameErrorOnAFrameLargerThanFrameMax() throws Exception {
        try (RawAmqpClient client = new RawAmqpClient(start(PeerOptions.of(PeerMode.SINK))).open()) {
            // A body frame announcing 1 MiB, past the negotiated 128 KiB.
            client.write(new byte[] {3, 0, 1, 0, 0x10, 0, 0});

            assertConnectionClose(client.readFrame(), 501);
            assertThat(client.atEndOfStream()).isTrue();
        }
    }

    @Test
    void closesWithChannelErrorOnAPublishToAChannelNotOpen() throws Exception {
        try (RawAmqpClient client = new RawAmqpClient(start(PeerOptions.of(PeerMode.SINK))).open()) {
            client.write(RawAmqpClient.publish(7, new BasicMethod.Publish("", "q", false, false), 16));

            assertConnectionClose(client.readFrame(), 504);
        }
    }

    @Test
    void closesWithNotImplementedOnAMethodItHasNoUseFor() throws Exception {
        try (RawAmqpClient client = new RawAmqpClient(start(PeerOptions.of(PeerMode.SINK))).open()) {
            client.send(1, new BasicMethod.RecoverAsync(true));

            RawAmqpClient.Frame close = client.readFrame();
            assertConnectionClose(close, 540);
            client.send(0, ConnectionMethod.CloseOk.INSTANCE);
            assertThat(client.atEndOfStream()).isTrue();
        }
    }

    @Test
    void bindsTheRequestedPortAndRefusesATakenOne() throws Exception {
        BenchmarkPeer first = start(PeerOptions.of(PeerMode.SINK));
        assertThat(first.uri()).isEqualTo("amqp://guest:guest@127.0.0.1:" + first.port());

        assertThatThrownBy(
                        () -> BenchmarkPeer.start(PeerOptions.of(PeerMode.SINK).withPort(first.port())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(String.valueOf(first.port()));
    }

    // ---- helpers ----

    private BenchmarkPeer start(PeerOptions options) throws InterruptedException {
        BenchmarkPeer peer = BenchmarkPeer.start(options);
        toClose.add(peer);
        return peer;
    }

    private PeerClient connect(PeerClient.Kind kind, BenchmarkPeer peer) throws Exception {
        PeerClient client = kind.connect(peer.uri());
        toClose.add(() -> {
            if (client.isOpen()) {
                client.close();
            }
        });
        return client;
    }

    private static void assertConnectionClose(RawAmqpClient.Frame frame, int replyCode) {
        assertThat(frame.channel()).isZero();
        assertThat(frame.methodId()).as("connection.close").isEqualTo(10 << 16 | 50);
        assertThat(frame.payload().getShort(4) & 0xFFFF).as("reply code").isEqualTo(replyCode);
    }

    private static void assertSentBetween(byte[] body, long before, long after) {
        long sent = ByteBuffer.wrap(body, 0, 8).getLong();
        assertThat(sent).as("send time in the body").isBetween(before, after);
    }

    private static void awaitNoConnections(BenchmarkPeer peer) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (peer.connectionCount() > 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(peer.connectionCount() + " connections still open on " + peer);
            }
            Thread.sleep(10);
        }
    }
}

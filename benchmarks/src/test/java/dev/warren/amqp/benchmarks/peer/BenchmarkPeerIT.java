package dev.warren.amqp.benchmarks.peer;

import dev.warren.amqp.benchmarks.peer.DeliveryRecorder.Received;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
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
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
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
        client.consume("bench", true, 0, recorder);

        client.publishConfirmed(5_000, 16);

        assertThat(recorder.count()).isPositive();
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
        BenchmarkPeer peer = start(PeerOptions.of(PeerMode.SINK));
        try (Socket socket = connectRaw(peer)) {
            socket.getOutputStream().write(new byte[] {'A', 'M', 'Q', 'P', 0, 0, 8, 0});

            InputStream in = socket.getInputStream();
            assertThat(in.readNBytes(8)).containsExactly('A', 'M', 'Q', 'P', 0, 0, 9, 1);
            assertThat(in.read()).as("end of stream").isEqualTo(-1);
        }
    }

    @Test
    void closesWithFrameErrorOnABadFrameEnd() throws Exception {
        BenchmarkPeer peer = start(PeerOptions.of(PeerMode.SINK));
        try (Socket socket = connectRaw(peer)) {
            OutputStream out = socket.getOutputStream();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            out.write(new byte[] {'A', 'M', 'Q', 'P', 0, 0, 9, 1});
            assertThat(readMethodFrame(in).getInt()).as("connection.start").isEqualTo(10 << 16 | 10);

            // A heartbeat frame ending in 0x00 instead of 0xce.
            out.write(new byte[] {8, 0, 0, 0, 0, 0, 0, 0});

            ByteBuffer close = readMethodFrame(in);
            assertThat(close.getInt()).as("connection.close").isEqualTo(10 << 16 | 50);
            assertThat(close.getShort()).as("reply code").isEqualTo((short) 501);
            assertThat(in.read()).as("end of stream").isEqualTo(-1);
        }
    }

    @Test
    void closesWithFrameErrorOnAFrameLargerThanFrameMax() throws Exception {
        BenchmarkPeer peer = start(PeerOptions.of(PeerMode.SINK));
        try (Socket socket = connectRaw(peer)) {
            OutputStream out = socket.getOutputStream();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            out.write(new byte[] {'A', 'M', 'Q', 'P', 0, 0, 9, 1});
            readMethodFrame(in);

            // A body frame header announcing 1 MiB, past the 128 KiB the peer offers.
            out.write(new byte[] {3, 0, 1, 0, 0x10, 0, 0});

            ByteBuffer close = readMethodFrame(in);
            assertThat(close.getInt()).as("connection.close").isEqualTo(10 << 16 | 50);
            assertThat(close.getShort()).as("reply code").isEqualTo((short) 501);
        }
    }

    @Test
    void offersTheCapabilitiesClientsLookFor() throws Exception {
        BenchmarkPeer peer = start(PeerOptions.of(PeerMode.SINK));
        try (Socket socket = connectRaw(peer)) {
            socket.getOutputStream().write(new byte[] {'A', 'M', 'Q', 'P', 0, 0, 9, 1});
            ByteBuffer start = readMethodFrame(new DataInputStream(socket.getInputStream()));

            String text = StandardCharsets.ISO_8859_1.decode(start).toString();
            assertThat(text).contains("warren-benchmark-peer", "publisher_confirms", "basic.nack",
                    "consumer_cancel_notify", "connection.blocked", "PLAIN AMQPLAIN", "en_US");
        }
    }

    @Test
    void bindsTheRequestedPortAndRefusesATakenOne() throws Exception {
        BenchmarkPeer first = start(PeerOptions.of(PeerMode.SINK));
        assertThat(first.uri()).isEqualTo("amqp://guest:guest@127.0.0.1:" + first.port());

        org.assertj.core.api.Assertions.assertThatThrownBy(
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

    private static Socket connectRaw(BenchmarkPeer peer) throws IOException {
        Socket socket = new Socket("127.0.0.1", peer.port());
        socket.setSoTimeout((int) WAIT_MILLIS);
        return socket;
    }

    /** Reads one frame, checks it is a method frame, and returns its payload. */
    private static ByteBuffer readMethodFrame(DataInputStream in) throws IOException {
        int type = in.readUnsignedByte();
        in.readUnsignedShort();
        int size = in.readInt();
        byte[] payload = new byte[size];
        in.readFully(payload);
        assertThat(type).as("frame type").isEqualTo(1);
        assertThat(in.readUnsignedByte()).as("frame end").isEqualTo(0xCE);
        return ByteBuffer.wrap(payload);
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

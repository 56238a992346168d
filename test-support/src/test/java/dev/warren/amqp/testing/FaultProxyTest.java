package dev.warren.amqp.testing;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FaultProxyTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private EchoServer echo;
    private FaultProxy proxy;

    @BeforeEach
    void startEchoServerBehindProxy() throws IOException {
        echo = EchoServer.start();
        proxy = FaultProxy.start("127.0.0.1", echo.port());
    }

    @AfterEach
    void closeEverything() throws Exception {
        proxy.close();
        echo.close();
    }

    @Test
    void forwardsBytesBothWays() throws Exception {
        try (Socket client = connect()) {
            assertThat(roundTrip(client, "hello")).isEqualTo("hello");
            proxy.awaitConnections(1, WAIT);
            assertThat(proxy.connectionCount()).isEqualTo(1);
        }
        proxy.awaitConnections(0, WAIT);
        assertThat(proxy.acceptedConnectionCount()).isEqualTo(1);
    }

    @Test
    void uriPointsAtTheProxy() {
        assertThat(proxy.host()).isEqualTo("127.0.0.1");
        assertThat(proxy.uri("guest", "g p")).isEqualTo("amqp://guest:g%20p@127.0.0.1:" + proxy.port());
    }

    @Test
    void blackholeKeepsTheSocketOpenButNothingComesBack() throws Exception {
        try (Socket client = connect()) {
            assertThat(roundTrip(client, "before")).isEqualTo("before");

            proxy.blackhole();
            client.getOutputStream().write("lost".getBytes(StandardCharsets.US_ASCII));
            client.setSoTimeout(500);
            assertThatThrownBy(() -> client.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
            assertThat(client.isClosed()).isFalse();
            client.getOutputStream().write("still writable".getBytes(StandardCharsets.US_ASCII));
            assertThat(proxy.connectionCount()).isEqualTo(1);

            try (Socket stalled = connect()) {
                stalled.getOutputStream().write("new".getBytes(StandardCharsets.US_ASCII));
                stalled.setSoTimeout(500);
                assertThatThrownBy(() -> stalled.getInputStream().read())
                        .as("a connection accepted while blackholed is stalled too")
                        .isInstanceOf(SocketTimeoutException.class);
                proxy.awaitConnections(2, WAIT);
            }
        }

        proxy.forward();
        try (Socket fresh = connect()) {
            assertThat(roundTrip(fresh, "after")).isEqualTo("after");
        }
    }

    @Test
    void blackholeDropsBytesTheProxyHadAlreadyRead() throws Exception {
        try (Socket client = connect()) {
            proxy.latency(Duration.ofMillis(400));
            client.getOutputStream().write("held back".getBytes(StandardCharsets.US_ASCII));
            Thread.sleep(150); // read by the proxy by now, and held back by the latency

            proxy.blackhole();
            proxy.latency(Duration.ZERO);
            client.setSoTimeout(1000);
            assertThatThrownBy(() -> client.getInputStream().read())
                    .as("the held-back bytes were dropped, not delivered late")
                    .isInstanceOf(SocketTimeoutException.class);
        }
    }

    @Test
    void cutAllMakesTheClientSeeEndOfStream() throws Exception {
        try (Socket client = connect()) {
            assertThat(roundTrip(client, "x")).isEqualTo("x");
            proxy.cutAll();
            client.setSoTimeout(2000);
            assertThat(client.getInputStream().read()).as("end of stream").isEqualTo(-1);
            proxy.awaitConnections(0, WAIT);
        }
        try (Socket next = connect()) {
            assertThat(roundTrip(next, "next")).as("the proxy itself keeps listening").isEqualTo("next");
        }
    }

    @Test
    void resetAllMakesTheClientSeeAConnectionReset() throws Exception {
        try (Socket client = connect()) {
            assertThat(roundTrip(client, "x")).isEqualTo("x");
            proxy.resetAll();
            client.setSoTimeout(2000);
            assertThatThrownBy(() -> client.getInputStream().read())
                    .isInstanceOf(SocketException.class)
                    .hasMessageContaining("reset");
        }
    }

    @Test
    void latencyDelaysEachDirectionByAtLeastTheAmount() throws Exception {
        try (Socket client = connect()) {
            assertThat(roundTrip(client, "warm-up")).isEqualTo("warm-up");

            proxy.latency(Duration.ofMillis(300));
            long started = System.nanoTime();
            assertThat(roundTrip(client, "slow")).isEqualTo("slow");
            long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            assertThat(elapsedMillis).as("round trip through two delayed directions").isGreaterThanOrEqualTo(600);

            proxy.latency(Duration.ZERO);
            started = System.nanoTime();
            assertThat(roundTrip(client, "fast")).isEqualTo("fast");
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started))
                    .as("latency turned off").isLessThan(300);
        }
    }

    @Test
    void latencyKeepsTheOrderOfChunks() throws Exception {
        proxy.latency(Duration.ofMillis(50));
        try (Socket client = connect()) {
            StringBuilder sent = new StringBuilder();
            for (int i = 0; i < 200; i++) {
                String chunk = i + ",";
                sent.append(chunk);
                client.getOutputStream().write(chunk.getBytes(StandardCharsets.US_ASCII));
                client.getOutputStream().flush();
                if (i == 100) {
                    proxy.latency(Duration.ZERO); // later chunks must not overtake the delayed ones
                }
            }
            byte[] received = readExactly(client.getInputStream(), sent.length());
            assertThat(new String(received, StandardCharsets.US_ASCII)).isEqualTo(sent.toString());
        }
    }

    @Test
    void refuseNewClosesNewConnectionsButKeepsCurrentOnes() throws Exception {
        try (Socket current = connect()) {
            assertThat(roundTrip(current, "a")).isEqualTo("a");
            proxy.refuseNew(true);

            try (Socket refused = connect()) {
                refused.setSoTimeout(2000);
                assertThat(refused.getInputStream().read()).as("closed at once").isEqualTo(-1);
            }
            assertThat(roundTrip(current, "b")).isEqualTo("b");
            assertThat(proxy.connectionCount()).isEqualTo(1);

            proxy.refuseNew(false);
            try (Socket accepted = connect()) {
                assertThat(roundTrip(accepted, "c")).isEqualTo("c");
            }
        }
        assertThat(proxy.acceptedConnectionCount()).isEqualTo(2);
    }

    @Test
    void forwardsMegabytesIntactWhileBothSidesAreBusy() throws Exception {
        byte[] payload = new byte[8 << 20];
        new Random(42).nextBytes(payload);
        try (Socket client = connect()) {
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                try {
                    client.getOutputStream().write(payload);
                    client.getOutputStream().flush();
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            byte[] received = readExactly(client.getInputStream(), payload.length);
            writer.get(30, TimeUnit.SECONDS);
            assertThat(Arrays.equals(received, payload)).as("echoed bytes equal the sent ones").isTrue();
        }
    }

    @Test
    void aClientIsClosedWhenTheTargetCannotBeReached() throws Exception {
        int closedPort;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            closedPort = free.getLocalPort();
        }
        try (FaultProxy toNowhere = FaultProxy.start("127.0.0.1", closedPort);
             Socket client = new Socket(toNowhere.host(), toNowhere.port())) {
            client.setSoTimeout(5000);
            assertThat(client.getInputStream().read()).isEqualTo(-1);
            toNowhere.awaitConnections(0, WAIT);
        }
    }

    @Test
    void awaitConnectionsFailsWithTheCountWhenItIsNotReached() {
        assertThatThrownBy(() -> proxy.awaitConnections(1, Duration.ofMillis(100)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("expected 1")
                .hasMessageContaining("there are 0");
    }

    @Test
    void closeClosesClientsStopsListeningAndEndsItsThread() throws Exception {
        Socket client = connect();
        assertThat(roundTrip(client, "x")).isEqualTo("x");
        int port = proxy.port();

        proxy.close();

        client.setSoTimeout(2000);
        assertThat(client.getInputStream().read()).isEqualTo(-1);
        client.close();
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        // The loop's termination future completes a moment before its thread has finished exiting.
        while (proxyThreadAlive() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(proxyThreadAlive()).as("proxy event loop thread still alive").isFalse();
        proxy.close(); // a second close is harmless
    }

    private static boolean proxyThreadAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(thread -> thread.getName().startsWith("warren-fault-proxy") && thread.isAlive());
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket(proxy.host(), proxy.port());
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(10_000); // no read in these tests may block forever
        return socket;
    }

    private static String roundTrip(Socket socket, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
        return new String(readExactly(socket.getInputStream(), bytes.length), StandardCharsets.US_ASCII);
    }

    private static byte[] readExactly(InputStream in, int length) throws IOException {
        byte[] bytes = in.readNBytes(length);
        assertThat(bytes).as("bytes read before end of stream").hasSize(length);
        return bytes;
    }
}

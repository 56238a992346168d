package dev.warren.amqp.benchmarks.perf;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.warren.amqp.testing.RequiresBroker;
import dev.warren.amqp.testing.TestBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The tool end to end: child JVMs running the real drivers against RabbitMQ and against a benchmark peer. */
@RequiresBroker
class PerfToolIT {

    private final TestBroker broker = TestBroker.get();
    private final String queue = "warren-perf-it-" + UUID.randomUUID();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path dir;

    @AfterEach
    void deleteQueue() throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(broker.uri());
        try (Connection connection = factory.newConnection("PerfToolIT-cleanup")) {
            Channel channel = connection.createChannel();
            channel.queueDelete(queue);
        }
    }

    private int run(String... args) {
        CommandLine commandLine = PerfTool.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    private Map<String, Object> resultsJson() throws IOException {
        return Json.parseObject(Files.readString(dir.resolve("results.json"), StandardCharsets.UTF_8));
    }

    @Test
    @Timeout(120)
    @SuppressWarnings("unchecked")
    void compareAgainstRabbitMqReportsEveryClientAndWritesTheResultFiles() throws Exception {
        int code = run("--uri", broker.uri(), "--queue", queue, "--duration", "2s", "--warmup", "1s",
                "--confirm", "50", "--prefetch", "100", "--compare", "--rounds", "1", "--output", dir.toString());

        assertThat(code).as("exit code; stderr: %s; stdout: %s", err, out).isZero();
        assertThat(err.toString()).isEmpty();
        assertThat(out.toString()).contains("[warren] warmup", "[official-blocking]", "[official-netty]",
                "warren ÷ official", "÷ better official");
        BufferedImage chart = ImageIO.read(dir.resolve("chart.png").toFile());
        assertThat(chart).isNotNull();
        assertThat(chart.getWidth()).isEqualTo(1200);
        assertThat(chart.getHeight()).isEqualTo(1000);
        Map<String, Object> json = resultsJson();
        assertThat(json.get("ok")).isEqualTo(true);
        List<Object> clients = Json.array(json, "clients");
        assertThat(clients).extracting(c -> ((Map<String, Object>) c).get("client"))
                .containsExactly("warren", "official-blocking", "official-netty");
        for (Object client : clients) {
            Map<String, Object> figures = (Map<String, Object>) client;
            assertThat(Json.integer(figures, "received", 0)).as("received by %s", figures.get("client"))
                    .isPositive();
            assertThat(Json.integer(figures, "confirmed", 0)).as("confirmed by %s", figures.get("client"))
                    .isPositive();
        }
        assertThat(Json.object(json, "ratios")).containsKeys("sent_per_s", "received_per_s", "e2e_p99");
        List<String> csv = Files.readAllLines(dir.resolve("results.csv"));
        assertThat(csv).hasSize(4);
        assertThat(csv.get(0)).startsWith("client,round,");
        List<String> timeline = Files.readAllLines(dir.resolve("timeline.csv"));
        assertThat(timeline).anyMatch(line -> line.startsWith("warren,1,") && line.contains(",warmup,"))
                .anyMatch(line -> line.startsWith("official-netty,1,") && line.contains(",measured,"));
    }

    @Test
    @Timeout(60)
    void unreachableBrokerIsOneLineNamingTheAddress() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }

        int code = run("--uri", "amqp://guest:guest@127.0.0.1:" + port, "--duration", "1s", "--compare",
                "--output", dir.toString());

        assertThat(code).isEqualTo(1);
        assertThat(err.toString().split("\\R"))
                .containsExactly("warren-perf: cannot connect to 127.0.0.1:" + port + " (Connection refused)");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    @Timeout(60)
    void sinkPeerRunPublishes() throws Exception {
        int code = run("--peer", "sink", "--producers", "1", "--consumers", "0", "--duration", "2s",
                "--warmup", "1s", "--output", dir.toString());

        assertThat(code).as("exit code; stderr: %s; stdout: %s", err, out).isZero();
        @SuppressWarnings("unchecked")
        Map<String, Object> warren = (Map<String, Object>) Json.array(resultsJson(), "clients").get(0);
        assertThat(warren.get("client")).isEqualTo("warren");
        assertThat(Json.integer(warren, "published", 0)).isPositive();
        assertThat(out.toString()).contains("against a benchmark sink peer");
    }
}

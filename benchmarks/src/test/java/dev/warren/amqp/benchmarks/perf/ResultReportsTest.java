package dev.warren.amqp.benchmarks.perf;

import dev.warren.amqp.benchmarks.perf.report.ResultChart;
import dev.warren.amqp.benchmarks.perf.report.ResultFiles;
import dev.warren.amqp.benchmarks.perf.report.SummaryReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Summary, ratios, result files, chart and goals, from known figures. */
class ResultReportsTest {

    @TempDir
    Path dir;

    private static Scenario scenario(int consumers, int confirm) {
        return new Scenario(PerfTool.DEFAULT_URI, null, ClientKind.WARREN, 1, consumers, 16, 0, confirm, 0, false,
                Duration.ofSeconds(15), 0, "", null, "q", Map.of(), true, 0);
    }

    private static RunResult run(ClientKind client, int round, double sentRate, double e2eP99Millis, double cpuNanos,
                                 double bytes, long failures) {
        LatencySummary latency = new LatencySummary(1000, e2eP99Millis * 0.2e6, e2eP99Millis * 0.5e6,
                e2eP99Millis * 1e6, e2eP99Millis * 2e6, e2eP99Millis * 3e6);
        List<Sample> timeline = List.of(
                new Sample(0, true, 1, sentRate / 2, sentRate / 2, sentRate / 2, 1e5, 2e5, 1e5, 2e5, 0),
                new Sample(1, false, 1, sentRate, sentRate, sentRate, 1e5, 2e5, 1e5, 2e5, 0),
                new Sample(2, false, 1, sentRate, sentRate, sentRate, 1e5, 2e5, 1e5, 2e5, failures));
        long count = Math.round(sentRate * 2);
        return new RunResult(client, round, null, RunResult.Outcome.COMPLETED, null, 2, count, count, 0, 0, count,
                failures, sentRate, sentRate, sentRate, latency, latency, cpuNanos, bytes, timeline);
    }

    private Plan plan(Path outputDir, String preset, Scenario scenario) {
        return new Plan(scenario, Duration.ofSeconds(1), List.of(ClientKind.values()), 1, null, "127.0.0.1", preset,
                true, outputDir, List.of());
    }

    private static List<RunResult> threeClients(double warrenRate, double warrenCpu, double warrenBytes) {
        return List.of(run(ClientKind.WARREN, 1, warrenRate, 1.0, warrenCpu, warrenBytes, 0),
                run(ClientKind.OFFICIAL_BLOCKING, 1, 1_000_000, 4.0, 2_000, 600, 0),
                run(ClientKind.OFFICIAL_NETTY, 1, 2_000_000, 2.0, 1_500, 500, 0));
    }

    @Test
    void ratiosCompareWarrenWithEachOfficialModeAndTheBetterOne() {
        Plan plan = plan(dir, null, scenario(1, 0));
        List<RunResult> medians = threeClients(5_000_000, 250, 24);

        Comparison sent = Comparison.of(Figure.SENT, medians).orElseThrow();
        Comparison latency = Comparison.of(Figure.E2E_P99, medians).orElseThrow();

        assertThat(sent.vsBlocking()).isCloseTo(5.0, within(1e-9));
        assertThat(sent.vsBest()).isCloseTo(2.5, within(1e-9));
        assertThat(sent.best()).isEqualTo(ClientKind.OFFICIAL_NETTY);
        assertThat(latency.vsBest()).isCloseTo(0.5, within(1e-9));
        String ratios = SummaryReport.ratios(plan, medians).orElseThrow();
        assertThat(ratios).contains("2.50× ✓", "5.00×", "0.50× ✓");
        String figures = SummaryReport.figures(plan, medians);
        assertThat(figures).contains("5,000,000 msg/s", "1.00 ms", "0.25 µs", "24 B");
        assertThat(figures).doesNotContain("confirm latency");
    }

    @Test
    void ratiosNeedWarrenAndTheOfficialClient() {
        Plan plan = plan(dir, null, scenario(1, 0));

        assertThat(SummaryReport.ratios(plan, List.of(run(ClientKind.WARREN, 1, 1, 1, 1, 1, 0)))).isEmpty();
    }

    @Test
    void medianTakesTheMiddleRoundOfEachFigureAndSumsFailures() {
        RunResult median = RunResult.median(List.of(
                run(ClientKind.WARREN, 1, 300, 9.0, 100, 10, 1),
                run(ClientKind.WARREN, 2, 100, 1.0, 300, 30, 0),
                run(ClientKind.WARREN, 3, 200, 5.0, 200, 20, 2)));

        assertThat(median.round()).isZero();
        assertThat(median.sentRate()).isEqualTo(200);
        assertThat(median.endToEndLatency().p99()).isEqualTo(5e6);
        assertThat(median.cpuNanosPerMessage()).isEqualTo(200);
        assertThat(median.failures()).isEqualTo(3);
        assertThat(median.ok()).isFalse();
    }

    @Test
    void resultFilesAndChartAreWritten() throws Exception {
        Plan plan = plan(dir, "rabbit-1p1c", scenario(1, 100));
        List<RunResult> runs = threeClients(3_000_000, 400, 40);

        ResultFiles.write(plan, runs, runs);
        ResultChart.write(plan, runs, runs);

        Map<String, Object> json = Json.parseObject(Files.readString(dir.resolve("results.json"),
                StandardCharsets.UTF_8));
        assertThat(json.get("preset")).isEqualTo("rabbit-1p1c");
        assertThat(Json.array(json, "clients")).hasSize(3);
        Map<String, Object> sent = Json.object(Json.object(json, "ratios"), "sent_per_s");
        assertThat(Json.number(sent, "better_official")).isCloseTo(1.5, within(1e-9));
        assertThat(sent.get("better_official_client")).isEqualTo("official-netty");
        List<String> csv = Files.readAllLines(dir.resolve("results.csv"));
        assertThat(csv).hasSize(4);
        assertThat(csv.get(1)).startsWith("warren,1,,completed,,2.000,6000000,");
        assertThat(Files.readAllLines(dir.resolve("timeline.csv"))).hasSize(1 + 3 * 3);
        BufferedImage chart = ImageIO.read(dir.resolve("chart.png").toFile());
        assertThat(chart.getWidth()).isEqualTo(ResultChart.WIDTH);
        assertThat(chart.getHeight()).isEqualTo(ResultChart.HEIGHT);
    }

    @Test
    void goalsReadThePresetRunsAndMarkEachGoal() throws Exception {
        Path sink = dir.resolve("sink-publish");
        Files.createDirectories(sink);
        Plan plan = plan(sink, "sink-publish", scenario(0, 0));
        List<RunResult> runs = threeClients(11_000_000, 250, 40);
        ResultFiles.write(plan, runs, runs);
        StringWriter out = new StringWriter();
        CommandLine commandLine = PerfTool.commandLine();
        commandLine.setOut(new PrintWriter(out, true));

        int code = commandLine.execute("goals", dir.toString());

        assertThat(code).isEqualTo(1);
        String[] lines = out.toString().split("\\R");
        assertThat(lines[0]).contains("sink-publish", "sent/s", "≥ 5.00×", "5.50× vs official-netty", "✓");
        assertThat(lines[1]).contains("CPU", "≤ 0.30 µs", "0.25 µs", "✓");
        assertThat(lines[2]).contains("allocation", "≤ 32 B", "40 B", "✗");
        assertThat(lines[3]).contains("source-consume", "no data", "?");
        assertThat(lines[lines.length - 1]).isEqualTo("2 of 8 goals met");
    }
}

package dev.warren.amqp.benchmarks.perf.report;

import dev.warren.amqp.benchmarks.perf.Comparison;
import dev.warren.amqp.benchmarks.perf.Durations;
import dev.warren.amqp.benchmarks.perf.Figure;
import dev.warren.amqp.benchmarks.perf.Format;
import dev.warren.amqp.benchmarks.perf.Json;
import dev.warren.amqp.benchmarks.perf.Plan;
import dev.warren.amqp.benchmarks.perf.RunResult;
import dev.warren.amqp.benchmarks.perf.Sample;
import dev.warren.amqp.benchmarks.perf.ScenarioJson;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The files a run leaves behind: {@code results.json} (scenario, per-client medians, ratios, every run),
 * {@code results.csv} (one row per client run) and {@code timeline.csv} (one row per second per run).
 */
public final class ResultFiles {

    public static final String JSON = "results.json";
    public static final String CSV = "results.csv";
    public static final String TIMELINE = "timeline.csv";

    private ResultFiles() {
    }

    public static void write(Plan plan, List<RunResult> runs, List<RunResult> medians) throws IOException {
        Files.writeString(plan.outputDir().resolve(JSON), Json.write(json(plan, runs, medians)),
                StandardCharsets.UTF_8);
        Files.writeString(plan.outputDir().resolve(CSV), resultsCsv(runs), StandardCharsets.UTF_8);
        Files.writeString(plan.outputDir().resolve(TIMELINE), timelineCsv(runs), StandardCharsets.UTF_8);
    }

    static Map<String, Object> json(Plan plan, List<RunResult> runs, List<RunResult> medians) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("tool", "warren-perf");
        json.put("created", OffsetDateTime.now().toString());
        json.put("preset", plan.preset());
        json.put("compare", plan.compare());
        json.put("rounds", plan.rounds());
        json.put("warmup", Durations.format(plan.warmup()));
        json.put("peer", plan.peer() == null ? null : plan.peer().name().toLowerCase(Locale.ROOT));
        Map<String, Object> scenario = ScenarioJson.toJson(plan.scenario());
        scenario.remove("client");
        if (plan.peer() != null) {
            // Each run had a peer of its own on an ephemeral port.
            scenario.put("uri", "benchmark peer on " + plan.peerHost());
        }
        json.put("scenario", scenario);
        json.put("ok", runs.stream().allMatch(RunResult::ok));
        json.put("clients", medians.stream().map(r -> r.toJson(false)).toList());
        Map<String, Object> ratios = new LinkedHashMap<>();
        for (Figure figure : Figure.measuredIn(plan.scenario())) {
            Comparison.of(figure, medians).ifPresent(c -> {
                Map<String, Object> ratio = new LinkedHashMap<>();
                ratio.put("official-blocking", c.vsBlocking());
                ratio.put("official-netty", c.vsNetty());
                ratio.put("better_official", c.vsBest());
                ratio.put("better_official_client", c.best() == null ? null : c.best().cliName());
                ratio.put("higher_is_better", figure.higherIsBetter());
                ratios.put(figure.key(), ratio);
            });
        }
        json.put("ratios", ratios);
        json.put("runs", runs.stream().map(r -> r.toJson(false)).toList());
        return json;
    }

    private static final List<Column<RunResult>> RESULT_COLUMNS = List.of(
            new Column<>("client", r -> r.client().cliName()),
            new Column<>("round", r -> Integer.toString(r.round())),
            new Column<>("transport", r -> r.transport() == null ? "" : r.transport()),
            new Column<>("outcome", r -> r.outcome().name().toLowerCase(Locale.ROOT)),
            new Column<>("error", r -> r.error() == null ? "" : r.error()),
            new Column<>("measured_s", r -> Format.csvNumber(r.measuredSeconds())),
            new Column<>("published", r -> Long.toString(r.published())),
            new Column<>("confirmed", r -> Long.toString(r.confirmed())),
            new Column<>("nacked", r -> Long.toString(r.nacked())),
            new Column<>("returned", r -> Long.toString(r.returned())),
            new Column<>("received", r -> Long.toString(r.received())),
            new Column<>("failures", r -> Long.toString(r.failures())),
            new Column<>("sent_per_s", r -> Format.csvNumber(r.sentRate())),
            new Column<>("confirmed_per_s", r -> Format.csvNumber(r.confirmedRate())),
            new Column<>("received_per_s", r -> Format.csvNumber(r.receivedRate())),
            new Column<>("confirm_p50_ms", r -> Format.csvMillis(r.confirmLatency().p50())),
            new Column<>("confirm_p90_ms", r -> Format.csvMillis(r.confirmLatency().p90())),
            new Column<>("confirm_p99_ms", r -> Format.csvMillis(r.confirmLatency().p99())),
            new Column<>("confirm_p999_ms", r -> Format.csvMillis(r.confirmLatency().p999())),
            new Column<>("confirm_max_ms", r -> Format.csvMillis(r.confirmLatency().max())),
            new Column<>("e2e_p50_ms", r -> Format.csvMillis(r.endToEndLatency().p50())),
            new Column<>("e2e_p90_ms", r -> Format.csvMillis(r.endToEndLatency().p90())),
            new Column<>("e2e_p99_ms", r -> Format.csvMillis(r.endToEndLatency().p99())),
            new Column<>("e2e_p999_ms", r -> Format.csvMillis(r.endToEndLatency().p999())),
            new Column<>("e2e_max_ms", r -> Format.csvMillis(r.endToEndLatency().max())),
            new Column<>("cpu_us_per_msg", r -> Format.csvNumber(r.cpuNanosPerMessage() / 1e3)),
            new Column<>("bytes_per_msg", r -> Format.csvNumber(r.bytesPerMessage())));

    static String resultsCsv(List<RunResult> runs) {
        return csv(RESULT_COLUMNS, runs);
    }

    private record TimelineRow(RunResult run, Sample sample) {
    }

    private static final List<Column<TimelineRow>> TIMELINE_COLUMNS = List.of(
            new Column<>("client", t -> t.run.client().cliName()),
            new Column<>("round", t -> Integer.toString(t.run.round())),
            new Column<>("second", t -> Format.csvNumber(t.sample.second())),
            new Column<>("phase", t -> t.sample.warmup() ? "warmup" : "measured"),
            new Column<>("interval_s", t -> Format.csvNumber(t.sample.intervalSeconds())),
            new Column<>("sent_per_s", t -> Format.csvNumber(t.sample.sentRate())),
            new Column<>("confirmed_per_s", t -> Format.csvNumber(t.sample.confirmedRate())),
            new Column<>("received_per_s", t -> Format.csvNumber(t.sample.receivedRate())),
            new Column<>("confirm_p50_ms", t -> Format.csvMillis(t.sample.confirmP50())),
            new Column<>("confirm_p99_ms", t -> Format.csvMillis(t.sample.confirmP99())),
            new Column<>("e2e_p50_ms", t -> Format.csvMillis(t.sample.endToEndP50())),
            new Column<>("e2e_p99_ms", t -> Format.csvMillis(t.sample.endToEndP99())),
            new Column<>("failed", t -> Long.toString(t.sample.failed())));

    static String timelineCsv(List<RunResult> runs) {
        List<TimelineRow> rows = new ArrayList<>();
        runs.forEach(run -> run.timeline().forEach(sample -> rows.add(new TimelineRow(run, sample))));
        return csv(TIMELINE_COLUMNS, rows);
    }

    private record Column<T>(String name, Function<T, String> value) {
    }

    private static <T> String csv(List<Column<T>> columns, List<T> rows) {
        StringBuilder out = new StringBuilder();
        out.append(columns.stream().map(Column::name).collect(Collectors.joining(","))).append('\n');
        for (T row : rows) {
            out.append(columns.stream().map(c -> quote(c.value.apply(row))).collect(Collectors.joining(",")))
                    .append('\n');
        }
        return out.toString();
    }

    private static String quote(String cell) {
        if (cell.contains(",") || cell.contains("\"") || cell.contains("\n")) {
            return '"' + cell.replace("\"", "\"\"") + '"';
        }
        return cell;
    }
}

package dev.warren.amqp.benchmarks.perf;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * What one client run measured, or, from {@link #median}, the per-figure medians of a client's rounds. Counts and
 * rates cover the measured period only (the warmup and the drain after it are left out); {@code failures} covers the
 * whole run. CPU time and allocation are per message published, or per message received when nothing is published.
 *
 * @param round              1 for the first round; 0 for a median over rounds
 * @param transport          Warren's transport as asked for, null for the default or for the official client
 * @param error              one line saying why the run did not complete, or the first failure it counted;
 *                           null when there was neither
 * @param cpuNanosPerMessage process CPU time of the client's JVM over the measured period, per message
 * @param bytesPerMessage    bytes allocated by the client JVM's threads over the measured period, per message
 */
public record RunResult(ClientKind client, int round, String transport, Outcome outcome, String error,
                        double measuredSeconds, long published, long confirmed, long nacked, long returned,
                        long received, long failures, double sentRate, double confirmedRate, double receivedRate,
                        LatencySummary confirmLatency, LatencySummary endToEndLatency, double cpuNanosPerMessage,
                        double bytesPerMessage, List<Sample> timeline) {

    public enum Outcome {
        /** The run went to its end; it may still have counted failures. */
        COMPLETED,
        /** The client could not connect to the broker or peer. */
        CONNECT_FAILED,
        /** The run broke off, or its JVM died or hung. */
        FAILED
    }

    public RunResult {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(outcome, "outcome");
        timeline = List.copyOf(timeline);
    }

    /** A run that produced no figures. */
    public static RunResult failed(ClientKind client, int round, String transport, Outcome outcome, String error) {
        return new RunResult(client, round, transport, outcome, error, 0, 0, 0, 0, 0, 0, 0, Double.NaN, Double.NaN,
                Double.NaN, LatencySummary.EMPTY, LatencySummary.EMPTY, Double.NaN, Double.NaN, List.of());
    }

    /** Completed without any failure counted. */
    public boolean ok() {
        return outcome == Outcome.COMPLETED && failures == 0;
    }

    /** A label for reports and chart legends: {@code warren #2}, or just the client for a median. */
    public String label() {
        String name = client.cliName() + (transport != null && client == ClientKind.WARREN ? " (" + transport + ")" : "");
        return round == 0 ? name : name + " #" + round;
    }

    /**
     * The medians, figure by figure, of the runs that completed; failures are summed over all runs. When no run
     * completed, the result is failed with the first run's error.
     */
    public static RunResult median(List<RunResult> runs) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("no runs");
        }
        RunResult first = runs.get(0);
        long failures = runs.stream().mapToLong(RunResult::failures).sum();
        String error = runs.stream().map(RunResult::error).filter(Objects::nonNull).findFirst().orElse(null);
        List<RunResult> completed = runs.stream().filter(r -> r.outcome == Outcome.COMPLETED).toList();
        if (completed.isEmpty()) {
            return failed(first.client, 0, first.transport, first.outcome, error);
        }
        Outcome outcome = completed.size() == runs.size() ? Outcome.COMPLETED : Outcome.FAILED;
        return new RunResult(first.client, 0, first.transport, outcome, error,
                m(completed, RunResult::measuredSeconds), lm(completed, RunResult::published),
                lm(completed, RunResult::confirmed), lm(completed, RunResult::nacked),
                lm(completed, RunResult::returned), lm(completed, RunResult::received), failures,
                m(completed, RunResult::sentRate), m(completed, RunResult::confirmedRate),
                m(completed, RunResult::receivedRate), latency(completed, RunResult::confirmLatency),
                latency(completed, RunResult::endToEndLatency), m(completed, RunResult::cpuNanosPerMessage),
                m(completed, RunResult::bytesPerMessage), List.of());
    }

    private static double m(List<RunResult> runs, ToDoubleFunction<RunResult> figure) {
        return Stats.median(runs, figure);
    }

    private static long lm(List<RunResult> runs, ToDoubleFunction<RunResult> figure) {
        return Math.round(Stats.median(runs, figure));
    }

    private static LatencySummary latency(List<RunResult> runs, Function<RunResult, LatencySummary> which) {
        return LatencySummary.median(runs.stream().map(which).toList());
    }

    public Map<String, Object> toJson(boolean withTimeline) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("client", client.cliName());
        json.put("round", round);
        json.put("transport", transport);
        json.put("outcome", outcome.name().toLowerCase(java.util.Locale.ROOT));
        json.put("error", error);
        json.put("measured_s", measuredSeconds);
        json.put("published", published);
        json.put("confirmed", confirmed);
        json.put("nacked", nacked);
        json.put("returned", returned);
        json.put("received", received);
        json.put("failures", failures);
        json.put("sent_per_s", sentRate);
        json.put("confirmed_per_s", confirmedRate);
        json.put("received_per_s", receivedRate);
        json.put("confirm_latency", confirmLatency.toJson());
        json.put("e2e_latency", endToEndLatency.toJson());
        json.put("cpu_ns_per_msg", cpuNanosPerMessage);
        json.put("bytes_per_msg", bytesPerMessage);
        if (withTimeline) {
            json.put("timeline", timeline.stream().map(Sample::toJson).toList());
        }
        return json;
    }

    @SuppressWarnings("unchecked")
    public static RunResult fromJson(Map<String, Object> json) {
        List<Sample> timeline = Json.array(json, "timeline").stream()
                .map(sample -> Sample.fromJson((Map<String, Object>) sample)).toList();
        return new RunResult(ClientKind.fromCliName(Json.string(json, "client")),
                (int) Json.integer(json, "round", 0), Json.string(json, "transport"),
                Outcome.valueOf(Json.string(json, "outcome").toUpperCase(java.util.Locale.ROOT)),
                Json.string(json, "error"), Json.number(json, "measured_s"), Json.integer(json, "published", 0),
                Json.integer(json, "confirmed", 0), Json.integer(json, "nacked", 0),
                Json.integer(json, "returned", 0), Json.integer(json, "received", 0),
                Json.integer(json, "failures", 0), Json.number(json, "sent_per_s"),
                Json.number(json, "confirmed_per_s"), Json.number(json, "received_per_s"),
                LatencySummary.fromJson(Json.object(json, "confirm_latency")),
                LatencySummary.fromJson(Json.object(json, "e2e_latency")), Json.number(json, "cpu_ns_per_msg"),
                Json.number(json, "bytes_per_msg"), timeline);
    }
}

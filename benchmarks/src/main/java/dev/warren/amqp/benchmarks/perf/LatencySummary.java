package dev.warren.amqp.benchmarks.perf;

import org.HdrHistogram.Histogram;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Percentiles of one latency distribution, in nanoseconds; NaN when nothing was recorded.
 *
 * @param count how many latencies were recorded
 */
public record LatencySummary(long count, double p50, double p90, double p99, double p999, double max) {

    public static final LatencySummary EMPTY =
            new LatencySummary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

    public static LatencySummary of(Histogram histogram) {
        if (histogram.getTotalCount() == 0) {
            return EMPTY;
        }
        return new LatencySummary(histogram.getTotalCount(), histogram.getValueAtPercentile(50),
                histogram.getValueAtPercentile(90), histogram.getValueAtPercentile(99),
                histogram.getValueAtPercentile(99.9), histogram.getMaxValue());
    }

    public boolean isEmpty() {
        return count == 0;
    }

    /** Each percentile the median of the same percentile over {@code summaries}; empty ones are left out. */
    public static LatencySummary median(List<LatencySummary> summaries) {
        List<LatencySummary> measured = summaries.stream().filter(s -> !s.isEmpty()).toList();
        if (measured.isEmpty()) {
            return EMPTY;
        }
        return new LatencySummary(Math.round(Stats.median(measured, s -> (double) s.count)),
                Stats.median(measured, LatencySummary::p50), Stats.median(measured, LatencySummary::p90),
                Stats.median(measured, LatencySummary::p99), Stats.median(measured, LatencySummary::p999),
                Stats.median(measured, LatencySummary::max));
    }

    /** The percentiles the chart and reports show, with their labels. */
    public static final List<Percentile> PERCENTILES = List.of(
            new Percentile("p50", LatencySummary::p50), new Percentile("p90", LatencySummary::p90),
            new Percentile("p99", LatencySummary::p99), new Percentile("p99.9", LatencySummary::p999));

    public record Percentile(String label, ToDoubleFunction<LatencySummary> value) {
    }

    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("count", count);
        json.put("p50_ns", p50);
        json.put("p90_ns", p90);
        json.put("p99_ns", p99);
        json.put("p999_ns", p999);
        json.put("max_ns", max);
        return json;
    }

    static LatencySummary fromJson(Map<String, Object> json) {
        long count = Json.integer(json, "count", 0);
        if (count == 0) {
            return EMPTY;
        }
        return new LatencySummary(count, Json.number(json, "p50_ns"), Json.number(json, "p90_ns"),
                Json.number(json, "p99_ns"), Json.number(json, "p999_ns"), Json.number(json, "max_ns"));
    }
}

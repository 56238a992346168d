package dev.warren.amqp.benchmarks.perf;

import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleFunction;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/** A figure a run reports, how to print it, which way is better, and which scenarios produce it. */
public enum Figure {
    SENT("sent", "sent_per_s", true, RunResult::sentRate, Format::rate, s -> s.producers() > 0),
    CONFIRMED("confirmed", "confirmed_per_s", true, RunResult::confirmedRate, Format::rate, Figure::confirms),
    RECEIVED("received", "received_per_s", true, RunResult::receivedRate, Format::rate, s -> s.consumers() > 0),
    CONFIRM_P50("confirm latency p50", "confirm_p50", false, r -> r.confirmLatency().p50(), Format::latency,
            Figure::confirms),
    CONFIRM_P99("confirm latency p99", "confirm_p99", false, r -> r.confirmLatency().p99(), Format::latency,
            Figure::confirms),
    CONFIRM_P999("confirm latency p99.9", "confirm_p999", false, r -> r.confirmLatency().p999(), Format::latency,
            Figure::confirms),
    E2E_P50("end-to-end latency p50", "e2e_p50", false, r -> r.endToEndLatency().p50(), Format::latency,
            ProgressLine::endToEndMeasured),
    E2E_P99("end-to-end latency p99", "e2e_p99", false, r -> r.endToEndLatency().p99(), Format::latency,
            ProgressLine::endToEndMeasured),
    E2E_P999("end-to-end latency p99.9", "e2e_p999", false, r -> r.endToEndLatency().p999(), Format::latency,
            ProgressLine::endToEndMeasured),
    CPU("CPU per message", "cpu_ns_per_msg", false, RunResult::cpuNanosPerMessage,
            v -> Format.micros(v) + " µs", s -> true),
    ALLOCATION("allocated per message", "bytes_per_msg", false, RunResult::bytesPerMessage,
            v -> Format.bytes(v) + " B", s -> true);

    private final String label;
    private final String key;
    private final boolean higherIsBetter;
    private final ToDoubleFunction<RunResult> value;
    private final DoubleFunction<String> format;
    private final Predicate<Scenario> measuredIn;

    Figure(String label, String key, boolean higherIsBetter, ToDoubleFunction<RunResult> value,
           DoubleFunction<String> format, Predicate<Scenario> measuredIn) {
        this.label = label;
        this.key = key;
        this.higherIsBetter = higherIsBetter;
        this.value = value;
        this.format = format;
        this.measuredIn = measuredIn;
    }

    public String label() {
        return label;
    }

    /** The figure's name in results.json's ratios. */
    public String key() {
        return key;
    }

    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    /** The figure's value, NaN when the run did not measure it. */
    public double of(RunResult result) {
        return value.applyAsDouble(result);
    }

    public String format(double v) {
        return Double.isNaN(v) ? "-" : format.apply(v);
    }

    /** Whether runs of {@code scenario} produce this figure. */
    public boolean measuredInScenario(Scenario scenario) {
        return measuredIn.test(scenario);
    }

    /** The scenario's throughput figure: messages published, or received when nothing is published. */
    public static Figure main(Scenario scenario) {
        return scenario.producers() > 0 ? SENT : RECEIVED;
    }

    /** The figures {@code scenario} produces, in report order. */
    public static List<Figure> measuredIn(Scenario scenario) {
        return Arrays.stream(values()).filter(f -> f.measuredIn.test(scenario)).toList();
    }

    /** Of two values, the better one; a missing value never wins. */
    public double better(double a, double b) {
        if (Double.isNaN(a)) {
            return b;
        }
        if (Double.isNaN(b)) {
            return a;
        }
        return higherIsBetter ? Math.max(a, b) : Math.min(a, b);
    }

    /** Whether {@code ratio} (Warren ÷ other) favours Warren. */
    public boolean favours(double ratio) {
        return higherIsBetter ? ratio > 1 : ratio < 1;
    }

    private static boolean confirms(Scenario scenario) {
        return scenario.producers() > 0 && scenario.confirmWindow() > 0;
    }
}

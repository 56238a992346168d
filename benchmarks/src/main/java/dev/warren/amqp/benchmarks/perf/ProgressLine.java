package dev.warren.amqp.benchmarks.perf;

import java.util.Locale;

/**
 * The line printed for each second of a run, showing only the figures the scenario produces, e.g.
 * {@code warmup  3s | sent 1,234,567/s | received 1,230,001/s | e2e p50 0.82 ms p99 1.20 ms}.
 */
final class ProgressLine {

    private ProgressLine() {
    }

    static String of(Scenario scenario, Sample sample, double elapsedSeconds) {
        StringBuilder line = new StringBuilder();
        line.append(sample.warmup() ? "warmup " : "       ")
                .append(String.format(Locale.ROOT, "%3ds", Math.round(elapsedSeconds)));
        if (scenario.producers() > 0) {
            line.append(" | sent ").append(Format.count(sample.sentRate())).append("/s");
            if (scenario.confirmWindow() > 0) {
                line.append(" | confirmed ").append(Format.count(sample.confirmedRate())).append("/s");
            }
        }
        if (scenario.consumers() > 0) {
            line.append(" | received ").append(Format.count(sample.receivedRate())).append("/s");
        }
        if (endToEndMeasured(scenario)) {
            line.append(" | e2e p50 ").append(Format.latency(sample.endToEndP50()))
                    .append(" p99 ").append(Format.latency(sample.endToEndP99()));
        } else if (scenario.producers() > 0 && scenario.confirmWindow() > 0) {
            line.append(" | confirm p50 ").append(Format.latency(sample.confirmP50()))
                    .append(" p99 ").append(Format.latency(sample.confirmP99()));
        }
        if (sample.failed() > 0) {
            line.append(" | FAILED ").append(Format.count(sample.failed()));
        }
        return line.toString();
    }

    /** End-to-end latency needs timestamps in the bodies and someone to receive them. */
    static boolean endToEndMeasured(Scenario scenario) {
        return scenario.consumers() > 0 && scenario.hasTimestamps();
    }
}

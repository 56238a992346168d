package dev.warren.amqp.benchmarks.perf;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/** Issue 6's performance goals, checked against results.json files of the preset runs. */
final class Goals {

    /** One results.json: a preset run with --compare, or Warren alone on one transport. */
    record Results(Path file, String preset, boolean compare, String transport, String created,
                   List<RunResult> clients) {
    }

    enum Status {
        MET("✓"), MISSED("✗"), NO_DATA("?"), INFO("·");

        private final String mark;

        Status(String mark) {
            this.mark = mark;
        }
    }

    /** A goal, or with {@code informational} a figure shown without a target. */
    record Line(String preset, String goal, String target, String measured, Status status, boolean informational) {

        Line(String preset, String goal, String target, String measured, Status status) {
            this(preset, goal, target, measured, status, false);
        }

        boolean metOrInformational() {
            return informational || status == Status.MET;
        }
    }

    private final List<Results> results;

    Goals(List<Results> results) {
        this.results = results;
    }

    List<Line> evaluate() {
        List<Line> lines = new ArrayList<>();
        ratioGoal(lines, "sink-publish", Figure.SENT, "Warren ÷ better official, sent/s", 5.0);
        warrenGoal(lines, "sink-publish", Figure.CPU, "Warren CPU per message", 300, " µs",
                v -> Format.micros(v));
        warrenGoal(lines, "sink-publish", Figure.ALLOCATION, "Warren allocation per message", 32, " B",
                v -> Format.bytes(v));
        ratioGoal(lines, "source-consume", Figure.RECEIVED, "Warren ÷ better official, received/s", 3.0);
        ratioGoal(lines, "rabbit-1p1c", Figure.SENT, "Warren ÷ better official, sent/s", 1.5);
        ratioGoal(lines, "rabbit-1p1c", Figure.CONFIRM_P50, "Warren ÷ better official, confirm latency p50", 1.0);
        ratioGoal(lines, "rabbit-1p1c", Figure.CONFIRM_P99, "Warren ÷ better official, confirm latency p99", 1.0);
        ratioGoal(lines, "rabbit-fixed-rate", Figure.E2E_P99, "Warren ÷ better official, end-to-end p99", 0.5);
        for (String preset : List.of("sink-publish", "source-consume", "rabbit-1p1c")) {
            transportLine(lines, preset);
        }
        return lines;
    }

    /**
     * For throughput the ratio must reach {@code bound}; for latency it must stay below it ({@code bound} 1 means
     * "lower than the official client's"), or at most {@code bound} when that is under 1.
     */
    private void ratioGoal(List<Line> lines, String preset, Figure figure, String goal, double bound) {
        String target = figure.higherIsBetter() ? "≥ " + Format.ratio(bound)
                : bound == 1.0 ? "< 1× (lower)" : "≤ " + Format.ratio(bound);
        Optional<Comparison> comparison = latest(preset, true, null)
                .flatMap(r -> Comparison.of(figure, r.clients()));
        if (comparison.isEmpty() || Double.isNaN(comparison.get().vsBest())) {
            lines.add(new Line(preset, goal, target, "no data", Status.NO_DATA));
            return;
        }
        double ratio = comparison.get().vsBest();
        boolean met = figure.higherIsBetter() ? ratio >= bound : bound == 1.0 ? ratio < bound : ratio <= bound;
        lines.add(new Line(preset, goal, target, Format.ratio(ratio) + " vs " + comparison.get().best(),
                met ? Status.MET : Status.MISSED));
    }

    private void warrenGoal(List<Line> lines, String preset, Figure figure, String goal, double max, String unit,
                            java.util.function.DoubleFunction<String> format) {
        String target = "≤ " + format.apply(max) + unit;
        Optional<RunResult> warren = latest(preset, true, null).flatMap(r -> warren(r.clients()));
        double value = warren.map(figure::of).orElse(Double.NaN);
        if (Double.isNaN(value)) {
            lines.add(new Line(preset, goal, target, "no data", Status.NO_DATA));
            return;
        }
        lines.add(new Line(preset, goal, target, format.apply(value) + unit,
                value <= max ? Status.MET : Status.MISSED));
    }

    private void transportLine(List<Line> lines, String preset) {
        Optional<RunResult> epoll = latest(preset, false, "epoll").flatMap(r -> warren(r.clients()));
        Optional<RunResult> nio = latest(preset, false, "nio").flatMap(r -> warren(r.clients()));
        String goal = "Warren epoll ÷ nio, " + (preset.equals("source-consume") ? "received/s" : "sent/s");
        Figure figure = preset.equals("source-consume") ? Figure.RECEIVED : Figure.SENT;
        double ratio = epoll.isPresent() && nio.isPresent()
                ? Comparison.ratio(figure.of(epoll.get()), figure.of(nio.get())) : Double.NaN;
        lines.add(new Line(preset, goal, "(for information)",
                Double.isNaN(ratio) ? "no data" : Format.ratio(ratio), Double.isNaN(ratio) ? Status.NO_DATA
                : Status.INFO, true));
    }

    private Optional<Results> latest(String preset, boolean compare, String transport) {
        return results.stream()
                .filter(r -> r.preset().equals(preset) && r.compare() == compare
                        && (compare || Objects.equals(r.transport(), transport)))
                .max(Comparator.comparing(Results::created));
    }

    private static Optional<RunResult> warren(List<RunResult> clients) {
        return clients.stream().filter(c -> c.client() == ClientKind.WARREN
                && c.outcome() == RunResult.Outcome.COMPLETED).findFirst();
    }

    static String render(List<Line> lines) {
        int presetWidth = lines.stream().mapToInt(l -> l.preset().length()).max().orElse(0);
        int goalWidth = lines.stream().mapToInt(l -> l.goal().length()).max().orElse(0);
        int targetWidth = lines.stream().mapToInt(l -> l.target().length()).max().orElse(0);
        int measuredWidth = lines.stream().mapToInt(l -> l.measured().length()).max().orElse(0);
        String format = "%-" + presetWidth + "s  %-" + goalWidth + "s  %-" + targetWidth + "s  %-" + measuredWidth
                + "s  %s%n";
        StringBuilder out = new StringBuilder();
        for (Line line : lines) {
            out.append(String.format(Locale.ROOT, format, line.preset(), line.goal(), line.target(),
                    line.measured(), line.status().mark));
        }
        long met = lines.stream().filter(l -> l.status() == Status.MET).count();
        long goals = lines.stream().filter(l -> !l.informational()).count();
        out.append(met).append(" of ").append(goals).append(" goals met\n");
        return out.toString();
    }
}

package dev.warren.amqp.benchmarks.perf.report;

import dev.warren.amqp.benchmarks.perf.Comparison;
import dev.warren.amqp.benchmarks.perf.Figure;
import dev.warren.amqp.benchmarks.perf.Format;
import dev.warren.amqp.benchmarks.perf.Plan;
import dev.warren.amqp.benchmarks.perf.RunResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The tables printed at the end of a run: figures per client, then Warren's ratios to the official client. */
public final class SummaryReport {

    private SummaryReport() {
    }

    /** One column per client (medians over rounds), one row per figure the scenario measures. */
    public static String figures(Plan plan, List<RunResult> medians) {
        List<String> header = new ArrayList<>();
        header.add(plan.rounds() > 1 ? "median of " + plan.rounds() + " rounds" : "figure");
        medians.forEach(r -> header.add(r.label()));
        TextTable table = new TextTable(header);
        for (Figure figure : Figure.measuredIn(plan.scenario())) {
            List<String> row = new ArrayList<>();
            row.add(figure.label());
            medians.forEach(r -> row.add(figure.format(figure.of(r))));
            table.row(row);
        }
        List<String> failures = new ArrayList<>();
        failures.add("failures");
        medians.forEach(r -> failures.add(r.outcome() == RunResult.Outcome.COMPLETED
                ? Format.count(r.failures()) : "run failed"));
        table.row(failures);
        List<String> nacked = new ArrayList<>();
        nacked.add("nacked / returned");
        medians.forEach(r -> nacked.add(Format.count(r.nacked()) + " / " + Format.count(r.returned())));
        if (medians.stream().anyMatch(r -> r.nacked() > 0 || r.returned() > 0)) {
            table.row(nacked);
        }
        return table.render();
    }

    /**
     * Warren ÷ each official mode and ÷ the better of them, per figure, with a tick where Warren is better; empty
     * unless Warren and the official client both ran.
     */
    public static Optional<String> ratios(Plan plan, List<RunResult> medians) {
        TextTable table = new TextTable(List.of("warren ÷ official", "÷ blocking", "÷ netty", "÷ better official"));
        boolean any = false;
        for (Figure figure : Figure.measuredIn(plan.scenario())) {
            Optional<Comparison> comparison = Comparison.of(figure, medians);
            if (comparison.isEmpty()) {
                continue;
            }
            Comparison c = comparison.get();
            any = true;
            String verdict = Double.isNaN(c.vsBest()) ? "" : figure.favours(c.vsBest()) ? " ✓" : " ✗";
            table.row(List.of(figure.label(), Format.ratio(c.vsBlocking()), Format.ratio(c.vsNetty()),
                    Format.ratio(c.vsBest()) + verdict));
        }
        if (!any) {
            return Optional.empty();
        }
        return Optional.of(table.render() + "✓ where Warren is better: higher throughput; lower latency, CPU and "
                + "allocation.\n");
    }
}

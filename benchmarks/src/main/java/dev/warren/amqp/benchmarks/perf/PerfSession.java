package dev.warren.amqp.benchmarks.perf;

import dev.warren.amqp.benchmarks.perf.report.ResultChart;
import dev.warren.amqp.benchmarks.perf.report.ResultFiles;
import dev.warren.amqp.benchmarks.perf.report.SummaryReport;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Carries out a {@link Plan}: for each round, each client in turn, a child JVM (and, for peer runs, a fresh peer
 * JVM); then the summary, the ratios, the result files and the chart.
 */
final class PerfSession {

    private static final int PROBE_TIMEOUT_MILLIS = 5_000;

    private final Plan plan;
    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean verbose;

    PerfSession(Plan plan, PrintWriter out, PrintWriter err, boolean verbose) {
        this.plan = plan;
        this.out = out;
        this.err = err;
        this.verbose = verbose;
    }

    /** Returns the exit code: 0 when every run completed without failures. */
    int run() throws IOException, InterruptedException {
        Scenario scenario = plan.scenario();
        if (plan.peer() == null) {
            Endpoint endpoint = Endpoint.of(scenario.uri());
            Optional<String> unreachable = endpoint.probe(PROBE_TIMEOUT_MILLIS);
            if (unreachable.isPresent()) {
                return fail(ConnectError.line(endpoint, unreachable.get()));
            }
        }
        Path runsDir = plan.outputDir().resolve("runs");
        Files.createDirectories(runsDir);
        out.println(PerfTool.NAME + ": " + describe() + "; results in " + plan.outputDir());
        out.flush();
        List<RunResult> runs = new ArrayList<>();
        try (ProcessGuard guard = new ProcessGuard()) {
            ChildRun childRun = new ChildRun(plan.jvmOptions(), guard, out);
            for (int round = 1; round <= plan.rounds(); round++) {
                for (ClientKind client : plan.clients()) {
                    RunResult result;
                    try {
                        result = runOnce(client, round, runsDir, childRun, guard);
                    } catch (PeerProcess.StartException e) {
                        return fail(e.getMessage());
                    }
                    if (result.outcome() == RunResult.Outcome.CONNECT_FAILED) {
                        int code = fail(result.error());
                        showLog(logOf(result));
                        return code;
                    }
                    runs.add(result);
                }
            }
            if (scenario.declare()) {
                purge(scenario);
            }
        }
        return report(runs);
    }

    /** One client run in a child JVM, after a fresh peer is up or the queue is empty. */
    private RunResult runOnce(ClientKind client, int round, Path runsDir, ChildRun childRun, ProcessGuard guard)
            throws IOException, InterruptedException, PeerProcess.StartException {
        String name = client.cliName() + "-" + round;
        Scenario scenario = plan.scenario().withClient(client);
        if (scenario.declare()) {
            purge(scenario);
        }
        PeerProcess peer = null;
        if (plan.peer() != null) {
            peer = PeerProcess.start(plan.peer(), plan.peerHost(), scenario.messageSize(),
                    runsDir.resolve(name + "-peer.log"), plan.jvmOptions(), guard);
            scenario = scenario.withUri(peer.uri());
        }
        try {
            RunSpec spec = new RunSpec(scenario, plan.warmup(), round, runsDir.resolve(name + "-result.json"));
            String prefix = "[" + client.cliName() + (plan.rounds() > 1 ? " #" + round : "") + "] ";
            return childRun.run(spec, runsDir.resolve(name + "-spec.json"), runsDir.resolve(name + ".log"), prefix);
        } finally {
            if (peer != null) {
                peer.close();
            }
        }
    }

    private Path logOf(RunResult run) {
        return plan.outputDir().resolve("runs").resolve(run.client().cliName() + "-" + run.round() + ".log");
    }

    private void purge(Scenario scenario) {
        QueuePurger.purge(scenario.uri(), scenario.queue()).ifPresent(why -> {
            out.println(PerfTool.NAME + ": could not purge the queue '" + scenario.queue() + "' (" + why
                    + "); the next run may receive this one's backlog");
            out.flush();
        });
    }

    private int report(List<RunResult> runs) throws IOException {
        List<RunResult> medians = plan.clients().stream()
                .map(client -> RunResult.median(runs.stream().filter(r -> r.client() == client).toList()))
                .toList();
        out.println();
        out.print(SummaryReport.figures(plan, medians));
        SummaryReport.ratios(plan, medians).ifPresent(ratios -> {
            out.println();
            out.print(ratios);
        });
        ResultFiles.write(plan, runs, medians);
        ResultChart.write(plan, runs, medians);
        out.println();
        out.println("Results: " + plan.outputDir().resolve(ResultFiles.JSON) + ", " + ResultFiles.CSV + ", "
                + ResultFiles.TIMELINE + ", " + ResultChart.FILE);
        out.flush();
        boolean ok = true;
        for (RunResult run : runs) {
            if (run.outcome() != RunResult.Outcome.COMPLETED) {
                err.println(PerfTool.NAME + ": " + run.label() + " failed: " + run.error());
            } else if (run.failures() > 0) {
                err.println(PerfTool.NAME + ": " + run.label() + " counted " + Format.count(run.failures())
                        + (run.failures() == 1 ? " failure" : " failures")
                        + (run.error() == null ? "" : ", the first: " + run.error()));
            }
            if (!run.ok()) {
                ok = false;
                showLog(logOf(run));
            }
        }
        err.flush();
        return ok ? 0 : 1;
    }

    /** With --verbose, a failed run's log (stack traces, library warnings) follows the one-line error. */
    private void showLog(Path log) {
        if (!verbose || !Files.isRegularFile(log)) {
            return;
        }
        try {
            err.println("---- " + log);
            Files.readAllLines(log).forEach(err::println);
            err.println("----");
        } catch (IOException e) {
            err.println("(cannot read " + log + ": " + e.getMessage() + ")");
        }
        err.flush();
    }

    private int fail(String message) {
        err.println(PerfTool.NAME + ": " + message);
        err.flush();
        return 1;
    }

    /** {@code warren vs official-blocking vs official-netty, 1 producer, 1 consumer, 16 B, ... against ...}. */
    private String describe() {
        Scenario s = plan.scenario();
        StringBuilder text = new StringBuilder(String.join(" vs ", plan.clients().stream().map(ClientKind::cliName)
                .toList()));
        if (s.transport() != null) {
            text.append(" (").append(s.transport()).append(')');
        }
        text.append(", ").append(s.producers()).append(s.producers() == 1 ? " producer" : " producers")
                .append(", ").append(s.consumers()).append(s.consumers() == 1 ? " consumer" : " consumers")
                .append(", ").append(s.messageSize()).append(" B");
        if (s.ratePerProducer() > 0) {
            text.append(", ").append(Format.count(s.ratePerProducer())).append(" msg/s per producer");
        }
        text.append(s.confirmWindow() > 0 ? ", confirm window " + s.confirmWindow() : ", no confirms");
        if (s.consumers() > 0) {
            text.append(s.autoAck() ? ", auto-ack" : ", manual acks");
            if (s.prefetch() > 0) {
                text.append(", prefetch ").append(s.prefetch());
            }
        }
        if (s.duration() != null) {
            text.append(", ").append(Durations.format(s.duration()));
        }
        if (s.messageCount() > 0) {
            text.append(", ").append(Format.count(s.messageCount())).append(" msg per producer");
        }
        if (!plan.warmup().isZero()) {
            text.append(" after ").append(Durations.format(plan.warmup())).append(" warmup");
        }
        if (plan.rounds() > 1) {
            text.append(", ").append(plan.rounds()).append(" rounds");
        }
        text.append(plan.peer() != null
                ? ", against a benchmark " + plan.peer().name().toLowerCase(Locale.ROOT) + " peer"
                : ", against " + Endpoint.of(s.uri()));
        return text.toString();
    }
}

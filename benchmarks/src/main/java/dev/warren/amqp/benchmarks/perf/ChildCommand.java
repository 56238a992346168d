package dev.warren.amqp.benchmarks.perf;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * The hidden subcommand each client run executes in its own JVM: runs a {@link RunSpec}, prints progress lines and
 * one final line on stdout, writes the result file, and puts anything else (stack traces, library logs) on stderr,
 * which the parent keeps in a log file.
 */
@Command(name = "child", hidden = true, description = "Runs one client run (started by the tool itself).")
final class ChildCommand implements Callable<Integer> {

    /** Exit codes the parent reads together with the result file. */
    static final int COMPLETED = 0;
    static final int FAILED = 1;
    static final int CONNECT_FAILED = 3;

    @Spec
    private CommandSpec command;

    @Option(names = "--spec", required = true, description = "The run spec (JSON) to execute.")
    private Path specFile;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = command.commandLine().getOut();
        RunSpec spec = RunSpec.read(specFile);
        Scenario scenario = spec.scenario();
        RunResult result;
        try {
            result = new ScenarioRunner(spec, out).run(ClientDrivers.create(scenario.client()));
        } catch (Throwable e) {
            e.printStackTrace();
            String transport = scenario.client() == ClientKind.WARREN ? scenario.transport() : null;
            result = ConnectError.find(e)
                    .map(reason -> RunResult.failed(scenario.client(), spec.round(), transport,
                            RunResult.Outcome.CONNECT_FAILED, ConnectError.line(Endpoint.of(scenario.uri()), reason)))
                    .orElseGet(() -> RunResult.failed(scenario.client(), spec.round(), transport,
                            RunResult.Outcome.FAILED, oneLine(e)));
        }
        Files.writeString(spec.resultFile(), Json.write(result.toJson(true)), StandardCharsets.UTF_8);
        out.println(finalLine(scenario, result));
        out.flush();
        return switch (result.outcome()) {
            case COMPLETED -> COMPLETED;
            case CONNECT_FAILED -> CONNECT_FAILED;
            case FAILED -> FAILED;
        };
    }

    private static String finalLine(Scenario scenario, RunResult result) {
        if (result.outcome() != RunResult.Outcome.COMPLETED) {
            return "failed: " + result.error();
        }
        StringBuilder line = new StringBuilder("done: measured ")
                .append(String.format(java.util.Locale.ROOT, "%.1f s", result.measuredSeconds()));
        if (scenario.producers() > 0) {
            line.append(", sent ").append(Format.count(result.published()));
        }
        if (scenario.consumers() > 0) {
            line.append(", received ").append(Format.count(result.received()));
        }
        return line.append(", ").append(Format.count(result.failures()))
                .append(result.failures() == 1 ? " failure" : " failures").toString();
    }

    /** The exception's class and message, and its cause's when it says more, on one line. */
    static String oneLine(Throwable e) {
        StringBuilder line = new StringBuilder(e.getClass().getSimpleName());
        if (e.getMessage() != null) {
            line.append(": ").append(e.getMessage());
        }
        Throwable cause = e.getCause();
        if (cause != null && cause != e && (e.getMessage() == null || !e.getMessage().contains(cause.toString()))) {
            line.append(" (caused by ").append(cause.getClass().getSimpleName());
            if (cause.getMessage() != null) {
                line.append(": ").append(cause.getMessage());
            }
            line.append(')');
        }
        return line.toString().replaceAll("\\s*\\R\\s*", " ");
    }
}

package dev.warren.amqp.benchmarks.perf;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code warren-perf goals DIR}: reads the results.json files under DIR (the presets run with {@code --compare},
 * and Warren alone with {@code --transport nio} and {@code epoll}) and prints issue 6's goals with the measured
 * figures, ✓ or ✗. Exit code 0 when every goal is met.
 */
@Command(name = "goals", mixinStandardHelpOptions = true,
        description = "Prints the performance goals with the figures measured by the preset runs under DIR.")
final class GoalsCommand implements Callable<Integer> {

    @Spec
    private CommandSpec command;

    @Parameters(paramLabel = "DIR", description = "A folder holding the runs' results.json files (at any depth up to 3).")
    private Path dir;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = command.commandLine().getOut();
        PrintWriter err = command.commandLine().getErr();
        if (!Files.isDirectory(dir)) {
            err.println(PerfTool.NAME + ": " + dir + " is not a folder");
            err.flush();
            return 1;
        }
        Goals goals = new Goals(read(dir));
        List<Goals.Line> lines = goals.evaluate();
        out.print(Goals.render(lines));
        out.flush();
        return lines.stream().allMatch(Goals.Line::metOrInformational) ? 0 : 1;
    }

    static List<Goals.Results> read(Path dir) throws IOException {
        List<Path> files;
        try (Stream<Path> paths = Files.find(dir, 3, (path, attributes) ->
                attributes.isRegularFile() && path.getFileName().toString().equals("results.json"))) {
            files = paths.sorted(Comparator.naturalOrder()).toList();
        }
        List<Goals.Results> results = new ArrayList<>();
        for (Path file : files) {
            Map<String, Object> json;
            try {
                json = Json.parseObject(Files.readString(file, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                continue;
            }
            @SuppressWarnings("unchecked")
            List<RunResult> clients = Json.array(json, "clients").stream()
                    .map(c -> RunResult.fromJson((Map<String, Object>) c)).toList();
            results.add(new Goals.Results(file, Optional.ofNullable(Json.string(json, "preset")).orElse(""),
                    Boolean.TRUE.equals(json.get("compare")),
                    Json.string(Json.object(json, "scenario"), "transport"),
                    Optional.ofNullable(Json.string(json, "created")).orElse(""), clients));
        }
        return results;
    }
}

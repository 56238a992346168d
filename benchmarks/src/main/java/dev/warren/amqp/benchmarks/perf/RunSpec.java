package dev.warren.amqp.benchmarks.perf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the tool asks of one child JVM: run {@code scenario} once, after {@code warmup}, and write the
 * {@link RunResult} as JSON to {@code resultFile}.
 */
public record RunSpec(Scenario scenario, Duration warmup, int round, Path resultFile) {

    void write(Path file) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("scenario", ScenarioJson.toJson(scenario));
        json.put("warmup_ms", warmup.toMillis());
        json.put("round", round);
        json.put("result_file", resultFile.toAbsolutePath().toString());
        Files.writeString(file, Json.write(json), StandardCharsets.UTF_8);
    }

    static RunSpec read(Path file) throws IOException {
        Map<String, Object> json = Json.parseObject(Files.readString(file, StandardCharsets.UTF_8));
        return new RunSpec(ScenarioJson.fromJson(Json.object(json, "scenario")),
                Duration.ofMillis(Json.integer(json, "warmup_ms", 0)), (int) Json.integer(json, "round", 1),
                Path.of(Json.string(json, "result_file")));
    }
}

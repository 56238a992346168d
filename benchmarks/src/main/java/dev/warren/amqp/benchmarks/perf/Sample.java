package dev.warren.amqp.benchmarks.perf;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One interval (normally a second) of a run, as the progress line shows it. Latencies in nanoseconds, NaN when none
 * was recorded in the interval.
 *
 * @param second          seconds from the start of the measured period to the end of this interval; zero or
 *                        less during the warmup
 * @param warmup          whether the interval belongs to the warmup, which the run's figures exclude
 * @param intervalSeconds the interval's length (the last one of a run may be shorter than a second)
 */
public record Sample(double second, boolean warmup, double intervalSeconds, double sentRate, double confirmedRate,
                     double receivedRate, double confirmP50, double confirmP99, double endToEndP50,
                     double endToEndP99, long failed) {

    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("second", second);
        json.put("warmup", warmup);
        json.put("interval_s", intervalSeconds);
        json.put("sent_per_s", sentRate);
        json.put("confirmed_per_s", confirmedRate);
        json.put("received_per_s", receivedRate);
        json.put("confirm_p50_ns", confirmP50);
        json.put("confirm_p99_ns", confirmP99);
        json.put("e2e_p50_ns", endToEndP50);
        json.put("e2e_p99_ns", endToEndP99);
        json.put("failed", failed);
        return json;
    }

    static Sample fromJson(Map<String, Object> json) {
        return new Sample(Json.number(json, "second"), Boolean.TRUE.equals(json.get("warmup")),
                Json.number(json, "interval_s"), Json.number(json, "sent_per_s"),
                Json.number(json, "confirmed_per_s"), Json.number(json, "received_per_s"),
                Json.number(json, "confirm_p50_ns"), Json.number(json, "confirm_p99_ns"),
                Json.number(json, "e2e_p50_ns"), Json.number(json, "e2e_p99_ns"), Json.integer(json, "failed", 0));
    }
}

package dev.warren.amqp.benchmarks.perf;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** A {@link Scenario} as JSON, for the child JVMs' run specs and for results.json. */
public final class ScenarioJson {

    private ScenarioJson() {
    }

    public static Map<String, Object> toJson(Scenario s) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("uri", s.uri());
        json.put("transport", s.transport());
        json.put("client", s.client().cliName());
        json.put("producers", s.producers());
        json.put("consumers", s.consumers());
        json.put("size", s.messageSize());
        json.put("rate", s.ratePerProducer());
        json.put("confirm", s.confirmWindow());
        json.put("prefetch", s.prefetch());
        json.put("auto_ack", s.autoAck());
        json.put("duration_ms", s.duration() == null ? null : s.duration().toMillis());
        json.put("count", s.messageCount());
        json.put("exchange", s.exchange());
        json.put("routing_key", s.routingKey());
        json.put("queue", s.queue());
        json.put("queue_arguments", new LinkedHashMap<>(s.queueArguments()));
        json.put("declare", s.declare());
        json.put("io_threads", s.ioThreads());
        return json;
    }

    static Scenario fromJson(Map<String, Object> json) {
        Map<String, Object> arguments = new LinkedHashMap<>();
        Json.object(json, "queue_arguments").forEach((name, value) -> arguments.put(name, narrow(value)));
        Object durationMillis = json.get("duration_ms");
        return new Scenario(Json.string(json, "uri"), Json.string(json, "transport"),
                ClientKind.fromCliName(Json.string(json, "client")), (int) Json.integer(json, "producers", 0),
                (int) Json.integer(json, "consumers", 0), (int) Json.integer(json, "size", 0),
                (int) Json.integer(json, "rate", 0), (int) Json.integer(json, "confirm", 0),
                (int) Json.integer(json, "prefetch", 0), Boolean.TRUE.equals(json.get("auto_ack")),
                durationMillis instanceof Number n ? Duration.ofMillis(n.longValue()) : null,
                Json.integer(json, "count", 0), Json.string(json, "exchange"), Json.string(json, "routing_key"),
                Json.string(json, "queue"), arguments, Boolean.TRUE.equals(json.get("declare")),
                (int) Json.integer(json, "io_threads", 0));
    }

    /** Queue arguments given as ints on the command line must reach the child as ints, not longs. */
    private static Object narrow(Object value) {
        if (value instanceof Long l && l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE) {
            return l.intValue();
        }
        return value;
    }
}

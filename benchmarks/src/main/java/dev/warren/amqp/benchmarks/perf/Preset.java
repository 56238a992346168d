package dev.warren.amqp.benchmarks.perf;

import dev.warren.amqp.benchmarks.peer.PeerMode;
import picocli.CommandLine;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The goal scenarios of the perf tool, as named sets of option values. A preset fills in only the options that
 * were not given on the command line.
 */
public enum Preset {
    SINK_PUBLISH("sink-publish", "peer sink, 1 producer, 16 B, no confirms, 15s",
            set("--peer", o -> o.peer = PeerMode.SINK), set("--producers", o -> o.producers = 1),
            set("--consumers", o -> o.consumers = 0), set("--size", o -> o.size = 16),
            set("--confirm", o -> o.confirm = 0), set("--duration", o -> o.duration = Duration.ofSeconds(15))),
    SOURCE_CONSUME("source-consume", "peer source, 1 consumer, auto-ack, 15s",
            set("--peer", o -> o.peer = PeerMode.SOURCE), set("--producers", o -> o.producers = 0),
            set("--consumers", o -> o.consumers = 1), set("--auto-ack", o -> o.autoAck = true),
            set("--duration", o -> o.duration = Duration.ofSeconds(15))),
    RABBIT_UNROUTABLE("rabbit-unroutable", "RabbitMQ, 1 producer, a key no queue is bound to, 15s",
            set("--peer", o -> o.peer = null), set("--producers", o -> o.producers = 1),
            set("--consumers", o -> o.consumers = 0), set("--exchange", o -> o.exchange = ""),
            set("--routing-key", o -> o.routingKey = "warren-perf-unroutable"),
            set("--no-declare", o -> o.noDeclare = true),
            set("--duration", o -> o.duration = Duration.ofSeconds(15))),
    RABBIT_1P1C("rabbit-1p1c", "RabbitMQ, 1p1c, confirm 100, prefetch 100, manual acks, 20s",
            set("--peer", o -> o.peer = null), set("--producers", o -> o.producers = 1),
            set("--consumers", o -> o.consumers = 1), set("--confirm", o -> o.confirm = 100),
            set("--prefetch", o -> o.prefetch = 100), set("--auto-ack", o -> o.autoAck = false),
            set("--duration", o -> o.duration = Duration.ofSeconds(20))),
    RABBIT_FIXED_RATE("rabbit-fixed-rate", "rabbit-1p1c at 1,000 msg/s, for latency",
            set("--peer", o -> o.peer = null), set("--producers", o -> o.producers = 1),
            set("--consumers", o -> o.consumers = 1), set("--rate", o -> o.rate = 1000),
            set("--confirm", o -> o.confirm = 100), set("--prefetch", o -> o.prefetch = 100),
            set("--auto-ack", o -> o.autoAck = false), set("--duration", o -> o.duration = Duration.ofSeconds(20)));

    private final String cliName;
    private final String description;
    private final List<Setting> settings;

    Preset(String cliName, String description, Setting... settings) {
        this.cliName = cliName;
        this.description = description;
        this.settings = List.of(settings);
    }

    public String cliName() {
        return cliName;
    }

    public String description() {
        return description;
    }

    /** Sets every option of the preset that {@code given} (the options on the command line) does not name. */
    void applyTo(PerfTool options, Predicate<String> given) {
        for (Setting setting : settings) {
            if (!given.test(setting.option)) {
                setting.apply.accept(options);
            }
        }
    }

    @Override
    public String toString() {
        return cliName;
    }

    private record Setting(String option, Consumer<PerfTool> apply) {
    }

    private static Setting set(String option, Consumer<PerfTool> apply) {
        return new Setting(option, apply);
    }

    /** Reads preset names on the command line. */
    static final class Converter implements CommandLine.ITypeConverter<Preset> {
        @Override
        public Preset convert(String value) {
            String name = value.trim().toLowerCase(Locale.ROOT);
            return Arrays.stream(values()).filter(p -> p.cliName.equals(name)).findFirst()
                    .orElseThrow(() -> new CommandLine.TypeConversionException("unknown preset '" + value
                            + "'; the presets are " + names()));
        }
    }

    /** Lists presets for the help text. */
    static final class Names implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Arrays.stream(values()).map(Preset::cliName).iterator();
        }
    }

    static String names() {
        return Arrays.stream(values()).map(Preset::cliName).collect(Collectors.joining(", "));
    }
}

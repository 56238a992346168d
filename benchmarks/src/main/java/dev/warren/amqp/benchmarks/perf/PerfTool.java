package dev.warren.amqp.benchmarks.perf;

import dev.warren.amqp.benchmarks.peer.PeerMode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

/**
 * {@code warren-perf}: runs a scenario in the spirit of RabbitMQ's PerfTest with Warren and, with
 * {@code --compare}, with the official client in both its I/O modes, each run in a JVM of its own; prints a
 * progress line per second and a summary, and writes results.json, results.csv, timeline.csv and chart.png.
 * Use {@link #commandLine()} rather than {@code new CommandLine(new PerfTool())}: it adds the short error output
 * and the presets to the help.
 */
@Command(name = PerfTool.NAME, mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        versionProvider = PerfTool.Version.class,
        subcommands = {PeerCommand.class, GoalsCommand.class, ChildCommand.class},
        description = {"Measures Warren, side by side with the official RabbitMQ Java client (com.rabbitmq:amqp-client"
                + " 5.38.0, blocking and Netty I/O), against RabbitMQ or a benchmark peer.",
                "Each client run happens in a JVM of its own. Latency is measured end to end with the publish time "
                        + "in the first 8 bytes of each body."})
public final class PerfTool implements Callable<Integer> {

    public static final String NAME = "warren-perf";
    public static final String DEFAULT_URI = "amqp://guest:guest@127.0.0.1:5672";
    static final List<String> TRANSPORTS = List.of("nio", "epoll", "io_uring");
    static final Duration DEFAULT_DURATION = Duration.ofSeconds(30);
    static final Duration DEFAULT_WARMUP = Duration.ofSeconds(5);

    static {
        // Before any AWT class loads: the chart is drawn without a display.
        System.setProperty("java.awt.headless", "true");
    }

    @Spec
    private CommandSpec command;

    @Option(names = {"-u", "--uri"}, defaultValue = DEFAULT_URI, description = "AMQP URI of the broker (default: ${DEFAULT-VALUE}).")
    String uri;

    @Option(names = {"-x", "--producers"}, defaultValue = "1", description = "Producers, each with its own connection (default: ${DEFAULT-VALUE}).")
    int producers;

    @Option(names = {"-y", "--consumers"}, defaultValue = "1", description = "Consumers, each with its own connection (default: ${DEFAULT-VALUE}).")
    int consumers;

    @Option(names = {"-s", "--size"}, defaultValue = "16", paramLabel = "BYTES", description = "Message body size; 8 bytes or more carry the publish time (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = {"-r", "--rate"}, defaultValue = "0", paramLabel = "MSG/S", description = "Publish rate limit per producer, 0 for none (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = {"-c", "--confirm"}, defaultValue = "0", paramLabel = "WINDOW", description = "Unconfirmed publishes allowed per producer, 0 for no publisher confirms (default: ${DEFAULT-VALUE}).")
    int confirm;

    @Option(names = {"-q", "--prefetch"}, defaultValue = "0", description = "Prefetch count per consumer, 0 for unlimited (default: ${DEFAULT-VALUE}).")
    int prefetch;

    @Option(names = {"-a", "--auto-ack"}, negatable = true, description = "Automatic acknowledgement (default: manual, one ack per delivery).")
    boolean autoAck;

    @Option(names = {"-z", "--duration"}, converter = Durations.class, paramLabel = "TIME", description = "How long to measure, e.g. 500ms, 30s, 2m (default: 30s, or until --count is reached).")
    Duration duration;

    @Option(names = {"-C", "--count"}, defaultValue = "0", description = "Messages per producer, 0 for no limit (default: ${DEFAULT-VALUE}).")
    long count;

    @Option(names = "--warmup", converter = Durations.class, paramLabel = "TIME", description = "Runs before measuring; shown in the progress lines, left out of the results (default: 5s, 0s with --count alone).")
    Duration warmup;

    @Option(names = "--queue", defaultValue = "warren-perf", description = "Queue to consume from (default: ${DEFAULT-VALUE}).")
    String queue;

    @Option(names = "--exchange", defaultValue = "", description = "Exchange to publish to (default: the default exchange).")
    String exchange;

    @Option(names = "--routing-key", description = "Routing key to publish with (default: the queue's name).")
    String routingKey;

    @Option(names = "--queue-arg", paramLabel = "NAME=VALUE", description = "A queue argument, repeatable, e.g. x-queue-type=quorum; integers and true/false are sent as such.")
    Map<String, String> queueArguments = new LinkedHashMap<>();

    @Option(names = "--no-declare", description = "Do not declare (and bind) the queue, nor purge it between runs.")
    boolean noDeclare;

    @Option(names = "--io-threads", paramLabel = "N", description = "I/O threads of Warren's event-loop group and"
            + " of the official client's Netty mode (default: one per core).")
    int ioThreads;

    @Option(names = "--transport", paramLabel = "nio|epoll|io_uring", description = "Warren's transport (default: the best available); the official client ignores it.")
    String transport;

    @Option(names = "--client", defaultValue = "warren", paramLabel = "CLIENT", converter = ClientKindConverter.class,
            description = "warren, official-blocking or official-netty (default: ${DEFAULT-VALUE}).")
    ClientKind client;

    @Option(names = "--compare", description = "Run warren, official-blocking and official-netty alternately and print Warren's ratios.")
    boolean compare;

    @Option(names = "--rounds", defaultValue = "1", description = "How often each client runs; figures are medians over rounds (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--peer", paramLabel = "sink|source", description = "Run against a benchmark peer the tool starts for each run, instead of --uri.")
    PeerMode peer;

    @Option(names = "--peer-host", defaultValue = "127.0.0.1", description = "Address the benchmark peer binds and clients connect to (default: ${DEFAULT-VALUE}).")
    String peerHost;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "Where results go (default: perf-results/<timestamp>).")
    Path output;

    @Option(names = "--preset", paramLabel = "NAME", converter = Preset.Converter.class, completionCandidates = Preset.Names.class,
            description = "Start from a goal scenario (see below); options given explicitly still win.")
    Preset preset;

    @Option(names = "--jvm-opt", paramLabel = "OPTION", description = "An option for the client and peer JVMs, repeatable, e.g. --jvm-opt=-Xmx2g; they run with "
                    + "this JVM's heap settings and -XX:+UseParallelGC unless told otherwise.")
    List<String> jvmOptions = new ArrayList<>();

    @Option(names = "--verbose", description = "Show stack traces, and the log of each run that failed.")
    boolean verbose;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The tool's command line: one-line parameter errors with a hint (exit code 2), presets in the help. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new PerfTool());
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setParameterExceptionHandler(PerfTool::parameterError);
        commandLine.setExecutionExceptionHandler(PerfTool::executionError);
        List<String> footer = new ArrayList<>();
        footer.add("");
        footer.add("Presets (--preset NAME):");
        for (Preset p : Preset.values()) {
            footer.add(String.format("  %-18s %s", p.cliName(), p.description()));
        }
        footer.add("");
        footer.add("Exit codes: 0 every run completed without failures; 1 a run failed or the broker or peer could "
                + "not be reached; 2 bad arguments.");
        commandLine.getCommandSpec().usageMessage().footer(footer.toArray(String[]::new));
        return commandLine;
    }

    private static int parameterError(ParameterException e, String[] args) {
        CommandLine failed = e.getCommandLine();
        failed.getErr().println(NAME + ": " + e.getMessage());
        String path = failed.getCommandSpec().qualifiedName();
        failed.getErr().println("See '" + path + " --help' for the options.");
        failed.getErr().flush();
        return failed.getCommandSpec().exitCodeOnInvalidInput();
    }

    /** What went wrong in one line (a folder that cannot be written, say); the stack trace only with --verbose. */
    private static int executionError(Exception e, CommandLine failed, CommandLine.ParseResult parsed) {
        PrintWriter err = failed.getErr();
        err.println(NAME + ": " + ChildCommand.oneLine(e));
        if (parsed.hasMatchedOption("--verbose")) {
            e.printStackTrace(err);
        }
        err.flush();
        return 1;
    }

    @Override
    public Integer call() throws Exception {
        Predicate<String> given = command.commandLine().getParseResult()::hasMatchedOption;
        if (given.test("--uri") && given.test("--peer")) {
            throw bad("--uri and --peer both say where to connect; give one of them");
        }
        if (preset != null) {
            preset.applyTo(this, given);
        }
        if (given.test("--uri")) {
            // An explicit URI turns a preset's peer run into a broker run.
            peer = null;
        }
        Plan plan = plan(given);
        return new PerfSession(plan, command.commandLine().getOut(), command.commandLine().getErr(), verbose).run();
    }

    private Plan plan(Predicate<String> given) {
        if (compare && given.test("--client")) {
            throw bad("--compare runs every client; drop --client " + client);
        }
        if (producers < 0 || consumers < 0) {
            throw bad("--producers and --consumers cannot be negative");
        }
        if (producers + consumers == 0) {
            throw bad("need at least one producer (-x) or consumer (-y)");
        }
        requireNonNegative("--size", size);
        requireNonNegative("--rate", rate);
        requireNonNegative("--confirm", confirm);
        requireNonNegative("--count", count);
        if (prefetch < 0 || prefetch > 65535) {
            throw bad("--prefetch must be between 0 and 65535, not " + prefetch);
        }
        if (rounds < 1) {
            throw bad("--rounds must be at least 1, not " + rounds);
        }
        if (count > 0 && producers == 0) {
            throw bad("--count bounds publishing, and there are no producers; bound the run with --duration");
        }
        if (duration != null && duration.isZero()) {
            throw bad("--duration must be more than 0");
        }
        if (transport != null && !TRANSPORTS.contains(transport)) {
            throw bad("unknown transport '" + transport + "'; expected one of " + String.join(", ", TRANSPORTS));
        }
        if (transport != null && !compare && client.isOfficial()) {
            throw bad("--transport chooses Warren's transport; " + client + " does not take one");
        }
        if (ioThreads < 0) {
            throw bad("--io-threads must be 1 or more (absent: one per core), was " + ioThreads);
        }
        if (peer == null) {
            try {
                Endpoint.of(uri);
            } catch (IllegalArgumentException e) {
                throw bad("--uri: " + e.getMessage());
            }
        }
        Duration runFor = duration != null ? duration : (count > 0 ? null : DEFAULT_DURATION);
        Duration warmFor = warmup != null ? warmup : (count > 0 && duration == null ? Duration.ZERO : DEFAULT_WARMUP);
        Scenario scenario;
        try {
            scenario = new Scenario(uri, transport, compare ? ClientKind.WARREN : client, producers, consumers, size,
                    rate, confirm, prefetch, autoAck, runFor, count, exchange, routingKey, queue,
                    queueArguments(), !noDeclare && peer == null, ioThreads);
        } catch (IllegalArgumentException e) {
            throw bad(e.getMessage());
        }
        List<ClientKind> clients = compare ? List.of(ClientKind.values()) : List.of(client);
        return new Plan(scenario, warmFor, clients, rounds, peer, peerHost, preset == null ? null : preset.cliName(),
                compare, output != null ? output : defaultOutput(), jvmOptions);
    }

    private Map<String, Object> queueArguments() {
        Map<String, Object> arguments = new LinkedHashMap<>();
        queueArguments.forEach((name, value) -> arguments.put(name, queueArgument(value)));
        return arguments;
    }

    /** Integers as int (long when too big), true/false as booleans, anything else as a string. */
    static Object queueArgument(String value) {
        if (value.matches("-?\\d{1,18}")) {
            long number = Long.parseLong(value);
            return number >= Integer.MIN_VALUE && number <= Integer.MAX_VALUE ? (Object) (int) number : number;
        }
        if (value.equals("true") || value.equals("false")) {
            return Boolean.parseBoolean(value);
        }
        return value;
    }

    private static Path defaultOutput() {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path base = Path.of("perf-results", stamp);
        Path candidate = base;
        for (int i = 2; Files.exists(candidate); i++) {
            candidate = Path.of("perf-results", stamp + "-" + i);
        }
        return candidate;
    }

    private void requireNonNegative(String option, long value) {
        if (value < 0) {
            throw bad(option + " cannot be negative, not " + value);
        }
    }

    private ParameterException bad(String message) {
        return new ParameterException(command.commandLine(), message);
    }

    /** Reads client names as the command line spells them. */
    static final class ClientKindConverter implements CommandLine.ITypeConverter<ClientKind> {
        @Override
        public ClientKind convert(String value) {
            try {
                return ClientKind.fromCliName(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = PerfTool.class.getPackage().getImplementationVersion();
            return new String[]{NAME + " " + (version == null ? "(development build)" : version)
                    + ", Java " + Runtime.version()};
        }
    }
}

package dev.warren.amqp.benchmarks.perf;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line as a user meets it: help, bad arguments, exit codes. Nothing here starts a run. */
class PerfToolArgsTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine commandLine = PerfTool.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    private String[] errLines() {
        return err.toString().split("\\R");
    }

    @Test
    void helpListsTheOptionsAndPresetsAndExitsZero() {
        int code = run("--help");

        assertThat(code).isZero();
        assertThat(out.toString()).contains("--uri", "--producers", "--consumers", "--size", "--rate", "--confirm",
                "--prefetch", "--[no-]auto-ack", "--duration", "--count", "--warmup", "--queue", "--exchange",
                "--routing-key", "--queue-arg", "--no-declare", "--transport", "--io-threads", "--client", "--compare", "--rounds",
                "--peer", "--output", "--preset", "peer", "goals", "sink-publish", "source-consume",
                "rabbit-unroutable", "rabbit-1p1c", "rabbit-fixed-rate");
        assertThat(out.toString()).doesNotContainPattern("(?m)^\\s+child\\s");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void peerSubcommandHasItsOwnHelp() {
        int code = run("peer", "--help");

        assertThat(code).isZero();
        assertThat(out.toString()).contains("--mode", "--port", "--size", "--host", "listening on");
    }

    @Test
    void unknownOptionGetsOneLineAndAHint() {
        int code = run("--bogus");

        assertThat(code).isEqualTo(2);
        assertThat(errLines()).containsExactly("warren-perf: Unknown option: '--bogus'",
                "See 'warren-perf --help' for the options.");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void sizeThatIsNotANumberIsRejected() {
        int code = run("--size", "abc");

        assertThat(code).isEqualTo(2);
        assertThat(errLines()).hasSize(2);
        assertThat(errLines()[0]).contains("--size").contains("'abc' is not an int");
    }

    @Test
    void negativeSizeIsRejected() {
        int code = run("--size=-1");

        assertThat(code).isEqualTo(2);
        assertThat(errLines()[0]).isEqualTo("warren-perf: --size cannot be negative, not -1");
    }

    @Test
    void durationWithoutAUnitIsRejected() {
        int code = run("--duration", "10");

        assertThat(code).isEqualTo(2);
        assertThat(errLines()[0]).contains("--duration", "'10' is not a duration", "30s");
    }

    @Test
    void durationWithAnUnknownUnitIsRejected() {
        int code = run("-z", "10x");

        assertThat(code).isEqualTo(2);
        assertThat(errLines()[0]).contains("'10x' is not a duration");
    }

    @Test
    void zeroDurationIsRejected() {
        int code = run("-z", "0s");

        assertThat(code).isEqualTo(2);
        assertThat(errLines()[0]).contains("--duration must be more than 0");
    }

    @Test
    void compareWithAClientIsRejected() {
        int code = run("--compare", "--client", "official-netty");

        assertThat(code).isEqualTo(2);
        assertThat(errLines()[0]).isEqualTo("warren-perf: --compare runs every client; drop --client official-netty");
    }

    @Test
    void unknownClientIsRejectedWithTheChoices() {
        int code = run("--client", "pika");

        assertThat(code).isEqualTo(2);
        assertThat(errLines()[0]).contains("unknown client 'pika'", "warren, official-blocking, official-netty");
    }

    @Test
    void unknownPresetIsRejectedWithTheChoices() {
        int code = run("--preset", "fast");

        assertThat(code).isEqualTo(2);
        assertThat(errLines()[0]).contains("unknown preset 'fast'", "sink-publish", "rabbit-fixed-rate");
    }

    @Test
    void unknownTransportIsRejected() {
        int code = run("--transport", "kqueue");

        assertThat(code).isEqualTo(2);
        assertThat(errLines()[0]).contains("unknown transport 'kqueue'", "nio, epoll, io_uring");
    }

    @Test
    void negativeIoThreadsAreRejected() {
        int code = run("--io-threads", "-1");

        assertThat(code).isEqualTo(2);
        assertThat(errLines()[0]).contains("--io-threads", "-1");
    }

    @Test
    void transportForTheOfficialClientIsRejected() {
        int code = run("--client", "official-blocking", "--transport", "epoll");

        assertThat(code).isEqualTo(2);
        assertThat(errLines()[0]).contains("--transport", "official-blocking");
    }

    @Test
    void runWithoutProducersOrConsumersIsRejected() {
        int code = run("-x", "0", "-y", "0");

        assertThat(code).isEqualTo(2);
        assertThat(errLines()[0]).contains("need at least one producer");
    }

    @Test
    void countWithoutProducersIsRejected() {
        int code = run("-x", "0", "-C", "100");

        assertThat(code).isEqualTo(2);
        assertThat(errLines()[0]).contains("--count", "no producers");
    }

    @Test
    void uriAndPeerTogetherAreRejected() {
        int code = run("--uri", "amqp://localhost", "--peer", "sink");

        assertThat(code).isEqualTo(2);
        assertThat(errLines()[0]).contains("--uri and --peer");
    }

    @Test
    void uriThatIsNotAmqpIsRejected() {
        int code = run("--uri", "http://localhost:5672");

        assertThat(code).isEqualTo(2);
        assertThat(errLines()[0]).contains("--uri", "not an amqp:// or amqps:// URI");
    }

    @Test
    void queueArgumentWithoutAValueIsRejected() {
        int code = run("--queue-arg", "x-max-length");

        assertThat(code).isEqualTo(2);
        assertThat(errLines()[0]).contains("--queue-arg", "KEY=VALUE");
    }

    @Test
    void peerSubcommandNeedsAMode() {
        int code = run("peer");

        assertThat(code).isEqualTo(2);
        assertThat(errLines()).containsExactly("warren-perf: Missing required option: '--mode=sink|source'",
                "See 'warren-perf peer --help' for the options.");
    }

    @Test
    void goalsOfAMissingFolderFails(@TempDir Path dir) {
        int code = run("goals", dir.resolve("nothing-here").toString());

        assertThat(code).isEqualTo(1);
        assertThat(errLines()[0]).contains("is not a folder");
    }

    @Test
    void queueArgumentsKeepTheirTypes() {
        assertThat(PerfTool.queueArgument("1000")).isEqualTo(1000);
        assertThat(PerfTool.queueArgument("5000000000")).isEqualTo(5_000_000_000L);
        assertThat(PerfTool.queueArgument("true")).isEqualTo(true);
        assertThat(PerfTool.queueArgument("quorum")).isEqualTo("quorum");
    }

    @Test
    void durationsReadTheUsualUnits() {
        assertThat(Durations.parse("500ms")).hasMillis(500);
        assertThat(Durations.parse("30s")).hasSeconds(30);
        assertThat(Durations.parse("1.5s")).hasMillis(1500);
        assertThat(Durations.parse("2m")).hasMinutes(2);
        assertThat(Durations.format(Durations.parse("2m"))).isEqualTo("2m");
        assertThat(Durations.format(Durations.parse("1500ms"))).isEqualTo("1.5s");
    }
}

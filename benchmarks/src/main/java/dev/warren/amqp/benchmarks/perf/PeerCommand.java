package dev.warren.amqp.benchmarks.perf;

import dev.warren.amqp.benchmarks.peer.BenchmarkPeer;
import dev.warren.amqp.benchmarks.peer.PeerMode;
import dev.warren.amqp.benchmarks.peer.PeerOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.net.BindException;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code warren-perf peer}: a benchmark peer that runs until it is killed. */
@Command(name = "peer", mixinStandardHelpOptions = true,
        description = {"Runs a benchmark peer (a minimal AMQP server that discards publishes or pushes deliveries) "
                + "until killed; prints one line, 'listening on host:port'."})
final class PeerCommand implements Callable<Integer> {

    @Spec
    private CommandSpec command;

    @Option(names = "--mode", required = true, paramLabel = "sink|source",
            description = "sink: discards publishes (and confirms them); source: pushes deliveries to consumers.")
    private PeerMode mode;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind (default: ${DEFAULT-VALUE}).")
    private String host;

    @Option(names = "--port", defaultValue = "0", description = "Port to bind, 0 for an ephemeral one (default: ${DEFAULT-VALUE}).")
    private int port;

    @Option(names = "--size", defaultValue = "16", description = "Body size of the deliveries a source pushes (default: ${DEFAULT-VALUE}).")
    private int size;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = command.commandLine().getOut();
        PrintWriter err = command.commandLine().getErr();
        PeerOptions options;
        try {
            options = new PeerOptions(mode, host, port, size);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(command.commandLine(), e.getMessage());
        }
        BenchmarkPeer peer;
        try {
            peer = BenchmarkPeer.start(options);
        } catch (Exception e) {
            err.println(PerfTool.NAME + ": " + (isBindFailure(e)
                    ? "cannot listen on " + new Endpoint(host, port) + " (" + ConnectError.reason(e) + ")"
                    : "the peer failed to start: " + ChildCommand.oneLine(e)));
            err.flush();
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(peer::close, "warren-perf-peer-shutdown"));
        out.println(PeerProcess.LISTENING + new Endpoint(host, peer.port()));
        out.flush();
        new CountDownLatch(1).await();
        return 0;
    }

    private static boolean isBindFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException) {
                return true;
            }
        }
        return false;
    }
}

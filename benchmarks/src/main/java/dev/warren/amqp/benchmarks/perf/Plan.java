package dev.warren.amqp.benchmarks.perf;

import dev.warren.amqp.benchmarks.peer.PeerMode;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Everything one invocation of the tool runs: the scenario, and which clients run it how often, where.
 *
 * @param scenario   the scenario; its client and (with a peer) its URI are replaced for each run
 * @param clients    the clients in the order they alternate within a round
 * @param peer       the benchmark peer each run gets, or null to use the scenario's URI
 * @param preset     the preset the options started from, or null
 * @param jvmOptions options added to every child JVM
 */
public record Plan(Scenario scenario, Duration warmup, List<ClientKind> clients, int rounds, PeerMode peer,
                   String peerHost, String preset, boolean compare, Path outputDir, List<String> jvmOptions) {

    public Plan {
        clients = List.copyOf(clients);
        jvmOptions = List.copyOf(jvmOptions);
    }
}

package dev.warren.amqp.benchmarks.e2e;

import dev.warren.amqp.benchmarks.peer.PeerMode;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * What the two publish benchmarks share: their parameters, and a trial with one connection and one publishing
 * channel to the default exchange with {@link E2e#UNROUTABLE_KEY}, talking to the peer in sink mode or to the
 * broker. They differ only in confirm mode and in how many messages an invocation publishes.
 *
 * <p>{@code @State} repeats the subclasses' because JMH accepts {@code @Param} fields only in a class that has it.
 */
@State(Scope.Benchmark)
public abstract class UnroutablePublishBenchmark extends E2eBenchmark {

    @Param({"warren", "official-blocking", "official-netty"})
    public String client;

    @Param({Endpoint.PEER, Endpoint.BROKER})
    public String target;

    private final boolean confirms;
    /** Set for the trial; only the benchmark thread uses it. */
    protected BenchmarkClient.Publisher publisher;

    protected UnroutablePublishBenchmark(boolean confirms) {
        this.confirms = confirms;
    }

    @Override
    protected final void openTrial() throws Exception {
        Endpoint endpoint = closeAtTearDown(Endpoint.open(target, PeerMode.SINK));
        BenchmarkClient connection = closeAtTearDown(BenchmarkClient.connect(client, endpoint.uri()));
        publisher = connection.publisher(E2e.UNROUTABLE_KEY, E2e.body(), confirms);
    }
}

package dev.warren.amqp.benchmarks.perf;

import java.util.List;
import java.util.Optional;

/**
 * One figure of Warren against the official client: Warren's value divided by each official mode's, and by the
 * better of the two. Whether a ratio is good depends on the figure ({@link Figure#favours}).
 *
 * @param best the official mode with the better value, null when neither measured it
 */
public record Comparison(Figure figure, double warren, double vsBlocking, double vsNetty, double vsBest,
                         ClientKind best) {

    /** Empty unless {@code results} has Warren and at least one official mode. */
    public static Optional<Comparison> of(Figure figure, List<RunResult> results) {
        Optional<RunResult> warren = find(results, ClientKind.WARREN);
        Optional<RunResult> blocking = find(results, ClientKind.OFFICIAL_BLOCKING);
        Optional<RunResult> netty = find(results, ClientKind.OFFICIAL_NETTY);
        if (warren.isEmpty() || (blocking.isEmpty() && netty.isEmpty())) {
            return Optional.empty();
        }
        double w = figure.of(warren.get());
        double b = blocking.map(figure::of).orElse(Double.NaN);
        double n = netty.map(figure::of).orElse(Double.NaN);
        double best = figure.better(b, n);
        ClientKind bestKind = Double.isNaN(best) ? null
                : (!Double.isNaN(b) && best == b ? ClientKind.OFFICIAL_BLOCKING : ClientKind.OFFICIAL_NETTY);
        return Optional.of(new Comparison(figure, w, ratio(w, b), ratio(w, n), ratio(w, best), bestKind));
    }

    private static Optional<RunResult> find(List<RunResult> results, ClientKind kind) {
        return results.stream().filter(r -> r.client() == kind && r.outcome() == RunResult.Outcome.COMPLETED)
                .findFirst();
    }

    /** NaN when either side is missing or the divisor is zero. */
    public static double ratio(double a, double b) {
        return Double.isNaN(a) || Double.isNaN(b) || b == 0 ? Double.NaN : a / b;
    }
}

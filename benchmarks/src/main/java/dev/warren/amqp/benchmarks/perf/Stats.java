package dev.warren.amqp.benchmarks.perf;

import java.util.List;
import java.util.function.ToDoubleFunction;

/** Medians over rounds: robust to the one round the machine was busy with something else. */
final class Stats {

    private Stats() {
    }

    /** The median of the values that are not NaN; NaN when there are none. */
    static <T> double median(List<T> items, ToDoubleFunction<T> value) {
        double[] values = items.stream().mapToDouble(value).filter(v -> !Double.isNaN(v)).sorted().toArray();
        if (values.length == 0) {
            return Double.NaN;
        }
        int middle = values.length / 2;
        return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }
}

package dev.warren.amqp.benchmarks.perf;

import java.util.Locale;

/** Numbers for people: grouped thousands, latencies in the unit that keeps them short. */
public final class Format {

    private Format() {
    }

    /** {@code 5,612,340}. */
    public static String count(double value) {
        return String.format(Locale.ROOT, "%,d", Math.round(value));
    }

    /** {@code 5,612,340 msg/s}. */
    public static String rate(double perSecond) {
        return count(perSecond) + " msg/s";
    }

    /** {@code 8.4 µs}, {@code 0.82 ms}, {@code 12.3 ms}, {@code 1.25 s}; {@code -} when there is no value. */
    public static String latency(double nanos) {
        if (Double.isNaN(nanos) || nanos < 0) {
            return "-";
        }
        double millis = nanos / 1e6;
        if (millis < 0.1) {
            return String.format(Locale.ROOT, "%.1f µs", nanos / 1e3);
        }
        if (millis < 10) {
            return String.format(Locale.ROOT, "%.2f ms", millis);
        }
        if (millis < 1000) {
            return String.format(Locale.ROOT, "%.1f ms", millis);
        }
        return String.format(Locale.ROOT, "%.2f s", millis / 1e3);
    }

    /** CPU time per message in microseconds: {@code 0.27}. */
    public static String micros(double nanos) {
        if (Double.isNaN(nanos)) {
            return "-";
        }
        return nanos < 10_000 ? String.format(Locale.ROOT, "%.2f", nanos / 1e3)
                : String.format(Locale.ROOT, "%.1f", nanos / 1e3);
    }

    /** Bytes per message: {@code 31}, or {@code 0.4} below one byte. */
    public static String bytes(double bytes) {
        if (Double.isNaN(bytes)) {
            return "-";
        }
        return bytes < 10 ? String.format(Locale.ROOT, "%.1f", bytes) : count(bytes);
    }

    /** {@code 5.31×}; {@code -} when either side is missing. */
    public static String ratio(double ratio) {
        if (Double.isNaN(ratio) || Double.isInfinite(ratio)) {
            return "-";
        }
        return String.format(Locale.ROOT, ratio < 10 ? "%.2f×" : "%.1f×", ratio);
    }

    /** Milliseconds with microsecond precision for CSV files: {@code 0.823}; empty when there is no value. */
    public static String csvMillis(double nanos) {
        return Double.isNaN(nanos) || nanos < 0 ? "" : String.format(Locale.ROOT, "%.3f", nanos / 1e6);
    }

    /** A plain decimal for CSV files; empty when there is no value. */
    public static String csvNumber(double value) {
        return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%.3f", value);
    }
}

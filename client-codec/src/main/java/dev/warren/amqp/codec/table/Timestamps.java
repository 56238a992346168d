package dev.warren.amqp.codec.table;

import java.time.Instant;

/** AMQP timestamps: signed 64-bit seconds since the epoch. */
public final class Timestamps {

    private static final long MIN_SECONDS = Instant.MIN.getEpochSecond();
    private static final long MAX_SECONDS = Instant.MAX.getEpochSecond();

    private Timestamps() {
    }

    /**
     * The instant {@code seconds} after the epoch. Values beyond what {@link Instant} holds (about a billion years
     * either way) are clamped to {@link Instant#MIN} or {@link Instant#MAX} rather than failing the connection:
     * a sender's nonsense timestamp is its own business.
     */
    public static Instant fromSeconds(long seconds) {
        if (seconds < MIN_SECONDS) {
            return Instant.MIN;
        }
        if (seconds > MAX_SECONDS) {
            return Instant.MAX;
        }
        return Instant.ofEpochSecond(seconds);
    }
}

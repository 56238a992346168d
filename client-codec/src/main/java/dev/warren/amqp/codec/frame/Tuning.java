package dev.warren.amqp.codec.frame;

/**
 * The specification's rules for connection.tune: for channel-max, frame-max and heartbeat, 0 means "no limit"
 * (or "no heartbeat"), and when both sides name a limit the lower one wins.
 */
public final class Tuning {

    private Tuning() {
    }

    /**
     * Negotiates one value: 0 on one side gives the other side's value; otherwise the lower of the two.
     * {@code 0} results only when both sides offer 0.
     */
    public static long negotiate(long client, long server) {
        if (client == 0 || server == 0) {
            return Math.max(client, server);
        }
        return Math.min(client, server);
    }

    /**
     * The frame-max to use: negotiated by the rules above, then capped by the client's own limit even when the
     * broker offers none, and never below the specification's minimum.
     */
    public static int frameMax(long clientMax, long serverMax, int cap) {
        long negotiated = negotiate(clientMax, serverMax);
        if (negotiated == 0 || negotiated > cap) {
            negotiated = cap;
        }
        return (int) Math.max(negotiated, dev.warren.amqp.codec.CodecLimits.MIN_FRAME_SIZE);
    }
}

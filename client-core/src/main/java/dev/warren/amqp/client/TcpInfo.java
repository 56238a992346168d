package dev.warren.amqp.client;

/**
 * A snapshot of Linux {@code tcp_info} for one socket.
 *
 * @param rttMicros          smoothed round-trip time
 * @param rttVarMicros       round-trip time variance
 * @param retransmits        retransmits of the current segment
 * @param totalRetransmits   retransmitted segments over the connection's life
 * @param congestionWindow   sending congestion window, in segments
 * @param unacked            segments sent and not yet acknowledged
 * @param lost               segments considered lost
 */
public record TcpInfo(long rttMicros, long rttVarMicros, long retransmits, long totalRetransmits,
                      long congestionWindow, long unacked, long lost) {
}

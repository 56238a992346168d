package dev.warren.amqp.codec.frame;

import io.netty.buffer.ByteBuf;

/**
 * The 8 bytes that open an AMQP connection: {@code "AMQP"}, a protocol id, and the major, minor and revision
 * numbers. A client sends {@link #AMQP_0_9_1}; a broker that does not speak that version answers with the header
 * of a version it does speak and closes the socket, so the decoder hands such a header up instead of failing.
 */
public record ProtocolHeader(int protocolId, int major, int minor, int revision) {

    /** {@code AMQP 0 0 9 1}. */
    public static final ProtocolHeader AMQP_0_9_1 = new ProtocolHeader(0, 0, 9, 1);

    public static final int SIZE = 8;

    public void encode(ByteBuf out) {
        out.writeByte('A').writeByte('M').writeByte('Q').writeByte('P');
        out.writeByte(protocolId).writeByte(major).writeByte(minor).writeByte(revision);
    }

    @Override
    public String toString() {
        return "AMQP " + protocolId + "-" + major + "-" + minor + "-" + revision;
    }
}

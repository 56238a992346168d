package dev.warren.amqp.codec.frame;

import dev.warren.amqp.codec.method.Method;

/**
 * Sent up the pipeline instead of a {@link Command} when a content header announces a body larger than
 * {@link dev.warren.amqp.codec.CodecLimits#maxBodySize()}. The assembler discards that body's frames as they
 * arrive, without keeping them, so the connection is safe; it is for the channel to close with an error that
 * says so.
 *
 * @param channel  the channel the content arrived on
 * @param method   the method the content belongs to (a basic.deliver, basic.get-ok or basic.return)
 * @param bodySize the announced body size; negative when the peer announced 2<sup>63</sup> bytes or more
 * @param limit    the configured maximum
 */
public record ContentTooLarge(int channel, Method method, long bodySize, long limit) {

    public String describe() {
        String size = bodySize < 0 ? Long.toUnsignedString(bodySize) : Long.toString(bodySize);
        return method.kind().amqpName() + " on channel " + channel + " announced a body of " + size
                + " bytes, more than the limit of " + limit + " bytes";
    }
}

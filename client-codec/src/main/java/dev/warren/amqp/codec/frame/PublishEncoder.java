package dev.warren.amqp.codec.frame;

import dev.warren.amqp.codec.content.BasicProperties;
import dev.warren.amqp.codec.method.MethodKind;
import dev.warren.amqp.codec.table.EncodedShortString;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * The hot path of publishing: basic.publish, its content header and its body frames written into one buffer (or,
 * for a large {@link ByteBuf} body, one composite) without building method records. Exchange and routing key come
 * pre-encoded, so a publish allocates nothing but the pooled buffer it returns.
 */
public final class PublishEncoder {

    /** Method frame of basic.publish without its two short strings: header, ids, ticket, bits, frame-end. */
    private static final int PUBLISH_FRAME_FIXED = Frame.HEADER_SIZE + 4 + 2 + 1 + 1;
    /** Header frame without properties: frame header, class, weight, body size, flags, frame-end. */
    private static final int HEADER_FRAME_FIXED = Frame.HEADER_SIZE + 2 + 2 + 8 + 2 + 1;

    private PublishEncoder() {
    }

    /**
     * Encodes a publish whose body is {@code length} bytes of {@code body} from {@code offset}; the bytes are
     * copied, so the caller may reuse the array as soon as this returns.
     */
    public static ByteBuf encode(ByteBufAllocator alloc, int channel, EncodedShortString exchange,
                                 EncodedShortString routingKey, boolean mandatory, BasicProperties properties,
                                 byte[] body, int offset, int length, int frameMax) {
        int frames = length == 0 ? 0 : FrameWriter.bodyFrameCount(length, frameMax);
        int capacity = PUBLISH_FRAME_FIXED + exchange.encodedSize() + routingKey.encodedSize()
                + HEADER_FRAME_FIXED + (properties == BasicProperties.EMPTY ? 0 : 128)
                + length + frames * Frame.OVERHEAD;
        ByteBuf out = alloc.buffer(capacity);
        try {
            writePrefix(out, channel, exchange, routingKey, mandatory, properties, length);
            FrameWriter.writeBodyFrames(out, channel, body, offset, length, frameMax);
            return out;
        } catch (RuntimeException e) {
            out.release();
            throw e;
        }
    }

    /**
     * Encodes a publish whose body is the readable bytes of {@code body}, taking over the caller's reference: a
     * small body is copied and released, a large one is passed on as slices inside the returned composite.
     */
    public static ByteBuf encode(ByteBufAllocator alloc, int channel, EncodedShortString exchange,
                                 EncodedShortString routingKey, boolean mandatory, BasicProperties properties,
                                 ByteBuf body, int frameMax) {
        int length = body.readableBytes();
        boolean copy = length <= FrameWriter.COPY_BODY_THRESHOLD;
        int capacity = PUBLISH_FRAME_FIXED + exchange.encodedSize() + routingKey.encodedSize()
                + HEADER_FRAME_FIXED + (properties == BasicProperties.EMPTY ? 0 : 128)
                + Frame.OVERHEAD + (copy ? length : 0);
        ByteBuf prefix = alloc.buffer(capacity);
        try {
            writePrefix(prefix, channel, exchange, routingKey, mandatory, properties, length);
        } catch (RuntimeException e) {
            prefix.release();
            body.release();
            throw e;
        }
        return FrameWriter.appendBody(alloc, prefix, channel, body, frameMax);
    }

    private static void writePrefix(ByteBuf out, int channel, EncodedShortString exchange,
                                    EncodedShortString routingKey, boolean mandatory, BasicProperties properties,
                                    long bodySize) {
        int methodPayload = 4 + 2 + exchange.encodedSize() + routingKey.encodedSize() + 1;
        out.writeByte(Frame.METHOD);
        out.writeShort(channel);
        out.writeInt(methodPayload);
        out.writeShort(MethodKind.BASIC_PUBLISH.classId());
        out.writeShort(MethodKind.BASIC_PUBLISH.methodId());
        out.writeShort(0);
        exchange.writeTo(out);
        routingKey.writeTo(out);
        out.writeByte(mandatory ? 1 : 0);
        out.writeByte(Frame.FRAME_END);
        FrameWriter.writeBasicHeaderFrame(out, channel, bodySize, properties);
    }
}

package dev.warren.amqp.codec.frame;

import dev.warren.amqp.codec.content.BasicProperties;
import dev.warren.amqp.codec.method.MethodKind;
import dev.warren.amqp.codec.table.EncodedShortString;
import dev.warren.amqp.codec.table.ShortStrings;
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
            writePrefix(out, channel, exchange, routingKey, mandatory, properties, length, frameMax);
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
            writePrefix(prefix, channel, exchange, routingKey, mandatory, properties, length, frameMax);
        } catch (RuntimeException e) {
            prefix.release();
            body.release();
            throw e;
        }
        return FrameWriter.appendBody(alloc, prefix, channel, body, frameMax);
    }

    /**
     * Appends a publish to {@code out}, a buffer the caller owns (growing it as needed), so that the publishes of
     * a burst share one buffer and one write. On an exception {@code out} is left as it was.
     */
    public static void encodeInto(ByteBuf out, int channel, EncodedShortString exchange,
                                  EncodedShortString routingKey, boolean mandatory, BasicProperties properties,
                                  byte[] body, int offset, int length, int frameMax) {
        int start = out.writerIndex();
        try {
            writePrefix(out, channel, exchange, routingKey, mandatory, properties, length, frameMax);
            FrameWriter.writeBodyFrames(out, channel, body, offset, length, frameMax);
        } catch (RuntimeException e) {
            out.writerIndex(start);
            throw e;
        }
    }

    /**
     * As {@link #encodeInto(ByteBuf, int, EncodedShortString, EncodedShortString, boolean, BasicProperties, byte[],
     * int, int, int)}, with exchange and routing key as strings (at most 255 bytes of UTF-8 each).
     */
    public static void encodeInto(ByteBuf out, int channel, String exchange, String routingKey, boolean mandatory,
                                  BasicProperties properties, byte[] body, int offset, int length, int frameMax) {
        int start = out.writerIndex();
        try {
            out.writeByte(Frame.METHOD);
            out.writeShort(channel);
            int sizeIndex = out.writerIndex();
            out.writeInt(0);
            out.writeShort(MethodKind.BASIC_PUBLISH.classId());
            out.writeShort(MethodKind.BASIC_PUBLISH.methodId());
            out.writeShort(0);
            ShortStrings.write(out, exchange);
            ShortStrings.write(out, routingKey);
            out.writeByte(mandatory ? 1 : 0);
            out.setInt(sizeIndex, out.writerIndex() - sizeIndex - 4);
            out.writeByte(Frame.FRAME_END);
            writeHeader(out, channel, properties, length, frameMax);
            FrameWriter.writeBodyFrames(out, channel, body, offset, length, frameMax);
        } catch (RuntimeException e) {
            out.writerIndex(start);
            throw e;
        }
    }

    /**
     * Checks on the caller's thread what would otherwise fail only when the publish is encoded: properties whose
     * header frame exceeds frame-max. Cheap for properties without headers, which always fit.
     *
     * @throws IllegalArgumentException when the properties do not fit
     */
    public static void checkProperties(BasicProperties properties, int frameMax) {
        if (properties.headers() == null || properties.headers().isEmpty()) {
            return;
        }
        ByteBuf scratch = io.netty.buffer.Unpooled.buffer(256);
        try {
            FrameWriter.writeBasicHeaderFrame(scratch, 0, 0, properties);
            FrameWriter.checkFrameSize(scratch.readableBytes(), frameMax, "the message properties");
        } finally {
            scratch.release();
        }
    }

    private static void writePrefix(ByteBuf out, int channel, EncodedShortString exchange,
                                    EncodedShortString routingKey, boolean mandatory, BasicProperties properties,
                                    long bodySize, int frameMax) {
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
        writeHeader(out, channel, properties, bodySize, frameMax);
    }

    private static void writeHeader(ByteBuf out, int channel, BasicProperties properties, long bodySize,
                                    int frameMax) {
        int headerStart = out.writerIndex();
        FrameWriter.writeBasicHeaderFrame(out, channel, bodySize, properties);
        if (properties != BasicProperties.EMPTY) {
            FrameWriter.checkFrameSize(out.writerIndex() - headerStart, frameMax, "the message properties");
        }
    }
}

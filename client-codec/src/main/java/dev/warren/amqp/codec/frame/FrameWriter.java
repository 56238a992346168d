package dev.warren.amqp.codec.frame;

import dev.warren.amqp.codec.content.BasicProperties;
import dev.warren.amqp.codec.content.BasicPropertiesCodec;
import dev.warren.amqp.codec.content.ContentHeader;
import dev.warren.amqp.codec.method.Method;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;

/**
 * Writes frames into buffers. Nothing here flushes or touches a channel; a caller writes the result once.
 *
 * <p>A command with content becomes one buffer when its body is small enough to copy cheaply, or one composite
 * buffer whose body components are slices of the caller's body, so large bodies are never copied.
 */
public final class FrameWriter {

    /** Bodies up to this size are copied next to the frame headers rather than linked into a composite. */
    public static final int COPY_BODY_THRESHOLD = 2048;

    private FrameWriter() {
    }

    /** Writes a method frame. */
    public static void writeMethodFrame(ByteBuf out, int channel, Method method) {
        out.writeByte(Frame.METHOD);
        out.writeShort(channel);
        int sizeIndex = out.writerIndex();
        out.writeInt(0);
        method.encode(out);
        out.setInt(sizeIndex, out.writerIndex() - sizeIndex - 4);
        out.writeByte(Frame.FRAME_END);
    }

    /** Writes a content-header frame. */
    public static void writeContentHeaderFrame(ByteBuf out, int channel, ContentHeader header) {
        out.writeByte(Frame.HEADER);
        out.writeShort(channel);
        int sizeIndex = out.writerIndex();
        out.writeInt(0);
        header.encode(out);
        out.setInt(sizeIndex, out.writerIndex() - sizeIndex - 4);
        out.writeByte(Frame.FRAME_END);
    }

    /** Writes a basic-class content-header frame without building a {@link ContentHeader} first. */
    public static void writeBasicHeaderFrame(ByteBuf out, int channel, long bodySize, BasicProperties properties) {
        out.writeByte(Frame.HEADER);
        out.writeShort(channel);
        int sizeIndex = out.writerIndex();
        out.writeInt(0);
        out.writeShort(ContentHeader.BASIC_CLASS_ID);
        out.writeShort(0);
        out.writeLong(bodySize);
        BasicPropertiesCodec.encode(out, properties);
        out.setInt(sizeIndex, out.writerIndex() - sizeIndex - 4);
        out.writeByte(Frame.FRAME_END);
    }

    /** Writes a heartbeat frame. */
    public static void writeHeartbeat(ByteBuf out) {
        out.writeByte(Frame.HEARTBEAT).writeShort(0).writeInt(0).writeByte(Frame.FRAME_END);
    }

    /** Writes one body frame holding {@code length} bytes of {@code body} from {@code offset}. */
    public static void writeBodyFrame(ByteBuf out, int channel, byte[] body, int offset, int length) {
        out.writeByte(Frame.BODY).writeShort(channel).writeInt(length);
        out.writeBytes(body, offset, length);
        out.writeByte(Frame.FRAME_END);
    }

    /** The number of body frames a body of {@code bodySize} bytes needs at {@code frameMax}. */
    public static int bodyFrameCount(long bodySize, int frameMax) {
        long payload = frameMax - Frame.OVERHEAD;
        return (int) ((bodySize + payload - 1) / payload);
    }

    /**
     * Writes body frames for all of {@code body} (an array slice) into {@code out}, each at most {@code frameMax}
     * bytes on the wire.
     */
    public static void writeBodyFrames(ByteBuf out, int channel, byte[] body, int offset, int length, int frameMax) {
        int maxPayload = frameMax - Frame.OVERHEAD;
        int end = offset + length;
        for (int i = offset; i < end; i += maxPayload) {
            writeBodyFrame(out, channel, body, i, Math.min(maxPayload, end - i));
        }
    }

    /**
     * Encodes a whole command: its method frame and, when it has content, its header and body frames.
     * Takes over the caller's reference to {@code body} (released here, or passed on inside the result).
     *
     * @param frameMax the negotiated frame-max; body frames are at most this size, header included
     */
    public static ByteBuf encodeCommand(ByteBufAllocator alloc, int channel, Method method, ContentHeader header,
                                        ByteBuf body, int frameMax) {
        if (header == null) {
            ByteBuf out = alloc.buffer(64);
            writeMethodFrame(out, channel, method);
            return out;
        }
        int bodySize = body.readableBytes();
        ByteBuf prefix = alloc.buffer(256 + (bodySize <= COPY_BODY_THRESHOLD ? bodySize + 16 : 0));
        try {
            writeMethodFrame(prefix, channel, method);
            writeContentHeaderFrame(prefix, channel, new ContentHeader(header.classId(), bodySize,
                    header.properties()));
        } catch (RuntimeException e) {
            prefix.release();
            body.release();
            throw e;
        }
        return appendBody(alloc, prefix, channel, body, frameMax);
    }

    /**
     * Appends the body frames of {@code body} after the frames already in {@code prefix}, taking over both
     * references: small bodies are copied into {@code prefix}; large ones become a composite of slices.
     */
    public static ByteBuf appendBody(ByteBufAllocator alloc, ByteBuf prefix, int channel, ByteBuf body,
                                     int frameMax) {
        int bodySize = body.readableBytes();
        int maxPayload = frameMax - Frame.OVERHEAD;
        if (bodySize == 0) {
            body.release();
            return prefix;
        }
        if (bodySize <= COPY_BODY_THRESHOLD && bodySize <= maxPayload) {
            prefix.writeByte(Frame.BODY).writeShort(channel).writeInt(bodySize);
            prefix.writeBytes(body, body.readerIndex(), bodySize);
            prefix.writeByte(Frame.FRAME_END);
            body.release();
            return prefix;
        }
        int frames = bodyFrameCount(bodySize, frameMax);
        CompositeByteBuf composite = alloc.compositeBuffer(2 * frames + 1);
        // One buffer holds every frame boundary (end octet of one frame, header of the next); slices of it go
        // between the body slices.
        ByteBuf glue = alloc.buffer(frames * Frame.OVERHEAD);
        try {
            writeBodyFrameHeader(prefix, channel, Math.min(maxPayload, bodySize));
            composite.addComponent(true, prefix);
            int offset = body.readerIndex();
            int remaining = bodySize;
            while (remaining > 0) {
                int chunk = Math.min(maxPayload, remaining);
                composite.addComponent(true, body.retainedSlice(offset, chunk));
                offset += chunk;
                remaining -= chunk;
                int glueStart = glue.writerIndex();
                glue.writeByte(Frame.FRAME_END);
                if (remaining > 0) {
                    writeBodyFrameHeader(glue, channel, Math.min(maxPayload, remaining));
                }
                composite.addComponent(true, glue.retainedSlice(glueStart, glue.writerIndex() - glueStart));
            }
            return composite;
        } catch (RuntimeException e) {
            composite.release();
            throw e;
        } finally {
            glue.release();
            body.release();
        }
    }

    private static void writeBodyFrameHeader(ByteBuf out, int channel, int payloadSize) {
        out.writeByte(Frame.BODY).writeShort(channel).writeInt(payloadSize);
    }
}

package dev.warren.amqp.benchmarks.peer;

import dev.warren.amqp.codec.content.BasicProperties;
import dev.warren.amqp.codec.frame.Frame;
import dev.warren.amqp.codec.frame.FrameWriter;
import dev.warren.amqp.codec.method.BasicMethod;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

/**
 * The bytes of one consumer's deliveries, encoded once: basic.deliver, a content header without properties, and
 * the body frames. Writing a delivery copies the template and patches the delivery tag and, when the body has room
 * for it, the send time ({@link System#nanoTime()}, big-endian, in the body's first 8 bytes) from which the perf
 * tool computes end-to-end latency. Bodies too large for a template are written frame by frame, zero-filled.
 */
final class DeliveryFrames {

    /** Bodies up to this size are part of the template; larger ones are written frame by frame. */
    static final int TEMPLATE_BODY_LIMIT = 16 * 1024;
    /** Body bytes the send time takes. */
    static final int TIMESTAMP_SIZE = 8;

    private final int channel;
    private final int bodySize;
    private final int maxBodyPayload;
    private final byte[] template;
    private final int tagOffset;
    /** Where the send time goes in the template, or -1 when the body is not part of it or too small. */
    private final int timestampOffset;
    private final int size;

    DeliveryFrames(int channel, String consumerTag, String routingKey, int bodySize, int frameMax) {
        this.channel = channel;
        this.bodySize = bodySize;
        this.maxBodyPayload = frameMax - Frame.OVERHEAD;
        boolean bodyInTemplate = bodySize <= TEMPLATE_BODY_LIMIT && bodySize <= maxBodyPayload;
        int bodyAt = -1;
        ByteBuf out = Unpooled.buffer(256 + (bodyInTemplate ? bodySize + Frame.OVERHEAD : 0));
        try {
            FrameWriter.writeMethodFrame(out, channel, new BasicMethod.Deliver(consumerTag, 0, false, "", routingKey));
            FrameWriter.writeBasicHeaderFrame(out, channel, bodySize, BasicProperties.EMPTY);
            if (bodyInTemplate && bodySize > 0) {
                bodyAt = out.writerIndex() + Frame.HEADER_SIZE;
                FrameWriter.writeBodyFrame(out, channel, new byte[bodySize], 0, bodySize);
            }
            this.template = ByteBufUtil.getBytes(out);
        } finally {
            out.release();
        }
        // type, channel, size, class id, method id, then the consumer tag as a short string: its length octet
        this.tagOffset = Frame.HEADER_SIZE + 4 + 1 + (template[Frame.HEADER_SIZE + 4] & 0xFF);
        this.timestampOffset = bodyAt >= 0 && bodySize >= TIMESTAMP_SIZE ? bodyAt : -1;
        this.size = bodyInTemplate ? template.length
                : template.length + FrameWriter.bodyFrameCount(bodySize, frameMax) * Frame.OVERHEAD + bodySize;
    }

    /** The bytes one delivery takes on the wire. */
    int size() {
        return size;
    }

    /** Appends one delivery; {@code out} has at least {@link #size()} writable bytes. */
    void write(ByteBuf out, long deliveryTag, long sentNanos) {
        int start = out.writerIndex();
        out.writeBytes(template);
        out.setLong(start + tagOffset, deliveryTag);
        if (timestampOffset >= 0) {
            out.setLong(start + timestampOffset, sentNanos);
        } else if (template.length != size) {
            writeBodyFrames(out, sentNanos);
        }
    }

    private void writeBodyFrames(ByteBuf out, long sentNanos) {
        int remaining = bodySize;
        boolean first = true;
        while (remaining > 0) {
            int payload = Math.min(maxBodyPayload, remaining);
            out.writeByte(Frame.BODY).writeShort(channel).writeInt(payload);
            int zeros = payload;
            if (first && bodySize >= TIMESTAMP_SIZE) {
                out.writeLong(sentNanos);
                zeros -= TIMESTAMP_SIZE;
            }
            out.writeZero(zeros);
            out.writeByte(Frame.FRAME_END);
            remaining -= payload;
            first = false;
        }
    }
}

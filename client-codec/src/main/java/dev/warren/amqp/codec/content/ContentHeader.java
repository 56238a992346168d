package dev.warren.amqp.codec.content;

import dev.warren.amqp.codec.AmqpCodecException;
import io.netty.buffer.ByteBuf;

import java.util.Objects;

/**
 * The payload of a content-header frame: the content's class, the total body size and the properties. The
 * weight field of the specification is always zero and is not kept.
 *
 * @param classId    the class of the method the content belongs to; 60 (basic) for every RabbitMQ content
 * @param bodySize   the total body size in bytes, split over the body frames that follow (unsigned 64-bit on
 *                   the wire; a negative value here means the peer sent one of 2<sup>63</sup> or more)
 * @param properties the basic properties
 */
public record ContentHeader(int classId, long bodySize, BasicProperties properties) {

    public static final int BASIC_CLASS_ID = 60;

    public ContentHeader {
        Objects.requireNonNull(properties, "properties");
        if (classId < 0 || classId > 0xFFFF) {
            throw new IllegalArgumentException("classId is 0..65535, was " + classId);
        }
    }

    /** A basic-class header for a body of {@code bodySize} bytes. */
    public static ContentHeader basic(long bodySize, BasicProperties properties) {
        return new ContentHeader(BASIC_CLASS_ID, bodySize, properties);
    }

    /** Reads a content-header payload (class id, weight, body size, property flags and properties). */
    public static ContentHeader decode(ByteBuf in, int maxNestingDepth) {
        if (in.readableBytes() < 12) {
            throw AmqpCodecException.frameError("content header of " + in.readableBytes()
                    + " bytes is shorter than the 12 bytes of class, weight and body size");
        }
        int classId = in.readUnsignedShort();
        if (classId != BASIC_CLASS_ID) {
            throw AmqpCodecException.frameError("content header for class " + classId
                    + "; only basic (60) carries content");
        }
        int weight = in.readUnsignedShort();
        if (weight != 0) {
            throw AmqpCodecException.frameError("content header weight must be 0, was " + weight);
        }
        long bodySize = in.readLong();
        return new ContentHeader(classId, bodySize, BasicPropertiesCodec.decode(in, maxNestingDepth));
    }

    /** Writes the content-header payload. */
    public void encode(ByteBuf out) {
        out.writeShort(classId);
        out.writeShort(0);
        out.writeLong(bodySize);
        BasicPropertiesCodec.encode(out, properties);
    }
}

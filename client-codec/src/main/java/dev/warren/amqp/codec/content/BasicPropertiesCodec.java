package dev.warren.amqp.codec.content;

import dev.warren.amqp.codec.AmqpCodecException;
import dev.warren.amqp.codec.table.FieldTables;
import dev.warren.amqp.codec.table.ShortStrings;
import dev.warren.amqp.codec.table.Timestamps;
import io.netty.buffer.ByteBuf;

import java.time.Instant;
import java.util.Map;

/**
 * The property-flags encoding of {@link BasicProperties}: 16-bit flag words, most significant bit first, in which
 * bit 0 says another flag word follows. Basic has 14 properties, so one word is enough and bits 1 and 0 stay
 * clear; a decoder still reads continuation words, and fails on a flag for a property that does not exist.
 */
public final class BasicPropertiesCodec {

    private static final int CONTENT_TYPE = 1 << 15;
    private static final int CONTENT_ENCODING = 1 << 14;
    private static final int HEADERS = 1 << 13;
    private static final int DELIVERY_MODE = 1 << 12;
    private static final int PRIORITY = 1 << 11;
    private static final int CORRELATION_ID = 1 << 10;
    private static final int REPLY_TO = 1 << 9;
    private static final int EXPIRATION = 1 << 8;
    private static final int MESSAGE_ID = 1 << 7;
    private static final int TIMESTAMP = 1 << 6;
    private static final int TYPE = 1 << 5;
    private static final int USER_ID = 1 << 4;
    private static final int APP_ID = 1 << 3;
    private static final int CLUSTER_ID = 1 << 2;
    private static final int CONTINUATION = 1;
    private static final int UNDEFINED = 1 << 1;

    private BasicPropertiesCodec() {
    }

    /**
     * Reads the flag words and the properties they announce.
     *
     * @throws AmqpCodecException 502 for a flag of an undefined property or a value that runs past the data
     */
    public static BasicProperties decode(ByteBuf in, int maxNestingDepth) {
        int flags = readFlags(in);
        if (flags == 0) {
            return BasicProperties.EMPTY;
        }
        try {
            String contentType = (flags & CONTENT_TYPE) != 0 ? ShortStrings.read(in) : null;
            String contentEncoding = (flags & CONTENT_ENCODING) != 0 ? ShortStrings.read(in) : null;
            Map<String, Object> headers = (flags & HEADERS) != 0 ? FieldTables.readTable(in, maxNestingDepth) : null;
            Integer deliveryMode = (flags & DELIVERY_MODE) != 0 ? (int) in.readUnsignedByte() : null;
            Integer priority = (flags & PRIORITY) != 0 ? (int) in.readUnsignedByte() : null;
            String correlationId = (flags & CORRELATION_ID) != 0 ? ShortStrings.read(in) : null;
            String replyTo = (flags & REPLY_TO) != 0 ? ShortStrings.read(in) : null;
            String expiration = (flags & EXPIRATION) != 0 ? ShortStrings.read(in) : null;
            String messageId = (flags & MESSAGE_ID) != 0 ? ShortStrings.read(in) : null;
            Instant timestamp = (flags & TIMESTAMP) != 0 ? Timestamps.fromSeconds(in.readLong()) : null;
            String type = (flags & TYPE) != 0 ? ShortStrings.read(in) : null;
            String userId = (flags & USER_ID) != 0 ? ShortStrings.read(in) : null;
            String appId = (flags & APP_ID) != 0 ? ShortStrings.read(in) : null;
            String clusterId = (flags & CLUSTER_ID) != 0 ? ShortStrings.read(in) : null;
            return new BasicProperties(contentType, contentEncoding, headers, deliveryMode, priority, correlationId,
                    replyTo, expiration, messageId, timestamp, type, userId, appId, clusterId);
        } catch (IndexOutOfBoundsException e) {
            throw AmqpCodecException.syntaxError("basic properties run past the end of the content header");
        }
    }

    private static int readFlags(ByteBuf in) {
        if (in.readableBytes() < 2) {
            throw AmqpCodecException.syntaxError("property flags missing from the content header");
        }
        int first = in.readUnsignedShort();
        if ((first & UNDEFINED) != 0) {
            throw AmqpCodecException.syntaxError("property flag 1 is set, but basic defines only 14 properties");
        }
        int word = first;
        while ((word & CONTINUATION) != 0) {
            if (in.readableBytes() < 2) {
                throw AmqpCodecException.syntaxError("property flag continuation word missing");
            }
            word = in.readUnsignedShort();
            if ((word & ~CONTINUATION) != 0) {
                throw AmqpCodecException.syntaxError("property flags announce more than the 14 basic properties");
            }
        }
        return first & ~CONTINUATION;
    }

    /** Writes the flag word and every property that is set. */
    public static void encode(ByteBuf out, BasicProperties p) {
        if (p == BasicProperties.EMPTY) {
            out.writeShort(0);
            return;
        }
        int flags = 0;
        if (p.contentType() != null) flags |= CONTENT_TYPE;
        if (p.contentEncoding() != null) flags |= CONTENT_ENCODING;
        if (p.headers() != null) flags |= HEADERS;
        if (p.deliveryMode() != null) flags |= DELIVERY_MODE;
        if (p.priority() != null) flags |= PRIORITY;
        if (p.correlationId() != null) flags |= CORRELATION_ID;
        if (p.replyTo() != null) flags |= REPLY_TO;
        if (p.expiration() != null) flags |= EXPIRATION;
        if (p.messageId() != null) flags |= MESSAGE_ID;
        if (p.timestamp() != null) flags |= TIMESTAMP;
        if (p.type() != null) flags |= TYPE;
        if (p.userId() != null) flags |= USER_ID;
        if (p.appId() != null) flags |= APP_ID;
        if (p.clusterId() != null) flags |= CLUSTER_ID;
        out.writeShort(flags);
        if (p.contentType() != null) ShortStrings.write(out, p.contentType());
        if (p.contentEncoding() != null) ShortStrings.write(out, p.contentEncoding());
        if (p.headers() != null) FieldTables.writeTable(out, p.headers());
        if (p.deliveryMode() != null) out.writeByte(p.deliveryMode());
        if (p.priority() != null) out.writeByte(p.priority());
        if (p.correlationId() != null) ShortStrings.write(out, p.correlationId());
        if (p.replyTo() != null) ShortStrings.write(out, p.replyTo());
        if (p.expiration() != null) ShortStrings.write(out, p.expiration());
        if (p.messageId() != null) ShortStrings.write(out, p.messageId());
        if (p.timestamp() != null) out.writeLong(p.timestamp().getEpochSecond());
        if (p.type() != null) ShortStrings.write(out, p.type());
        if (p.userId() != null) ShortStrings.write(out, p.userId());
        if (p.appId() != null) ShortStrings.write(out, p.appId());
        if (p.clusterId() != null) ShortStrings.write(out, p.clusterId());
    }
}

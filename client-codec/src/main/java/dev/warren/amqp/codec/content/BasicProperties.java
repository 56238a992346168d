package dev.warren.amqp.codec.content;

import dev.warren.amqp.codec.table.FieldTables;
import dev.warren.amqp.codec.table.ShortStrings;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The 14 properties of a basic-class message (AMQP 0-9-1 section 1.8.2). Immutable; {@code null} means "not
 * set", and an unset property takes no bytes on the wire.
 *
 * @param contentType     MIME content type, such as {@code application/json}
 * @param contentEncoding MIME content encoding, such as {@code gzip}
 * @param headers         application headers, a field table (see {@link dev.warren.amqp.codec.table.FieldTables}
 *                        for the value types)
 * @param deliveryMode    1 for transient, 2 for persistent
 * @param priority        0 to 9 (RabbitMQ accepts up to 255)
 * @param correlationId   application correlation identifier
 * @param replyTo         the address to reply to
 * @param expiration      message expiration, in milliseconds as a decimal string (RabbitMQ's use)
 * @param messageId       application message identifier
 * @param timestamp       message timestamp, in whole seconds on the wire
 * @param type            message type name
 * @param userId          creating user id; RabbitMQ checks it against the connection's user
 * @param appId           creating application id
 * @param clusterId       deprecated; reserved
 */
public record BasicProperties(
        String contentType,
        String contentEncoding,
        Map<String, Object> headers,
        Integer deliveryMode,
        Integer priority,
        String correlationId,
        String replyTo,
        String expiration,
        String messageId,
        Instant timestamp,
        String type,
        String userId,
        String appId,
        String clusterId) {

    /** No property set. */
    public static final BasicProperties EMPTY = new BasicProperties(null, null, null, null, null, null, null, null,
            null, null, null, null, null, null);

    /** Delivery mode 2: the broker writes the message to disk in a durable queue. */
    public static final int PERSISTENT = 2;
    /** Delivery mode 1. */
    public static final int TRANSIENT = 1;

    public BasicProperties {
        checkShortString(contentType, "contentType");
        checkShortString(contentEncoding, "contentEncoding");
        checkShortString(correlationId, "correlationId");
        checkShortString(replyTo, "replyTo");
        checkShortString(expiration, "expiration");
        checkShortString(messageId, "messageId");
        checkShortString(type, "type");
        checkShortString(userId, "userId");
        checkShortString(appId, "appId");
        checkShortString(clusterId, "clusterId");
        checkOctet(deliveryMode, "deliveryMode");
        checkOctet(priority, "priority");
        if (headers != null) {
            headers = FieldTables.immutable(headers);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this record's values. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Persistent (delivery mode 2), content type {@code text/plain}. */
    public static BasicProperties persistentText() {
        return builder().deliveryMode(PERSISTENT).contentType("text/plain").build();
    }

    public boolean isEmpty() {
        return equals(EMPTY);
    }

    private static void checkShortString(String value, String name) {
        if (value != null) {
            ShortStrings.requireShortString(value, name);
        }
    }

    private static void checkOctet(Integer value, String name) {
        if (value != null && (value < 0 || value > 255)) {
            throw new IllegalArgumentException(name + " is an octet, 0..255, was " + value);
        }
    }

    /** Builds {@link BasicProperties}; not thread-safe. */
    public static final class Builder {
        private String contentType;
        private String contentEncoding;
        private Map<String, Object> headers;
        private Integer deliveryMode;
        private Integer priority;
        private String correlationId;
        private String replyTo;
        private String expiration;
        private String messageId;
        private Instant timestamp;
        private String type;
        private String userId;
        private String appId;
        private String clusterId;

        private Builder() {
        }

        private Builder(BasicProperties p) {
            contentType = p.contentType;
            contentEncoding = p.contentEncoding;
            headers = p.headers;
            deliveryMode = p.deliveryMode;
            priority = p.priority;
            correlationId = p.correlationId;
            replyTo = p.replyTo;
            expiration = p.expiration;
            messageId = p.messageId;
            timestamp = p.timestamp;
            type = p.type;
            userId = p.userId;
            appId = p.appId;
            clusterId = p.clusterId;
        }

        public Builder contentType(String value) {
            contentType = value;
            return this;
        }

        public Builder contentEncoding(String value) {
            contentEncoding = value;
            return this;
        }

        public Builder headers(Map<String, ?> value) {
            headers = value == null ? null : new LinkedHashMap<>(value);
            return this;
        }

        /** Adds one header, keeping those set before. */
        public Builder header(String name, Object value) {
            if (headers == null) {
                headers = new LinkedHashMap<>();
            } else if (!(headers instanceof LinkedHashMap)) {
                headers = new LinkedHashMap<>(headers);
            }
            headers.put(name, value);
            return this;
        }

        public Builder deliveryMode(Integer value) {
            deliveryMode = value;
            return this;
        }

        public Builder persistent() {
            return deliveryMode(PERSISTENT);
        }

        public Builder priority(Integer value) {
            priority = value;
            return this;
        }

        public Builder correlationId(String value) {
            correlationId = value;
            return this;
        }

        public Builder replyTo(String value) {
            replyTo = value;
            return this;
        }

        public Builder expiration(String value) {
            expiration = value;
            return this;
        }

        public Builder messageId(String value) {
            messageId = value;
            return this;
        }

        public Builder timestamp(Instant value) {
            timestamp = value;
            return this;
        }

        public Builder type(String value) {
            type = value;
            return this;
        }

        public Builder userId(String value) {
            userId = value;
            return this;
        }

        public Builder appId(String value) {
            appId = value;
            return this;
        }

        public Builder clusterId(String value) {
            clusterId = value;
            return this;
        }

        public BasicProperties build() {
            return new BasicProperties(contentType, contentEncoding, headers, deliveryMode, priority, correlationId,
                    replyTo, expiration, messageId, timestamp, type, userId, appId, clusterId);
        }
    }
}

package dev.warren.amqp.codec.method;

import dev.warren.amqp.codec.table.FieldTables;
import dev.warren.amqp.codec.table.ShortStrings;
import io.netty.buffer.ByteBuf;

import java.util.Map;

/** Methods of the basic class (60): publishing, consuming, acknowledging and fetching messages. */
public sealed interface BasicMethod extends Method permits
        BasicMethod.Qos,
        BasicMethod.QosOk,
        BasicMethod.Consume,
        BasicMethod.ConsumeOk,
        BasicMethod.Cancel,
        BasicMethod.CancelOk,
        BasicMethod.Publish,
        BasicMethod.Return,
        BasicMethod.Deliver,
        BasicMethod.Get,
        BasicMethod.GetOk,
        BasicMethod.GetEmpty,
        BasicMethod.Ack,
        BasicMethod.Reject,
        BasicMethod.RecoverAsync,
        BasicMethod.Recover,
        BasicMethod.RecoverOk,
        BasicMethod.Nack {

    /** basic.qos: specify quality of service. */
    record Qos(long prefetchSize, int prefetchCount, boolean global) implements BasicMethod {
        public Qos {
            MethodArguments.checkUnsignedInt(prefetchSize, "prefetch-size");
            MethodArguments.checkShort(prefetchCount, "prefetch-count");
        }

        @Override
        public MethodKind kind() {
            return MethodKind.BASIC_QOS;
        }

        @Override
        public void encodeArguments(ByteBuf out) {
            out.writeInt((int) prefetchSize);
            out.writeShort(prefetchCount);
            out.writeByte(global ? 1 : 0);
        }

        static Qos decode(ByteBuf in, int maxDepth) {
            long prefetchSize = in.readUnsignedInt();
            int prefetchCount = in.readUnsignedShort();
            int bits0 = in.readUnsignedByte();
            boolean global = (bits0 & 1) != 0;
            return new Qos(prefetchSize, prefetchCount, global);
        }
    }

    /** basic.qos-ok: confirm the requested qos. */
    record QosOk() implements BasicMethod {
        /** The only value this record has. */
        public static final QosOk INSTANCE = new QosOk();

        @Override
        public MethodKind kind() {
            return MethodKind.BASIC_QOS_OK;
        }

        @Override
        public void encodeArguments(ByteBuf out) {
        }

        static QosOk decode(ByteBuf in, int maxDepth) {
            return INSTANCE;
        }
    }

    /** basic.consume: start a queue consumer. */
    record Consume(
            String queue,
            String consumerTag,
            boolean noLocal,
            boolean noAck,
            boolean exclusive,
            boolean nowait,
            Map<String, Object> arguments) implements BasicMethod {
        public Consume {
            ShortStrings.requireShortString(queue, "basic.consume queue");
            ShortStrings.requireShortString(consumerTag, "basic.consume consumer-tag");
            arguments = FieldTables.immutable(arguments);
        }

        @Override
        public MethodKind kind() {
            return MethodKind.BASIC_CONSUME;
        }

        @Override
        public void encodeArguments(ByteBuf out) {
            out.writeShort(0);
            ShortStrings.write(out, queue);
            ShortStrings.write(out, consumerTag);
            out.writeByte((noLocal ? 1 : 0) | (noAck ? 2 : 0) | (exclusive ? 4 : 0) | (nowait ? 8 : 0));
            FieldTables.writeTable(out, arguments);
        }

        static Consume decode(ByteBuf in, int maxDepth) {
            in.skipBytes(2);
            String queue = ShortStrings.read(in);
            String consumerTag = ShortStrings.read(in);
            int bits0 = in.readUnsignedByte();
            boolean noLocal = (bits0 & 1) != 0;
            boolean noAck = (bits0 & 2) != 0;
            boolean exclusive = (bits0 & 4) != 0;
            boolean nowait = (bits0 & 8) != 0;
            Map<String, Object> arguments = FieldTables.readTable(in, maxDepth);
            return new Consume(queue, consumerTag, noLocal, noAck, exclusive, nowait, arguments);
        }
    }

    /** basic.consume-ok: confirm a new consumer. */
    record ConsumeOk(String consumerTag) implements BasicMethod {
        public ConsumeOk {
            ShortStrings.requireShortString(consumerTag, "basic.consume-ok consumer-tag");
        }

        @Override
        public MethodKind kind() {
            return MethodKind.BASIC_CONSUME_OK;
        }

        @Override
        public void encodeArguments(ByteBuf out) {
            ShortStrings.write(out, consumerTag);
        }

        static ConsumeOk decode(ByteBuf in, int maxDepth) {
            String consumerTag = ShortStrings.read(in);
            return new ConsumeOk(consumerTag);
        }
    }

    /** basic.cancel: end a queue consumer. */
    record Cancel(String consumerTag, boolean nowait) implements BasicMethod {
        public Cancel {
            ShortStrings.requireShortString(consumerTag, "basic.cancel consumer-tag");
        }

        @Override
        public MethodKind kind() {
            return MethodKind.BASIC_CANCEL;
        }

        @Override
        public void encodeArguments(ByteBuf out) {
            ShortStrings.write(out, consumerTag);
            out.writeByte(nowait ? 1 : 0);
        }

        static Cancel decode(ByteBuf in, int maxDepth) {
            String consumerTag = ShortStrings.read(in);
            int bits0 = in.readUnsignedByte();
            boolean nowait = (bits0 & 1) != 0;
            return new Cancel(consumerTag, nowait);
        }
    }

    /** basic.cancel-ok: confirm a cancelled consumer. */
    record CancelOk(String consumerTag) implements BasicMethod {
        public CancelOk {
            ShortStrings.requireShortString(consumerTag, "basic.cancel-ok consumer-tag");
        }

        @Override
        public MethodKind kind() {
            return MethodKind.BASIC_CANCEL_OK;
        }

        @Override
        public void encodeArguments(ByteBuf out) {
            ShortStrings.write(out, consumerTag);
        }

        static CancelOk decode(ByteBuf in, int maxDepth) {
            String consumerTag = ShortStrings.read(in);
            return new CancelOk(consumerTag);
        }
    }

    /** basic.publish: publish a message. */
    record Publish(String exchange, String routingKey, boolean mandatory, boolean immediate) implements BasicMethod {
        public Publish {
            ShortStrings.requireShortString(exchange, "basic.publish exchange");
            ShortStrings.requireShortString(routingKey, "basic.publish routing-key");
        }

        @Override
        public MethodKind kind() {
            return MethodKind.BASIC_PUBLISH;
        }

        @Override
        public void encodeArguments(ByteBuf out) {
            out.writeShort(0);
            ShortStrings.write(out, exchange);
            ShortStrings.write(out, routingKey);
            out.writeByte((mandatory ? 1 : 0) | (immediate ? 2 : 0));
        }

        static Publish decode(ByteBuf in, int maxDepth) {
            in.skipBytes(2);
            String exchange = ShortStrings.read(in);
            String routingKey = ShortStrings.read(in);
            int bits0 = in.readUnsignedByte();
            boolean mandatory = (bits0 & 1) != 0;
            boolean immediate = (bits0 & 2) != 0;
            return new Publish(exchange, routingKey, mandatory, immediate);
        }
    }

    /** basic.return: return a failed message. */
    record Return(int replyCode, String replyText, String exchange, String routingKey) implements BasicMethod {
        public Return {
            MethodArguments.checkShort(replyCode, "reply-code");
            ShortStrings.requireShortString(replyText, "basic.return reply-text");
            ShortStrings.requireShortString(exchange, "basic.return exchange");
            ShortStrings.requireShortString(routingKey, "basic.return routing-key");
        }

        @Override
        public MethodKind kind() {
            return MethodKind.BASIC_RETURN;
        }

        @Override
        public void encodeArguments(ByteBuf out) {
            out.writeShort(replyCode);
            ShortStrings.write(out, replyText);
            ShortStrings.write(out, exchange);
            ShortStrings.write(out, routingKey);
        }

        static Return decode(ByteBuf in, int maxDepth) {
            int replyCode = in.readUnsignedShort();
            String replyText = ShortStrings.read(in);
            String exchange = ShortStrings.read(in);
            String routingKey = ShortStrings.read(in);
            return new Return(replyCode, replyText, exchange, routingKey);
        }
    }

    /** basic.deliver: notify the client of a consumer message. */
    record Deliver(
            String consumerTag,
            long deliveryTag,
            boolean redelivered,
            String exchange,
            String routingKey) implements BasicMethod {
        public Deliver {
            ShortStrings.requireShortString(consumerTag, "basic.deliver consumer-tag");
            ShortStrings.requireShortString(exchange, "basic.deliver exchange");
            ShortStrings.requireShortString(routingKey, "basic.deliver routing-key");
        }

        @Override
        public MethodKind kind() {
            return MethodKind.BASIC_DELIVER;
        }

        @Override
        public void encodeArguments(ByteBuf out) {
            ShortStrings.write(out, consumerTag);
            out.writeLong(deliveryTag);
            out.writeByte(redelivered ? 1 : 0);
            ShortStrings.write(out, exchange);
            ShortStrings.write(out, routingKey);
        }

        static Deliver decode(ByteBuf in, int maxDepth) {
            String consumerTag = ShortStrings.read(in);
            long deliveryTag = in.readLong();
            int bits0 = in.readUnsignedByte();
            boolean redelivered = (bits0 & 1) != 0;
            String exchange = ShortStrings.read(in);
            String routingKey = ShortStrings.read(in);
            return new Deliver(consumerTag, deliveryTag, redelivered, exchange, routingKey);
        }
    }

    /** basic.get: direct access to a queue. */
    record Get(String queue, boolean noAck) implements BasicMethod {
        public Get {
            ShortStrings.requireShortString(queue, "basic.get queue");
        }

        @Override
        public MethodKind kind() {
            return MethodKind.BASIC_GET;
        }

        @Override
        public void encodeArguments(ByteBuf out) {
            out.writeShort(0);
            ShortStrings.write(out, queue);
            out.writeByte(noAck ? 1 : 0);
        }

        static Get decode(ByteBuf in, int maxDepth) {
            in.skipBytes(2);
            String queue = ShortStrings.read(in);
            int bits0 = in.readUnsignedByte();
            boolean noAck = (bits0 & 1) != 0;
            return new Get(queue, noAck);
        }
    }

    /** basic.get-ok: provide client with a message. */
    record GetOk(
            long deliveryTag,
            boolean redelivered,
            String exchange,
            String routingKey,
            long messageCount) implements BasicMethod {
        public GetOk {
            ShortStrings.requireShortString(exchange, "basic.get-ok exchange");
            ShortStrings.requireShortString(routingKey, "basic.get-ok routing-key");
            MethodArguments.checkUnsignedInt(messageCount, "message-count");
        }

        @Override
        public MethodKind kind() {
            return MethodKind.BASIC_GET_OK;
        }

        @Override
        public void encodeArguments(ByteBuf out) {
            out.writeLong(deliveryTag);
            out.writeByte(redelivered ? 1 : 0);
            ShortStrings.write(out, exchange);
            ShortStrings.write(out, routingKey);
            out.writeInt((int) messageCount);
        }

        static GetOk decode(ByteBuf in, int maxDepth) {
            long deliveryTag = in.readLong();
            int bits0 = in.readUnsignedByte();
            boolean redelivered = (bits0 & 1) != 0;
            String exchange = ShortStrings.read(in);
            String routingKey = ShortStrings.read(in);
            long messageCount = in.readUnsignedInt();
            return new GetOk(deliveryTag, redelivered, exchange, routingKey, messageCount);
        }
    }

    /** basic.get-empty: indicate no messages available. */
    record GetEmpty() implements BasicMethod {
        /** The only value this record has. */
        public static final GetEmpty INSTANCE = new GetEmpty();

        @Override
        public MethodKind kind() {
            return MethodKind.BASIC_GET_EMPTY;
        }

        @Override
        public void encodeArguments(ByteBuf out) {
            out.writeByte(0);
        }

        static GetEmpty decode(ByteBuf in, int maxDepth) {
            ShortStrings.read(in);
            return INSTANCE;
        }
    }

    /** basic.ack: acknowledge one or more messages. */
    record Ack(long deliveryTag, boolean multiple) implements BasicMethod {
        @Override
        public MethodKind kind() {
            return MethodKind.BASIC_ACK;
        }

        @Override
        public void encodeArguments(ByteBuf out) {
            out.writeLong(deliveryTag);
            out.writeByte(multiple ? 1 : 0);
        }

        static Ack decode(ByteBuf in, int maxDepth) {
            long deliveryTag = in.readLong();
            int bits0 = in.readUnsignedByte();
            boolean multiple = (bits0 & 1) != 0;
            return new Ack(deliveryTag, multiple);
        }
    }

    /** basic.reject: reject an incoming message. */
    record Reject(long deliveryTag, boolean requeue) implements BasicMethod {
        @Override
        public MethodKind kind() {
            return MethodKind.BASIC_REJECT;
        }

        @Override
        public void encodeArguments(ByteBuf out) {
            out.writeLong(deliveryTag);
            out.writeByte(requeue ? 1 : 0);
        }

        static Reject decode(ByteBuf in, int maxDepth) {
            long deliveryTag = in.readLong();
            int bits0 = in.readUnsignedByte();
            boolean requeue = (bits0 & 1) != 0;
            return new Reject(deliveryTag, requeue);
        }
    }

    /** basic.recover-async: redeliver unacknowledged messages. */
    record RecoverAsync(boolean requeue) implements BasicMethod {
        @Override
        public MethodKind kind() {
            return MethodKind.BASIC_RECOVER_ASYNC;
        }

        @Override
        public void encodeArguments(ByteBuf out) {
            out.writeByte(requeue ? 1 : 0);
        }

        static RecoverAsync decode(ByteBuf in, int maxDepth) {
            int bits0 = in.readUnsignedByte();
            boolean requeue = (bits0 & 1) != 0;
            return new RecoverAsync(requeue);
        }
    }

    /** basic.recover: redeliver unacknowledged messages. */
    record Recover(boolean requeue) implements BasicMethod {
        @Override
        public MethodKind kind() {
            return MethodKind.BASIC_RECOVER;
        }

        @Override
        public void encodeArguments(ByteBuf out) {
            out.writeByte(requeue ? 1 : 0);
        }

        static Recover decode(ByteBuf in, int maxDepth) {
            int bits0 = in.readUnsignedByte();
            boolean requeue = (bits0 & 1) != 0;
            return new Recover(requeue);
        }
    }

    /** basic.recover-ok: confirm recovery. */
    record RecoverOk() implements BasicMethod {
        /** The only value this record has. */
        public static final RecoverOk INSTANCE = new RecoverOk();

        @Override
        public MethodKind kind() {
            return MethodKind.BASIC_RECOVER_OK;
        }

        @Override
        public void encodeArguments(ByteBuf out) {
        }

        static RecoverOk decode(ByteBuf in, int maxDepth) {
            return INSTANCE;
        }
    }

    /** basic.nack: reject one or more incoming messages, or a publish in confirm mode (RabbitMQ extension). */
    record Nack(long deliveryTag, boolean multiple, boolean requeue) implements BasicMethod {
        @Override
        public MethodKind kind() {
            return MethodKind.BASIC_NACK;
        }

        @Override
        public void encodeArguments(ByteBuf out) {
            out.writeLong(deliveryTag);
            out.writeByte((multiple ? 1 : 0) | (requeue ? 2 : 0));
        }

        static Nack decode(ByteBuf in, int maxDepth) {
            long deliveryTag = in.readLong();
            int bits0 = in.readUnsignedByte();
            boolean multiple = (bits0 & 1) != 0;
            boolean requeue = (bits0 & 2) != 0;
            return new Nack(deliveryTag, multiple, requeue);
        }
    }
}

package dev.warren.amqp.codec.method;

import dev.warren.amqp.codec.table.FieldTables;
import dev.warren.amqp.codec.table.ShortStrings;
import io.netty.buffer.ByteBuf;

import java.util.Map;

/** Methods of the queue class (50): declaring, binding, purging and deleting queues. */
public sealed interface QueueMethod extends Method permits
        QueueMethod.Declare,
        QueueMethod.DeclareOk,
        QueueMethod.Bind,
        QueueMethod.BindOk,
        QueueMethod.Purge,
        QueueMethod.PurgeOk,
        QueueMethod.Delete,
        QueueMethod.DeleteOk,
        QueueMethod.Unbind,
        QueueMethod.UnbindOk {

    /** queue.declare: declare queue, create if needed. */
    record Declare(
            String queue,
            boolean passive,
            boolean durable,
            boolean exclusive,
            boolean autoDelete,
            boolean nowait,
            Map<String, Object> arguments) implements QueueMethod {
        public Declare {
            ShortStrings.requireShortString(queue, "queue.declare queue");
            arguments = FieldTables.immutable(arguments);
        }

        @Override
        public MethodKind kind() {
            return MethodKind.QUEUE_DECLARE;
        }

        @Override
        public void encodeArguments(ByteBuf out) {
            out.writeShort(0);
            ShortStrings.write(out, queue);
            out.writeByte((passive ? 1 : 0)
                    | (durable ? 2 : 0)
                    | (exclusive ? 4 : 0)
                    | (autoDelete ? 8 : 0)
                    | (nowait ? 16 : 0));
            FieldTables.writeTable(out, arguments);
        }

        static Declare decode(ByteBuf in, int maxDepth) {
            in.skipBytes(2);
            String queue = ShortStrings.read(in);
            int bits0 = in.readUnsignedByte();
            boolean passive = (bits0 & 1) != 0;
            boolean durable = (bits0 & 2) != 0;
            boolean exclusive = (bits0 & 4) != 0;
            boolean autoDelete = (bits0 & 8) != 0;
            boolean nowait = (bits0 & 16) != 0;
            Map<String, Object> arguments = FieldTables.readTable(in, maxDepth);
            return new Declare(queue, passive, durable, exclusive, autoDelete, nowait, arguments);
        }
    }

    /** queue.declare-ok: confirms a queue definition. */
    record DeclareOk(String queue, long messageCount, long consumerCount) implements QueueMethod {
        public DeclareOk {
            ShortStrings.requireShortString(queue, "queue.declare-ok queue");
            MethodArguments.checkUnsignedInt(messageCount, "message-count");
            MethodArguments.checkUnsignedInt(consumerCount, "consumer-count");
        }

        @Override
        public MethodKind kind() {
            return MethodKind.QUEUE_DECLARE_OK;
        }

        @Override
        public void encodeArguments(ByteBuf out) {
            ShortStrings.write(out, queue);
            out.writeInt((int) messageCount);
            out.writeInt((int) consumerCount);
        }

        static DeclareOk decode(ByteBuf in, int maxDepth) {
            String queue = ShortStrings.read(in);
            long messageCount = in.readUnsignedInt();
            long consumerCount = in.readUnsignedInt();
            return new DeclareOk(queue, messageCount, consumerCount);
        }
    }

    /** queue.bind: bind queue to an exchange. */
    record Bind(
            String queue,
            String exchange,
            String routingKey,
            boolean nowait,
            Map<String, Object> arguments) implements QueueMethod {
        public Bind {
            ShortStrings.requireShortString(queue, "queue.bind queue");
            ShortStrings.requireShortString(exchange, "queue.bind exchange");
            ShortStrings.requireShortString(routingKey, "queue.bind routing-key");
            arguments = FieldTables.immutable(arguments);
        }

        @Override
        public MethodKind kind() {
            return MethodKind.QUEUE_BIND;
        }

        @Override
        public void encodeArguments(ByteBuf out) {
            out.writeShort(0);
            ShortStrings.write(out, queue);
            ShortStrings.write(out, exchange);
            ShortStrings.write(out, routingKey);
            out.writeByte(nowait ? 1 : 0);
            FieldTables.writeTable(out, arguments);
        }

        static Bind decode(ByteBuf in, int maxDepth) {
            in.skipBytes(2);
            String queue = ShortStrings.read(in);
            String exchange = ShortStrings.read(in);
            String routingKey = ShortStrings.read(in);
            int bits0 = in.readUnsignedByte();
            boolean nowait = (bits0 & 1) != 0;
            Map<String, Object> arguments = FieldTables.readTable(in, maxDepth);
            return new Bind(queue, exchange, routingKey, nowait, arguments);
        }
    }

    /** queue.bind-ok: confirm bind successful. */
    record BindOk() implements QueueMethod {
        /** The only value this record has. */
        public static final BindOk INSTANCE = new BindOk();

        @Override
        public MethodKind kind() {
            return MethodKind.QUEUE_BIND_OK;
        }

        @Override
        public void encodeArguments(ByteBuf out) {
        }

        static BindOk decode(ByteBuf in, int maxDepth) {
            return INSTANCE;
        }
    }

    /** queue.purge: purge a queue. */
    record Purge(String queue, boolean nowait) implements QueueMethod {
        public Purge {
            ShortStrings.requireShortString(queue, "queue.purge queue");
        }

        @Override
        public MethodKind kind() {
            return MethodKind.QUEUE_PURGE;
        }

        @Override
        public void encodeArguments(ByteBuf out) {
            out.writeShort(0);
            ShortStrings.write(out, queue);
            out.writeByte(nowait ? 1 : 0);
        }

        static Purge decode(ByteBuf in, int maxDepth) {
            in.skipBytes(2);
            String queue = ShortStrings.read(in);
            int bits0 = in.readUnsignedByte();
            boolean nowait = (bits0 & 1) != 0;
            return new Purge(queue, nowait);
        }
    }

    /** queue.purge-ok: confirms a queue purge. */
    record PurgeOk(long messageCount) implements QueueMethod {
        public PurgeOk {
            MethodArguments.checkUnsignedInt(messageCount, "message-count");
        }

        @Override
        public MethodKind kind() {
            return MethodKind.QUEUE_PURGE_OK;
        }

        @Override
        public void encodeArguments(ByteBuf out) {
            out.writeInt((int) messageCount);
        }

        static PurgeOk decode(ByteBuf in, int maxDepth) {
            long messageCount = in.readUnsignedInt();
            return new PurgeOk(messageCount);
        }
    }

    /** queue.delete: delete a queue. */
    record Delete(String queue, boolean ifUnused, boolean ifEmpty, boolean nowait) implements QueueMethod {
        public Delete {
            ShortStrings.requireShortString(queue, "queue.delete queue");
        }

        @Override
        public MethodKind kind() {
            return MethodKind.QUEUE_DELETE;
        }

        @Override
        public void encodeArguments(ByteBuf out) {
            out.writeShort(0);
            ShortStrings.write(out, queue);
            out.writeByte((ifUnused ? 1 : 0) | (ifEmpty ? 2 : 0) | (nowait ? 4 : 0));
        }

        static Delete decode(ByteBuf in, int maxDepth) {
            in.skipBytes(2);
            String queue = ShortStrings.read(in);
            int bits0 = in.readUnsignedByte();
            boolean ifUnused = (bits0 & 1) != 0;
            boolean ifEmpty = (bits0 & 2) != 0;
            boolean nowait = (bits0 & 4) != 0;
            return new Delete(queue, ifUnused, ifEmpty, nowait);
        }
    }

    /** queue.delete-ok: confirm deletion of a queue. */
    record DeleteOk(long messageCount) implements QueueMethod {
        public DeleteOk {
            MethodArguments.checkUnsignedInt(messageCount, "message-count");
        }

        @Override
        public MethodKind kind() {
            return MethodKind.QUEUE_DELETE_OK;
        }

        @Override
        public void encodeArguments(ByteBuf out) {
            out.writeInt((int) messageCount);
        }

        static DeleteOk decode(ByteBuf in, int maxDepth) {
            long messageCount = in.readUnsignedInt();
            return new DeleteOk(messageCount);
        }
    }

    /** queue.unbind: unbind a queue from an exchange. */
    record Unbind(
            String queue,
            String exchange,
            String routingKey,
            Map<String, Object> arguments) implements QueueMethod {
        public Unbind {
            ShortStrings.requireShortString(queue, "queue.unbind queue");
            ShortStrings.requireShortString(exchange, "queue.unbind exchange");
            ShortStrings.requireShortString(routingKey, "queue.unbind routing-key");
            arguments = FieldTables.immutable(arguments);
        }

        @Override
        public MethodKind kind() {
            return MethodKind.QUEUE_UNBIND;
        }

        @Override
        public void encodeArguments(ByteBuf out) {
            out.writeShort(0);
            ShortStrings.write(out, queue);
            ShortStrings.write(out, exchange);
            ShortStrings.write(out, routingKey);
            FieldTables.writeTable(out, arguments);
        }

        static Unbind decode(ByteBuf in, int maxDepth) {
            in.skipBytes(2);
            String queue = ShortStrings.read(in);
            String exchange = ShortStrings.read(in);
            String routingKey = ShortStrings.read(in);
            Map<String, Object> arguments = FieldTables.readTable(in, maxDepth);
            return new Unbind(queue, exchange, routingKey, arguments);
        }
    }

    /** queue.unbind-ok: confirm unbind successful. */
    record UnbindOk() implements QueueMethod {
        /** The only value this record has. */
        public static final UnbindOk INSTANCE = new UnbindOk();

        @Override
        public MethodKind kind() {
            return MethodKind.QUEUE_UNBIND_OK;
        }

        @Override
        public void encodeArguments(ByteBuf out) {
        }

        static UnbindOk decode(ByteBuf in, int maxDepth) {
            return INSTANCE;
        }
    }
}

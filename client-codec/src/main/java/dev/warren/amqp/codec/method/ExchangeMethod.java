package dev.warren.amqp.codec.method;

import dev.warren.amqp.codec.table.FieldTables;
import dev.warren.amqp.codec.table.ShortStrings;
import io.netty.buffer.ByteBuf;

import java.util.Map;

/** Methods of the exchange class (40): declaring, deleting and binding exchanges. */
public sealed interface ExchangeMethod extends Method permits
        ExchangeMethod.Declare,
        ExchangeMethod.DeclareOk,
        ExchangeMethod.Delete,
        ExchangeMethod.DeleteOk,
        ExchangeMethod.Bind,
        ExchangeMethod.BindOk,
        ExchangeMethod.Unbind,
        ExchangeMethod.UnbindOk {

    /** exchange.declare: verify exchange exists, create if needed. */
    record Declare(
            String exchange,
            String type,
            boolean passive,
            boolean durable,
            boolean autoDelete,
            boolean internal,
            boolean nowait,
            Map<String, Object> arguments) implements ExchangeMethod {
        public Declare {
            ShortStrings.requireShortString(exchange, "exchange.declare exchange");
            ShortStrings.requireShortString(type, "exchange.declare type");
            arguments = FieldTables.immutable(arguments);
        }

        @Override
        public MethodKind kind() {
            return MethodKind.EXCHANGE_DECLARE;
        }

        @Override
        public void encodeArguments(ByteBuf out) {
            out.writeShort(0);
            ShortStrings.write(out, exchange);
            ShortStrings.write(out, type);
            out.writeByte((passive ? 1 : 0)
                    | (durable ? 2 : 0)
                    | (autoDelete ? 4 : 0)
                    | (internal ? 8 : 0)
                    | (nowait ? 16 : 0));
            FieldTables.writeTable(out, arguments);
        }

        static Declare decode(ByteBuf in, int maxDepth) {
            in.skipBytes(2);
            String exchange = ShortStrings.read(in);
            String type = ShortStrings.read(in);
            int bits0 = in.readUnsignedByte();
            boolean passive = (bits0 & 1) != 0;
            boolean durable = (bits0 & 2) != 0;
            boolean autoDelete = (bits0 & 4) != 0;
            boolean internal = (bits0 & 8) != 0;
            boolean nowait = (bits0 & 16) != 0;
            Map<String, Object> arguments = FieldTables.readTable(in, maxDepth);
            return new Declare(exchange, type, passive, durable, autoDelete, internal, nowait, arguments);
        }
    }

    /** exchange.declare-ok: confirm exchange declaration. */
    record DeclareOk() implements ExchangeMethod {
        /** The only value this record has. */
        public static final DeclareOk INSTANCE = new DeclareOk();

        @Override
        public MethodKind kind() {
            return MethodKind.EXCHANGE_DECLARE_OK;
        }

        @Override
        public void encodeArguments(ByteBuf out) {
        }

        static DeclareOk decode(ByteBuf in, int maxDepth) {
            return INSTANCE;
        }
    }

    /** exchange.delete: delete an exchange. */
    record Delete(String exchange, boolean ifUnused, boolean nowait) implements ExchangeMethod {
        public Delete {
            ShortStrings.requireShortString(exchange, "exchange.delete exchange");
        }

        @Override
        public MethodKind kind() {
            return MethodKind.EXCHANGE_DELETE;
        }

        @Override
        public void encodeArguments(ByteBuf out) {
            out.writeShort(0);
            ShortStrings.write(out, exchange);
            out.writeByte((ifUnused ? 1 : 0) | (nowait ? 2 : 0));
        }

        static Delete decode(ByteBuf in, int maxDepth) {
            in.skipBytes(2);
            String exchange = ShortStrings.read(in);
            int bits0 = in.readUnsignedByte();
            boolean ifUnused = (bits0 & 1) != 0;
            boolean nowait = (bits0 & 2) != 0;
            return new Delete(exchange, ifUnused, nowait);
        }
    }

    /** exchange.delete-ok: confirm deletion of an exchange. */
    record DeleteOk() implements ExchangeMethod {
        /** The only value this record has. */
        public static final DeleteOk INSTANCE = new DeleteOk();

        @Override
        public MethodKind kind() {
            return MethodKind.EXCHANGE_DELETE_OK;
        }

        @Override
        public void encodeArguments(ByteBuf out) {
        }

        static DeleteOk decode(ByteBuf in, int maxDepth) {
            return INSTANCE;
        }
    }

    /** exchange.bind: bind an exchange to an exchange (RabbitMQ extension). */
    record Bind(
            String destination,
            String source,
            String routingKey,
            boolean nowait,
            Map<String, Object> arguments) implements ExchangeMethod {
        public Bind {
            ShortStrings.requireShortString(destination, "exchange.bind destination");
            ShortStrings.requireShortString(source, "exchange.bind source");
            ShortStrings.requireShortString(routingKey, "exchange.bind routing-key");
            arguments = FieldTables.immutable(arguments);
        }

        @Override
        public MethodKind kind() {
            return MethodKind.EXCHANGE_BIND;
        }

        @Override
        public void encodeArguments(ByteBuf out) {
            out.writeShort(0);
            ShortStrings.write(out, destination);
            ShortStrings.write(out, source);
            ShortStrings.write(out, routingKey);
            out.writeByte(nowait ? 1 : 0);
            FieldTables.writeTable(out, arguments);
        }

        static Bind decode(ByteBuf in, int maxDepth) {
            in.skipBytes(2);
            String destination = ShortStrings.read(in);
            String source = ShortStrings.read(in);
            String routingKey = ShortStrings.read(in);
            int bits0 = in.readUnsignedByte();
            boolean nowait = (bits0 & 1) != 0;
            Map<String, Object> arguments = FieldTables.readTable(in, maxDepth);
            return new Bind(destination, source, routingKey, nowait, arguments);
        }
    }

    /** exchange.bind-ok: confirm an exchange-to-exchange binding (RabbitMQ extension). */
    record BindOk() implements ExchangeMethod {
        /** The only value this record has. */
        public static final BindOk INSTANCE = new BindOk();

        @Override
        public MethodKind kind() {
            return MethodKind.EXCHANGE_BIND_OK;
        }

        @Override
        public void encodeArguments(ByteBuf out) {
        }

        static BindOk decode(ByteBuf in, int maxDepth) {
            return INSTANCE;
        }
    }

    /** exchange.unbind: unbind an exchange from an exchange (RabbitMQ extension). */
    record Unbind(
            String destination,
            String source,
            String routingKey,
            boolean nowait,
            Map<String, Object> arguments) implements ExchangeMethod {
        public Unbind {
            ShortStrings.requireShortString(destination, "exchange.unbind destination");
            ShortStrings.requireShortString(source, "exchange.unbind source");
            ShortStrings.requireShortString(routingKey, "exchange.unbind routing-key");
            arguments = FieldTables.immutable(arguments);
        }

        @Override
        public MethodKind kind() {
            return MethodKind.EXCHANGE_UNBIND;
        }

        @Override
        public void encodeArguments(ByteBuf out) {
            out.writeShort(0);
            ShortStrings.write(out, destination);
            ShortStrings.write(out, source);
            ShortStrings.write(out, routingKey);
            out.writeByte(nowait ? 1 : 0);
            FieldTables.writeTable(out, arguments);
        }

        static Unbind decode(ByteBuf in, int maxDepth) {
            in.skipBytes(2);
            String destination = ShortStrings.read(in);
            String source = ShortStrings.read(in);
            String routingKey = ShortStrings.read(in);
            int bits0 = in.readUnsignedByte();
            boolean nowait = (bits0 & 1) != 0;
            Map<String, Object> arguments = FieldTables.readTable(in, maxDepth);
            return new Unbind(destination, source, routingKey, nowait, arguments);
        }
    }

    /** exchange.unbind-ok: confirm an exchange-to-exchange unbinding (RabbitMQ extension). */
    record UnbindOk() implements ExchangeMethod {
        /** The only value this record has. */
        public static final UnbindOk INSTANCE = new UnbindOk();

        @Override
        public MethodKind kind() {
            return MethodKind.EXCHANGE_UNBIND_OK;
        }

        @Override
        public void encodeArguments(ByteBuf out) {
        }

        static UnbindOk decode(ByteBuf in, int maxDepth) {
            return INSTANCE;
        }
    }
}

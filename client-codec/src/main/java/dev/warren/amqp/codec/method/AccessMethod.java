package dev.warren.amqp.codec.method;

import dev.warren.amqp.codec.table.ShortStrings;
import io.netty.buffer.ByteBuf;

/**
 * Methods of the access class (30), deprecated since AMQP 0-9-1 and not used by RabbitMQ; defined for
 * completeness.
 */
public sealed interface AccessMethod extends Method permits
        AccessMethod.Request,
        AccessMethod.RequestOk {

    /** access.request: request. */
    record Request(
            String realm,
            boolean exclusive,
            boolean passive,
            boolean active,
            boolean write,
            boolean read) implements AccessMethod {
        public Request {
            ShortStrings.requireShortString(realm, "access.request realm");
        }

        @Override
        public MethodKind kind() {
            return MethodKind.ACCESS_REQUEST;
        }

        @Override
        public void encodeArguments(ByteBuf out) {
            ShortStrings.write(out, realm);
            out.writeByte((exclusive ? 1 : 0)
                    | (passive ? 2 : 0)
                    | (active ? 4 : 0)
                    | (write ? 8 : 0)
                    | (read ? 16 : 0));
        }

        static Request decode(ByteBuf in, int maxDepth) {
            String realm = ShortStrings.read(in);
            int bits0 = in.readUnsignedByte();
            boolean exclusive = (bits0 & 1) != 0;
            boolean passive = (bits0 & 2) != 0;
            boolean active = (bits0 & 4) != 0;
            boolean write = (bits0 & 8) != 0;
            boolean read = (bits0 & 16) != 0;
            return new Request(realm, exclusive, passive, active, write, read);
        }
    }

    /** access.request-ok: request-ok. */
    record RequestOk(int ticket) implements AccessMethod {
        public RequestOk {
            MethodArguments.checkShort(ticket, "ticket");
        }

        @Override
        public MethodKind kind() {
            return MethodKind.ACCESS_REQUEST_OK;
        }

        @Override
        public void encodeArguments(ByteBuf out) {
            out.writeShort(ticket);
        }

        static RequestOk decode(ByteBuf in, int maxDepth) {
            int ticket = in.readUnsignedShort();
            return new RequestOk(ticket);
        }
    }
}

package dev.warren.amqp.codec.method;

import io.netty.buffer.ByteBuf;

/** Methods of the confirm class (85), RabbitMQ's publisher confirms. */
public sealed interface ConfirmMethod extends Method permits
        ConfirmMethod.Select,
        ConfirmMethod.SelectOk {

    /** confirm.select: put the channel in confirm mode (RabbitMQ extension). */
    record Select(boolean nowait) implements ConfirmMethod {
        @Override
        public MethodKind kind() {
            return MethodKind.CONFIRM_SELECT;
        }

        @Override
        public void encodeArguments(ByteBuf out) {
            out.writeByte(nowait ? 1 : 0);
        }

        static Select decode(ByteBuf in, int maxDepth) {
            int bits0 = in.readUnsignedByte();
            boolean nowait = (bits0 & 1) != 0;
            return new Select(nowait);
        }
    }

    /** confirm.select-ok: confirm that the channel is in confirm mode (RabbitMQ extension). */
    record SelectOk() implements ConfirmMethod {
        /** The only value this record has. */
        public static final SelectOk INSTANCE = new SelectOk();

        @Override
        public MethodKind kind() {
            return MethodKind.CONFIRM_SELECT_OK;
        }

        @Override
        public void encodeArguments(ByteBuf out) {
        }

        static SelectOk decode(ByteBuf in, int maxDepth) {
            return INSTANCE;
        }
    }
}

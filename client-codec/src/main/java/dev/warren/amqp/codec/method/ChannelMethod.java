package dev.warren.amqp.codec.method;

import dev.warren.amqp.codec.table.ShortStrings;
import io.netty.buffer.ByteBuf;

/** Methods of the channel class (20): opening, closing and flow control of a channel. */
public sealed interface ChannelMethod extends Method permits
        ChannelMethod.Open,
        ChannelMethod.OpenOk,
        ChannelMethod.Flow,
        ChannelMethod.FlowOk,
        ChannelMethod.Close,
        ChannelMethod.CloseOk {

    /** channel.open: open a channel for use. */
    record Open() implements ChannelMethod {
        /** The only value this record has. */
        public static final Open INSTANCE = new Open();

        @Override
        public MethodKind kind() {
            return MethodKind.CHANNEL_OPEN;
        }

        @Override
        public void encodeArguments(ByteBuf out) {
            out.writeByte(0);
        }

        static Open decode(ByteBuf in, int maxDepth) {
            ShortStrings.read(in);
            return INSTANCE;
        }
    }

    /** channel.open-ok: signal that the channel is ready. */
    record OpenOk() implements ChannelMethod {
        /** The only value this record has. */
        public static final OpenOk INSTANCE = new OpenOk();

        @Override
        public MethodKind kind() {
            return MethodKind.CHANNEL_OPEN_OK;
        }

        @Override
        public void encodeArguments(ByteBuf out) {
            out.writeInt(0);
        }

        static OpenOk decode(ByteBuf in, int maxDepth) {
            ShortStrings.readLong(in);
            return INSTANCE;
        }
    }

    /** channel.flow: enable/disable flow from peer. */
    record Flow(boolean active) implements ChannelMethod {
        @Override
        public MethodKind kind() {
            return MethodKind.CHANNEL_FLOW;
        }

        @Override
        public void encodeArguments(ByteBuf out) {
            out.writeByte(active ? 1 : 0);
        }

        static Flow decode(ByteBuf in, int maxDepth) {
            int bits0 = in.readUnsignedByte();
            boolean active = (bits0 & 1) != 0;
            return new Flow(active);
        }
    }

    /** channel.flow-ok: confirm a flow method. */
    record FlowOk(boolean active) implements ChannelMethod {
        @Override
        public MethodKind kind() {
            return MethodKind.CHANNEL_FLOW_OK;
        }

        @Override
        public void encodeArguments(ByteBuf out) {
            out.writeByte(active ? 1 : 0);
        }

        static FlowOk decode(ByteBuf in, int maxDepth) {
            int bits0 = in.readUnsignedByte();
            boolean active = (bits0 & 1) != 0;
            return new FlowOk(active);
        }
    }

    /** channel.close: request a channel close. */
    record Close(int replyCode, String replyText, int classId, int methodId) implements ChannelMethod {
        public Close {
            MethodArguments.checkShort(replyCode, "reply-code");
            ShortStrings.requireShortString(replyText, "channel.close reply-text");
            MethodArguments.checkShort(classId, "class-id");
            MethodArguments.checkShort(methodId, "method-id");
        }

        @Override
        public MethodKind kind() {
            return MethodKind.CHANNEL_CLOSE;
        }

        @Override
        public void encodeArguments(ByteBuf out) {
            out.writeShort(replyCode);
            ShortStrings.write(out, replyText);
            out.writeShort(classId);
            out.writeShort(methodId);
        }

        static Close decode(ByteBuf in, int maxDepth) {
            int replyCode = in.readUnsignedShort();
            String replyText = ShortStrings.read(in);
            int classId = in.readUnsignedShort();
            int methodId = in.readUnsignedShort();
            return new Close(replyCode, replyText, classId, methodId);
        }
    }

    /** channel.close-ok: confirm a channel close. */
    record CloseOk() implements ChannelMethod {
        /** The only value this record has. */
        public static final CloseOk INSTANCE = new CloseOk();

        @Override
        public MethodKind kind() {
            return MethodKind.CHANNEL_CLOSE_OK;
        }

        @Override
        public void encodeArguments(ByteBuf out) {
        }

        static CloseOk decode(ByteBuf in, int maxDepth) {
            return INSTANCE;
        }
    }
}

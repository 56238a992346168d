package dev.warren.amqp.codec.frame;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;

/**
 * Encodes outbound {@link Command}s, {@link Frame}s and {@link ProtocolHeader}s into bytes; buffers already
 * encoded (a publish from {@link PublishEncoder}, say) pass through untouched. Body frames are split at the
 * frame-max set with {@link #setFrameMax}. Never flushes. Called on the channel's event loop only.
 */
public final class CommandEncoder extends ChannelOutboundHandlerAdapter {

    public static final String NAME = "amqp-command-encoder";

    private int frameMax = dev.warren.amqp.codec.CodecLimits.MIN_FRAME_SIZE;

    /**
     * Sets the negotiated frame-max used to split bodies. Event loop only.
     *
     * @throws IllegalArgumentException when {@code frameMax} leaves no room for a body byte (8 or less)
     */
    public void setFrameMax(int frameMax) {
        FrameWriter.maxBodyPayload(frameMax);
        this.frameMax = frameMax;
    }

    public int frameMax() {
        return frameMax;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof ByteBuf) {
            ctx.write(msg, promise);
            return;
        }
        ByteBuf encoded;
        try {
            encoded = encode(ctx, msg);
        } catch (RuntimeException e) {
            promise.setFailure(e);
            return;
        }
        if (encoded == null) {
            ctx.write(msg, promise);
        } else {
            ctx.write(encoded, promise);
        }
    }

    private ByteBuf encode(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Command command) {
            if (command.header() == null) {
                return FrameWriter.encodeCommand(ctx.alloc(), command.channel(), command.method(), null, null,
                        frameMax);
            }
            return FrameWriter.encodeCommand(ctx.alloc(), command.channel(), command.method(), command.header(),
                    command.body(), frameMax);
        }
        if (msg instanceof MethodFrame frame) {
            ByteBuf out = ctx.alloc().buffer(64);
            try {
                FrameWriter.writeMethodFrame(out, frame.channel(), frame.method());
                FrameWriter.checkFrameSize(out.readableBytes(), frameMax, frame.method().kind().amqpName());
            } catch (RuntimeException e) {
                out.release();
                throw e;
            }
            return out;
        }
        if (msg instanceof HeartbeatFrame) {
            ByteBuf out = ctx.alloc().buffer(Frame.OVERHEAD);
            FrameWriter.writeHeartbeat(out);
            return out;
        }
        if (msg instanceof ContentHeaderFrame frame) {
            ByteBuf out = ctx.alloc().buffer(64);
            try {
                FrameWriter.writeContentHeaderFrame(out, frame.channel(), frame.header());
            } catch (RuntimeException e) {
                out.release();
                throw e;
            }
            return out;
        }
        if (msg instanceof ContentBodyFrame frame) {
            ByteBuf payload = frame.content();
            ByteBuf out = ctx.alloc().buffer(Frame.OVERHEAD + payload.readableBytes());
            try {
                out.writeByte(Frame.BODY).writeShort(frame.channel()).writeInt(payload.readableBytes());
                out.writeBytes(payload, payload.readerIndex(), payload.readableBytes());
                out.writeByte(Frame.FRAME_END);
            } finally {
                frame.release();
            }
            return out;
        }
        if (msg instanceof ProtocolHeader header) {
            ByteBuf out = ctx.alloc().buffer(ProtocolHeader.SIZE);
            header.encode(out);
            return out;
        }
        return null;
    }
}

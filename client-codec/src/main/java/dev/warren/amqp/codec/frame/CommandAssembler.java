package dev.warren.amqp.codec.frame;

import dev.warren.amqp.codec.AmqpCodecException;
import dev.warren.amqp.codec.CodecLimits;
import dev.warren.amqp.codec.content.ContentHeader;
import dev.warren.amqp.codec.method.Method;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.collection.IntObjectHashMap;
import io.netty.util.collection.IntObjectMap;

/**
 * Turns frames into {@link Command}s: a method frame without content becomes a command at once; a content method
 * waits, per channel, for its header and body frames. Heartbeats and protocol headers pass through.
 *
 * <p>Checks, with the reply code the connection must close with: a header or body frame with no content method
 * before it, or on channel 0, and a method frame in the middle of a content, are 505 unexpected-frame; body frames
 * that add up to more than the header's body size are 501 frame-error. A body larger than the configured maximum
 * is not an error of the connection: the assembler sends {@link ContentTooLarge} up instead and discards that
 * body's frames as they arrive.
 *
 * <p>Single-frame bodies are handed on as they came (a retained slice of the read buffer); multi-frame bodies are
 * gathered in a composite buffer of such slices, except that frames under 4 KiB are copied together, so that
 * memory stays proportional to the body however the peer splits it. After the first error the assembler drops
 * everything that follows. Called on the channel's event loop only.
 */
public final class CommandAssembler extends ChannelInboundHandlerAdapter {

    public static final String NAME = "amqp-command-assembler";

    /** Body frames smaller than this are copied rather than sliced (see {@link #onBody}). */
    static final int COPY_BELOW = 4096;

    private final long maxBodySize;
    private final IntObjectMap<PartialContent> partials = new IntObjectHashMap<>(4);
    private boolean failed;

    public CommandAssembler(CodecLimits limits) {
        this.maxBodySize = limits.maxBodySize();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (failed) {
            // After an error the connection is being closed: nothing more is assembled or passed on.
            ReferenceCountUtil.release(msg);
            return;
        }
        try {
            assemble(ctx, msg);
        } catch (AmqpCodecException e) {
            failed = true;
            releasePartials();
            throw e;
        }
    }

    private void assemble(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof MethodFrame frame) {
            onMethod(ctx, frame);
        } else if (msg instanceof ContentBodyFrame frame) {
            onBody(ctx, frame);
        } else if (msg instanceof ContentHeaderFrame frame) {
            onHeader(ctx, frame);
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    private void onMethod(ChannelHandlerContext ctx, MethodFrame frame) {
        int channel = frame.channel();
        Method method = frame.method();
        if (!partials.isEmpty() && partials.containsKey(channel)) {
            throw AmqpCodecException.unexpectedFrame(method.kind().amqpName() + " on channel " + channel
                    + " arrived before the content of " + partials.get(channel).method.kind().amqpName()
                    + " was complete");
        }
        if (method.hasContent()) {
            if (channel == 0) {
                throw AmqpCodecException.unexpectedFrame(method.kind().amqpName()
                        + " on channel 0; content methods need a channel");
            }
            partials.put(channel, new PartialContent(method));
        } else {
            ctx.fireChannelRead(Command.of(channel, method));
        }
    }

    private void onHeader(ChannelHandlerContext ctx, ContentHeaderFrame frame) {
        int channel = frame.channel();
        PartialContent partial = partials.get(channel);
        if (partial == null || partial.header != null) {
            throw AmqpCodecException.unexpectedFrame("content header on channel " + channel
                    + (channel == 0 ? "; content belongs on a channel other than 0"
                                    : " without a content method before it"));
        }
        ContentHeader header = frame.header();
        long bodySize = header.bodySize();
        partial.header = header;
        if (bodySize < 0 || bodySize > maxBodySize) {
            partial.discarding = true;
            partial.remaining = bodySize;
            ctx.fireChannelRead(new ContentTooLarge(channel, partial.method, bodySize, maxBodySize));
            return;
        }
        partial.remaining = bodySize;
        if (bodySize == 0) {
            partials.remove(channel);
            ctx.fireChannelRead(new Command(channel, partial.method, header, Unpooled.EMPTY_BUFFER));
        }
    }

    private void onBody(ChannelHandlerContext ctx, ContentBodyFrame frame) {
        int channel = frame.channel();
        ByteBuf payload = frame.content();
        PartialContent partial = partials.get(channel);
        int size = payload.readableBytes();
        if (partial == null || partial.header == null) {
            frame.release();
            throw AmqpCodecException.unexpectedFrame("content body on channel " + channel
                    + (channel == 0 ? "; content belongs on a channel other than 0"
                                    : " without a content header before it"));
        }
        if (partial.discarding) {
            frame.release();
            // An announced size of 2^63 or more is negative here; compare as unsigned.
            if (Long.compareUnsigned(size, partial.remaining) > 0) {
                throw overrun(channel, partial);
            }
            partial.remaining -= size;
            if (partial.remaining == 0) {
                partials.remove(channel);
            }
            return;
        }
        if (size > partial.remaining) {
            frame.release();
            throw overrun(channel, partial);
        }
        if (size == 0) {
            // Carries nothing and brings the body no closer to complete; kept, endless empty frames would pile up.
            frame.release();
            return;
        }
        partial.remaining -= size;
        if (partial.remaining == 0 && partial.body == null && partial.small == null) {
            partials.remove(channel);
            ctx.fireChannelRead(new Command(channel, partial.method, partial.header, payload));
            return;
        }
        if (size < COPY_BELOW) {
            // A slice would pin its whole read buffer for a few bytes, and a hostile peer could send millions of
            // them; small frames are copied together instead, so memory stays proportional to the body.
            if (partial.small == null) {
                partial.small = ctx.alloc().buffer(Math.max(size, 256));
            }
            partial.small.writeBytes(payload);
            frame.release();
        } else {
            partial.flushSmall(ctx);
            partial.body.addComponent(true, payload);
        }
        if (partial.remaining == 0) {
            partials.remove(channel);
            ctx.fireChannelRead(new Command(channel, partial.method, partial.header, partial.takeBody()));
        }
    }

    private static AmqpCodecException overrun(int channel, PartialContent partial) {
        String size = Long.toUnsignedString(partial.header.bodySize());
        return AmqpCodecException.frameError("body frames on channel " + channel + " add up to more than the "
                + size + " bytes the content header announced");
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        releasePartials();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        releasePartials();
    }

    private void releasePartials() {
        for (PartialContent partial : partials.values()) {
            partial.release();
        }
        partials.clear();
    }

    /** The content of one channel while its frames arrive. */
    private static final class PartialContent {
        final Method method;
        ContentHeader header;
        long remaining;
        boolean discarding;
        /** Large frames, as retained slices of the read buffers. */
        CompositeByteBuf body;
        /** Small frames since the last large one, copied together. */
        ByteBuf small;

        PartialContent(Method method) {
            this.method = method;
        }

        /** Moves the copied small frames into the composite, so that the order of bytes is kept. */
        void flushSmall(ChannelHandlerContext ctx) {
            if (body == null) {
                body = ctx.alloc().compositeBuffer(Integer.MAX_VALUE);
            }
            if (small != null) {
                body.addComponent(true, small);
                small = null;
            }
        }

        /** The whole body: the composite, or the one copy buffer when every frame was small. */
        ByteBuf takeBody() {
            if (body == null) {
                ByteBuf only = small;
                small = null;
                return only;
            }
            if (small != null) {
                body.addComponent(true, small);
                small = null;
            }
            return body;
        }

        void release() {
            if (body != null) {
                ReferenceCountUtil.safeRelease(body);
            }
            if (small != null) {
                ReferenceCountUtil.safeRelease(small);
            }
        }
    }
}

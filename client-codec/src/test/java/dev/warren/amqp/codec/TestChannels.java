package dev.warren.amqp.codec;

import dev.warren.amqp.codec.frame.CommandAssembler;
import dev.warren.amqp.codec.frame.CommandEncoder;
import dev.warren.amqp.codec.frame.FrameDecoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** {@link EmbeddedChannel}s holding the codec's handlers, and the chores around them. */
public final class TestChannels {

    private TestChannels() {
    }

    /** A channel with {@link FrameDecoder} and {@link CommandAssembler} at the default limits. */
    public static EmbeddedChannel decoding() {
        return decoding(CodecLimits.DEFAULTS);
    }

    public static EmbeddedChannel decoding(CodecLimits limits) {
        return new EmbeddedChannel(new FrameDecoder(limits), new CommandAssembler(limits));
    }

    /** A channel with only a {@link FrameDecoder}: frames come out as frames. */
    public static EmbeddedChannel framesOnly(CodecLimits limits) {
        return new EmbeddedChannel(new FrameDecoder(limits));
    }

    /** A channel with a {@link CommandEncoder}. */
    public static EmbeddedChannel encoding() {
        return new EmbeddedChannel(new CommandEncoder());
    }

    /** Writes each chunk inbound as its own buffer and returns everything the pipeline emitted, in order. */
    public static List<Object> feed(EmbeddedChannel channel, byte[]... chunks) {
        for (byte[] chunk : chunks) {
            channel.writeInbound(Unpooled.wrappedBuffer(chunk));
        }
        return drainInbound(channel);
    }

    public static List<Object> drainInbound(EmbeddedChannel channel) {
        List<Object> out = new ArrayList<>();
        Object message;
        while ((message = channel.readInbound()) != null) {
            out.add(message);
        }
        return out;
    }

    /** Concatenates and releases every buffer written outbound. */
    public static byte[] drainOutbound(EmbeddedChannel channel) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Object message;
        while ((message = channel.readOutbound()) != null) {
            if (!(message instanceof ByteBuf buf)) {
                ReferenceCountUtil.release(message);
                throw new AssertionError("outbound message is not a ByteBuf: " + message);
            }
            out.writeBytes(Bytes.drain(buf));
        }
        return out.toByteArray();
    }

    /** Encodes {@code messages} with a {@link CommandEncoder} at {@code frameMax}. */
    public static byte[] encode(int frameMax, Object... messages) {
        EmbeddedChannel channel = encoding();
        ((CommandEncoder) channel.pipeline().first()).setFrameMax(frameMax);
        try {
            for (Object message : messages) {
                channel.writeOutbound(message);
            }
            return drainOutbound(channel);
        } finally {
            channel.finishAndReleaseAll();
        }
    }

    public static void releaseAll(Collection<?> messages) {
        for (Object message : messages) {
            ReferenceCountUtil.release(message);
        }
    }
}

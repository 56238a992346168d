package dev.warren.amqp.codec.frame;

import dev.warren.amqp.codec.AmqpCodecException;
import dev.warren.amqp.codec.CodecLimits;
import dev.warren.amqp.codec.content.ContentHeader;
import dev.warren.amqp.codec.method.MethodDecoder;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.util.List;

/**
 * Reads AMQP frames from the byte stream: {@link MethodFrame}, {@link ContentHeaderFrame}, {@link ContentBodyFrame}
 * (a retained slice, not a copy) and {@link HeartbeatFrame}; and, only as the very first bytes, a
 * {@link ProtocolHeader} a broker sends when it does not speak 0-9-1.
 *
 * <p>A frame larger than the current limit is rejected from its 7-byte header, before its payload is awaited, and
 * every frame's end octet is checked. The limit starts at {@value CodecLimits#MIN_FRAME_SIZE} bytes, the size
 * every peer must accept before tuning, and the connection raises it with {@link #setMaxFrameSize} once
 * connection.tune has been answered. After the first error the decoder throws once and discards everything
 * that follows.
 *
 * <p>Called on the channel's event loop only.
 */
public final class FrameDecoder extends ByteToMessageDecoder {

    public static final String NAME = "amqp-frame-decoder";

    private enum State { START, FRAME_HEADER, FRAME_PAYLOAD, FAILED }

    private final int maxNestingDepth;
    private final int frameSizeCap;
    private int maxFrameSize = CodecLimits.MIN_FRAME_SIZE;
    private State state = State.START;
    private int frameType;
    private int frameChannel;
    private int payloadSize;

    public FrameDecoder(CodecLimits limits) {
        this.maxNestingDepth = limits.maxNestingDepth();
        this.frameSizeCap = limits.maxFrameSize();
    }

    /** Sets the largest frame accepted from now on, header and frame-end included. Event loop only. */
    public void setMaxFrameSize(int maxFrameSize) {
        if (maxFrameSize < CodecLimits.MIN_FRAME_SIZE) {
            throw new IllegalArgumentException("frame-max below " + CodecLimits.MIN_FRAME_SIZE + ": " + maxFrameSize);
        }
        if (maxFrameSize > frameSizeCap) {
            throw new IllegalArgumentException("frame-max " + maxFrameSize + " above the configured limit of "
                    + frameSizeCap + " (CodecLimits.maxFrameSize)");
        }
        this.maxFrameSize = maxFrameSize;
    }

    public int maxFrameSize() {
        return maxFrameSize;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        switch (state) {
            case START -> {
                if (!in.isReadable()) {
                    return;
                }
                if (in.getByte(in.readerIndex()) == 'A') {
                    decodeProtocolHeader(in, out);
                    return;
                }
                state = State.FRAME_HEADER;
                decodeFrame(in, out);
            }
            case FRAME_HEADER, FRAME_PAYLOAD -> decodeFrame(in, out);
            case FAILED -> in.skipBytes(in.readableBytes());
        }
    }

    private void decodeProtocolHeader(ByteBuf in, List<Object> out) {
        if (in.readableBytes() < ProtocolHeader.SIZE) {
            return;
        }
        int i = in.readerIndex();
        if (in.getByte(i + 1) != 'M' || in.getByte(i + 2) != 'Q' || in.getByte(i + 3) != 'P') {
            throw fail(in, AmqpCodecException.frameError("bytes starting with 'A' are neither a frame nor an AMQP"
                    + " protocol header"));
        }
        in.skipBytes(4);
        out.add(new ProtocolHeader(in.readUnsignedByte(), in.readUnsignedByte(), in.readUnsignedByte(),
                in.readUnsignedByte()));
        state = State.FRAME_HEADER;
    }

    private void decodeFrame(ByteBuf in, List<Object> out) {
        if (state == State.FRAME_HEADER) {
            if (in.readableBytes() < Frame.HEADER_SIZE) {
                return;
            }
            int type = in.readUnsignedByte();
            int channel = in.readUnsignedShort();
            long size = in.readUnsignedInt();
            if (type != Frame.METHOD && type != Frame.HEADER && type != Frame.BODY && type != Frame.HEARTBEAT) {
                throw fail(in, AmqpCodecException.frameError("unknown frame type " + type + " on channel "
                        + channel));
            }
            if (size > maxFrameSize - Frame.OVERHEAD) {
                throw fail(in, AmqpCodecException.frameError("frame of " + (size + Frame.OVERHEAD)
                        + " bytes on channel " + channel + " exceeds frame-max " + maxFrameSize));
            }
            frameType = type;
            frameChannel = channel;
            payloadSize = (int) size;
            state = State.FRAME_PAYLOAD;
        }
        if (in.readableBytes() < payloadSize + 1) {
            return;
        }
        int endIndex = in.readerIndex() + payloadSize;
        int end = in.getUnsignedByte(endIndex);
        if (end != Frame.FRAME_END) {
            throw fail(in, AmqpCodecException.frameError("frame-end octet is 0x" + Integer.toHexString(end)
                    + ", not 0xce, after a frame of type " + frameType + " on channel " + frameChannel));
        }
        state = State.FRAME_HEADER;
        try {
            out.add(readPayload(in));
        } catch (AmqpCodecException e) {
            throw fail(in, e);
        }
        in.readerIndex(endIndex + 1);
    }

    private Frame readPayload(ByteBuf in) {
        switch (frameType) {
            // Method and header payloads are decoded in place with the writer index moved to the frame's end for
            // the time being: the decoders see exactly the payload's bytes, as they would in a slice, without a
            // slice object per frame (and the double bounds checks of reading through one). They read only
            // relative to the reader index or after checking readableBytes(), so nothing past the payload is read.
            case Frame.METHOD -> {
                int writerIndex = in.writerIndex();
                in.writerIndex(in.readerIndex() + payloadSize);
                try {
                    return new MethodFrame(frameChannel, MethodDecoder.decode(in, maxNestingDepth));
                } finally {
                    in.writerIndex(writerIndex);
                }
            }
            case Frame.HEADER -> {
                int writerIndex = in.writerIndex();
                in.writerIndex(in.readerIndex() + payloadSize);
                try {
                    return new ContentHeaderFrame(frameChannel, ContentHeader.decode(in, maxNestingDepth));
                } finally {
                    in.writerIndex(writerIndex);
                }
            }
            case Frame.BODY -> {
                return new ContentBodyFrame(frameChannel, in.readRetainedSlice(payloadSize));
            }
            default -> {
                if (frameChannel != 0) {
                    throw AmqpCodecException.frameError("heartbeat frame on channel " + frameChannel
                            + "; heartbeats belong to channel 0");
                }
                if (payloadSize != 0) {
                    throw AmqpCodecException.frameError("heartbeat frame with a payload of " + payloadSize
                            + " bytes; heartbeats have none");
                }
                return HeartbeatFrame.INSTANCE;
            }
        }
    }

    private AmqpCodecException fail(ByteBuf in, AmqpCodecException error) {
        state = State.FAILED;
        in.skipBytes(in.readableBytes());
        return error;
    }
}

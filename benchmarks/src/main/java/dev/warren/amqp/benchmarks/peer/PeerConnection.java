package dev.warren.amqp.benchmarks.peer;

import dev.warren.amqp.codec.AmqpCodecException;
import dev.warren.amqp.codec.CodecLimits;
import dev.warren.amqp.codec.ReplyCode;
import dev.warren.amqp.codec.frame.Frame;
import dev.warren.amqp.codec.frame.FrameWriter;
import dev.warren.amqp.codec.frame.ProtocolHeader;
import dev.warren.amqp.codec.method.ConnectionMethod;
import dev.warren.amqp.codec.method.Method;
import dev.warren.amqp.codec.method.MethodDecoder;
import dev.warren.amqp.codec.method.MethodKind;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.concurrent.ScheduledFuture;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * One client connection to the benchmark peer: the only handler in its pipeline.
 *
 * <p>It keeps its own cumulation of the bytes read and scans frames in place. Publishes, and the client's
 * acks, nacks and rejects, are recognised from their class and method ids and never decoded into records; of a
 * content header only the body size is read, and body frames are skipped by their length, without waiting for the
 * whole frame, until the body is complete. Every other method is
 * decoded and answered by {@link MethodResponder}. After each read batch ({@link #channelReadComplete}) the channels
 * in confirm mode that published get one {@code basic.ack(multiple=true)} each, and everything written is flushed
 * once.
 *
 * <p>Netty calls every method on the connection's event loop; {@link BenchmarkPeer#close()} reaches it with a
 * {@link PeerShutdown} user event.
 */
final class PeerConnection extends ChannelInboundHandlerAdapter {

    static final String NAME = "benchmark-peer-connection";

    private static final int BASIC_PUBLISH = 60 << 16 | 40;
    private static final int BASIC_ACK = 60 << 16 | 80;
    private static final int BASIC_REJECT = 60 << 16 | 90;
    private static final int BASIC_NACK = 60 << 16 | 120;
    private static final int CONNECTION_CLOSE = 10 << 16 | 50;
    private static final int CONNECTION_CLOSE_OK = 10 << 16 | 51;
    /** Class and method ids, delivery tag, flags: basic.ack, basic.nack and basic.reject all start this way. */
    private static final int SETTLE_PAYLOAD = 13;
    /** Class id, weight, body size and the first property-flags word of a content header. */
    private static final int CONTENT_HEADER_FIXED = 14;
    private static final int ACK_FRAME_SIZE = Frame.OVERHEAD + SETTLE_PAYLOAD;
    /** The smallest frame-max the specification lets a client ask for. */
    private static final int MIN_FRAME_MAX = 4096;
    /** How long a connection.close the peer sent waits for close-ok before the socket is closed anyway. */
    private static final long CLOSE_OK_TIMEOUT_MILLIS = 1000;
    private static final int MAX_REPLY_TEXT = 255;

    private enum State {
        /** Waiting for the 8-byte protocol header. */
        AWAIT_HEADER,
        /** Reading frames. */
        OPEN,
        /** The peer sent connection.close: only connection.close-ok (or close) matters now. */
        CLOSING,
        /** Everything read is discarded; the socket is closing. */
        DONE
    }

    private final PeerOptions options;
    private final PeerChannel[] channels = new PeerChannel[Handshake.CHANNEL_MAX + 1];
    private PeerChannel[] confirmsDue = new PeerChannel[8];
    private int confirmsDueCount;
    private ChannelHandlerContext ctx;
    private MethodResponder responder;
    private DeliverySource source;
    private ByteBuf cumulation;
    private State state = State.AWAIT_HEADER;
    private int frameMax = Handshake.FRAME_MAX;
    /** Payload bytes of the current content or heartbeat frame still to skip. */
    private int skipping;
    /** Whether the frame being skipped still needs its frame-end octet checked. */
    private boolean frameEndDue;
    /** The channel whose publish the frame being skipped completes, if it is that publish's last body frame. */
    private PeerChannel completedBySkippedFrame;
    private boolean flushDue;
    private boolean wroteSinceHeartbeat;
    private ScheduledFuture<?> heartbeats;
    private int namesGenerated;

    PeerConnection(PeerOptions options) {
        this.options = options;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.source = options.mode() == PeerMode.SOURCE ? new DeliverySource(ctx, this) : null;
        this.responder = new MethodResponder(this, source, options.messageSize());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf in = (ByteBuf) msg;
        if (state == State.DONE) {
            in.release();
            return;
        }
        cumulation = cumulation == null ? in
                : ByteToMessageDecoder.MERGE_CUMULATOR.cumulate(ctx.alloc(), cumulation, in);
        try {
            scan(cumulation);
        } catch (AmqpCodecException e) {
            fail(e);
        } finally {
            if (cumulation != null) {
                if (state == State.DONE || !cumulation.isReadable()) {
                    cumulation.release();
                    cumulation = null;
                } else {
                    cumulation.discardSomeReadBytes();
                }
            }
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        writeConfirms();
        if (flushDue) {
            flushDue = false;
            ctx.flush();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (source != null) {
            source.writabilityChanged();
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event == PeerShutdown.INSTANCE) {
            if (state == State.OPEN) {
                closeConnection(ReplyCode.CONNECTION_FORCED, "CONNECTION_FORCED - the benchmark peer is shutting down",
                        0, 0);
            } else if (state == State.AWAIT_HEADER) {
                state = State.DONE;
                ctx.close();
            }
        } else {
            ctx.fireUserEventTriggered(event);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        state = State.DONE;
        if (heartbeats != null) {
            heartbeats.cancel(false);
        }
        if (source != null) {
            source.stop();
        }
        releaseCumulation();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        releaseCumulation();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!(cause instanceof IOException) && state == State.OPEN) {
            // A bug in the peer, not the client's doing: say so on stderr and to the client.
            System.err.println("benchmark peer: closing " + ctx.channel() + " after an internal error");
            cause.printStackTrace();
            closeConnection(ReplyCode.INTERNAL_ERROR, "INTERNAL_ERROR - " + cause, 0, 0);
            return;
        }
        state = State.DONE;
        ctx.close();
    }

    // ---- reading ----

    private void scan(ByteBuf in) {
        while (state != State.DONE) {
            if (state == State.AWAIT_HEADER) {
                if (in.readableBytes() < ProtocolHeader.SIZE) {
                    return;
                }
                acceptProtocolHeader(in);
                continue;
            }
            if (skipping > 0) {
                int skipped = Math.min(skipping, in.readableBytes());
                in.skipBytes(skipped);
                skipping -= skipped;
                if (skipping > 0) {
                    return;
                }
            }
            if (frameEndDue) {
                if (!in.isReadable()) {
                    return;
                }
                checkFrameEnd(in.readByte());
                frameEndDue = false;
                if (completedBySkippedFrame != null) {
                    published(completedBySkippedFrame);
                    completedBySkippedFrame = null;
                }
            }
            if (in.readableBytes() < Frame.HEADER_SIZE) {
                return;
            }
            int start = in.readerIndex();
            int type = in.getUnsignedByte(start);
            int channel = in.getUnsignedShort(start + 1);
            int size = in.getInt(start + 3);
            if (size < 0 || size > frameMax - Frame.OVERHEAD) {
                throw AmqpCodecException.frameError("frame of " + Integer.toUnsignedLong(size) + " payload bytes on"
                        + " channel " + channel + ", more than frame-max " + frameMax + " allows");
            }
            switch (type) {
                case Frame.METHOD -> {
                    if (in.readableBytes() < size + Frame.OVERHEAD) {
                        return;
                    }
                    checkFrameEnd(in.getByte(start + Frame.HEADER_SIZE + size));
                    in.readerIndex(start + Frame.OVERHEAD + size);
                    onMethod(channel, in, start + Frame.HEADER_SIZE, size);
                }
                case Frame.HEADER -> {
                    if (in.readableBytes() < size + Frame.OVERHEAD) {
                        return;
                    }
                    checkFrameEnd(in.getByte(start + Frame.HEADER_SIZE + size));
                    in.readerIndex(start + Frame.OVERHEAD + size);
                    onContentHeader(channel, in, start + Frame.HEADER_SIZE, size);
                }
                case Frame.BODY -> {
                    onBodyFrame(channel, size);
                    skipFrame(in, size);
                }
                case Frame.HEARTBEAT -> skipFrame(in, size);
                default -> throw AmqpCodecException.frameError("unknown frame type " + type + " on channel "
                        + channel);
            }
        }
    }

    /** Skips a frame's payload as it arrives, without waiting for all of it; its frame-end is checked last. */
    private void skipFrame(ByteBuf in, int size) {
        in.skipBytes(Frame.HEADER_SIZE);
        skipping = size;
        frameEndDue = true;
    }

    private void acceptProtocolHeader(ByteBuf in) {
        if (Handshake.isAmqp091Header(in)) {
            in.skipBytes(ProtocolHeader.SIZE);
            state = State.OPEN;
            reply(0, Handshake.START);
            return;
        }
        // The specification's answer to a header it does not speak: the one it does, then close.
        state = State.DONE;
        ByteBuf header = ctx.alloc().buffer(ProtocolHeader.SIZE);
        ProtocolHeader.AMQP_0_9_1.encode(header);
        ctx.writeAndFlush(header).addListener(ChannelFutureListener.CLOSE);
    }

    private static void checkFrameEnd(byte end) {
        if ((end & 0xFF) != Frame.FRAME_END) {
            throw AmqpCodecException.frameError("frame ends with 0x" + Integer.toHexString(end & 0xFF)
                    + " instead of 0xce");
        }
    }

    /** Handles the method frame whose payload is {@code size} bytes at {@code at}. */
    private void onMethod(int channel, ByteBuf in, int at, int size) {
        if (size < 4) {
            throw AmqpCodecException.syntaxError("method frame of " + size + " bytes has no class and method ids");
        }
        int id = in.getInt(at);
        if (state == State.CLOSING) {
            if (id == CONNECTION_CLOSE_OK) {
                state = State.DONE;
                ctx.close();
            } else if (id == CONNECTION_CLOSE) {
                closedByClient();
            }
            return;
        }
        switch (id) {
            case BASIC_PUBLISH -> publishStarted(channel);
            case BASIC_ACK, BASIC_NACK, BASIC_REJECT -> settled(channel, in, at, size, id != BASIC_REJECT);
            default -> {
                // Replies to earlier publishes go before the answer to whatever the client sends next.
                writeConfirms();
                Method method = MethodDecoder.decode(in.slice(at, size), CodecLimits.DEFAULT_MAX_NESTING_DEPTH);
                responder.answer(channel, method);
            }
        }
    }

    private void publishStarted(int channel) {
        PeerChannel open = channel(channel);
        if (open.contentExpected || open.bodyRemaining > 0) {
            throw AmqpCodecException.unexpectedFrame("basic.publish on channel " + channel
                    + " before the content of the previous one was complete");
        }
        open.contentExpected = true;
    }

    private void onContentHeader(int channel, ByteBuf in, int at, int size) {
        if (state != State.OPEN) {
            return;
        }
        if (size < CONTENT_HEADER_FIXED) {
            throw AmqpCodecException.syntaxError("content header of " + size + " bytes on channel " + channel);
        }
        PeerChannel open = channel(channel);
        if (!open.contentExpected) {
            throw AmqpCodecException.unexpectedFrame("content header on channel " + channel
                    + " without a basic.publish before it");
        }
        open.contentExpected = false;
        long bodySize = in.getLong(at + 4);
        if (bodySize < 0) {
            throw AmqpCodecException.syntaxError("content header announces a body of " + bodySize + " bytes");
        }
        open.bodyRemaining = bodySize;
        if (bodySize == 0) {
            published(open);
        }
    }

    private void onBodyFrame(int channel, int size) {
        if (state != State.OPEN) {
            return;
        }
        PeerChannel open = channel(channel);
        if (size > open.bodyRemaining) {
            throw AmqpCodecException.unexpectedFrame("body frame of " + size + " bytes on channel " + channel
                    + " where " + open.bodyRemaining + " were expected");
        }
        open.bodyRemaining -= size;
        if (open.bodyRemaining == 0 && size > 0) {
            completedBySkippedFrame = open;
        }
    }

    /** A publish is complete, its last body byte read: only now may a confirm cover it, as a broker's would. */
    private void published(PeerChannel open) {
        if (open.confirmMode) {
            open.published++;
            if (!open.confirmPending) {
                open.confirmPending = true;
                if (confirmsDueCount == confirmsDue.length) {
                    confirmsDue = Arrays.copyOf(confirmsDue, confirmsDue.length * 2);
                }
                confirmsDue[confirmsDueCount++] = open;
            }
        }
    }

    /** basic.ack, basic.nack or basic.reject (whose flags have no multiple bit) from the client. */
    private void settled(int channel, ByteBuf in, int at, int size, boolean hasMultipleFlag) {
        if (size < SETTLE_PAYLOAD) {
            throw AmqpCodecException.syntaxError("basic.ack, nack or reject of " + size + " bytes");
        }
        PeerChannel open = channel(channel);
        int before = open.outstanding.unsettled();
        if (before == 0) {
            return;
        }
        boolean multiple = hasMultipleFlag && (in.getByte(at + 12) & 1) != 0;
        open.outstanding.settle(in.getLong(at + 4), multiple);
        if (source != null && open.outstanding.unsettled() < before) {
            source.creditReleased();
        }
    }

    // ---- writing ----

    /** One {@code basic.ack(multiple=true)} per channel that published in confirm mode since its last ack. */
    private void writeConfirms() {
        if (confirmsDueCount == 0) {
            return;
        }
        ByteBuf out = ctx.alloc().directBuffer(confirmsDueCount * ACK_FRAME_SIZE);
        for (int i = 0; i < confirmsDueCount; i++) {
            PeerChannel due = confirmsDue[i];
            confirmsDue[i] = null;
            due.confirmPending = false;
            if (channels[due.number] == due && due.published > due.confirmed) {
                out.writeByte(Frame.METHOD).writeShort(due.number).writeInt(SETTLE_PAYLOAD);
                out.writeInt(BASIC_ACK).writeLong(due.published).writeByte(1);
                out.writeByte(Frame.FRAME_END);
                due.confirmed = due.published;
            }
        }
        confirmsDueCount = 0;
        if (out.isReadable()) {
            send(out, false);
        } else {
            out.release();
        }
    }

    /** Writes a method frame, flushed at the end of the read batch. */
    void reply(int channel, Method method) {
        ByteBuf out = ctx.alloc().buffer(128);
        FrameWriter.writeMethodFrame(out, channel, method);
        send(out, false);
    }

    /** Writes, and flushes now or at the end of the read batch. */
    void send(ByteBuf out, boolean flush) {
        wroteSinceHeartbeat = true;
        if (flush) {
            flushDue = false;
            ctx.writeAndFlush(out, ctx.voidPromise());
        } else {
            flushDue = true;
            ctx.write(out, ctx.voidPromise());
        }
    }

    // ---- connection and channel state, for MethodResponder ----

    /** The open channel {@code number}. */
    PeerChannel channel(int number) {
        PeerChannel open = number < channels.length ? channels[number] : null;
        if (open == null) {
            throw new AmqpCodecException(ReplyCode.CHANNEL_ERROR, "channel " + number + " is not open");
        }
        return open;
    }

    void openChannel(int number) {
        if (number == 0 || number >= channels.length) {
            throw new AmqpCodecException(ReplyCode.CHANNEL_ERROR, "channel " + number + " is outside 1.."
                    + Handshake.CHANNEL_MAX);
        }
        if (channels[number] != null) {
            throw new AmqpCodecException(ReplyCode.CHANNEL_ERROR, "channel " + number + " is already open");
        }
        channels[number] = new PeerChannel(number);
    }

    void closeChannel(int number) {
        PeerChannel open = channel(number);
        if (source != null) {
            source.removeChannel(open);
        }
        channels[number] = null;
    }

    int frameMax() {
        return frameMax;
    }

    /** Applies connection.tune-ok: the client's frame-max (within the peer's offer) and heartbeat. */
    void tuned(long clientFrameMax, int heartbeatSeconds) {
        frameMax = clientFrameMax == 0 ? Handshake.FRAME_MAX
                : (int) Math.max(MIN_FRAME_MAX, Math.min(clientFrameMax, Handshake.FRAME_MAX));
        if (heartbeatSeconds > 0 && heartbeats == null) {
            long period = heartbeatSeconds * 1000L / 2;
            heartbeats = ctx.executor().scheduleAtFixedRate(this::heartbeat, period, period, TimeUnit.MILLISECONDS);
        }
    }

    /** A server-named queue or consumer tag, unique on this connection. */
    String generateName(String prefix) {
        return prefix + ++namesGenerated;
    }

    /** The client sent connection.close: answer and close the socket. */
    void closedByClient() {
        state = State.DONE;
        if (source != null) {
            source.stop();
        }
        ByteBuf out = ctx.alloc().buffer(16);
        FrameWriter.writeMethodFrame(out, 0, ConnectionMethod.CloseOk.INSTANCE);
        ctx.writeAndFlush(out).addListener(ChannelFutureListener.CLOSE);
    }

    /** Sends connection.close and waits a moment for close-ok before closing the socket. */
    void closeConnection(int replyCode, String replyText, int classId, int methodId) {
        if (state != State.OPEN) {
            return;
        }
        state = State.CLOSING;
        if (source != null) {
            source.stop();
        }
        writeConfirms();
        reply(0, new ConnectionMethod.Close(replyCode, shortString(replyText), classId, methodId));
        ctx.flush();
        flushDue = false;
        ctx.executor().schedule(() -> {
            state = State.DONE;
            ctx.close();
        }, CLOSE_OK_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
    }

    void notImplemented(MethodKind kind) {
        closeConnection(ReplyCode.NOT_IMPLEMENTED, "NOT_IMPLEMENTED - the benchmark peer does not implement "
                + kind.amqpName(), kind.classId(), kind.methodId());
    }

    private void fail(AmqpCodecException e) {
        String message = e.getMessage();
        // getMessage() leads with the code and its name; RabbitMQ's reply texts read "NAME - detail".
        String text = ReplyCode.name(e.replyCode()) + " - " + message.substring(message.indexOf(": ") + 2);
        if (e.replyCode() == ReplyCode.FRAME_ERROR && state == State.OPEN) {
            // The byte stream has lost its framing: nothing after this can be read, not even close-ok.
            state = State.DONE;
            if (source != null) {
                source.stop();
            }
            ByteBuf out = ctx.alloc().buffer(128);
            FrameWriter.writeMethodFrame(out, 0, new ConnectionMethod.Close(e.replyCode(), shortString(text), 0, 0));
            ctx.writeAndFlush(out).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        closeConnection(e.replyCode(), text, 0, 0);
    }

    private void heartbeat() {
        if (state == State.OPEN && !wroteSinceHeartbeat) {
            ByteBuf out = ctx.alloc().buffer(Frame.OVERHEAD);
            FrameWriter.writeHeartbeat(out);
            send(out, true);
        }
        wroteSinceHeartbeat = false;
    }

    private void releaseCumulation() {
        if (cumulation != null) {
            cumulation.release();
            cumulation = null;
        }
    }

    private static String shortString(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        if (utf8.length <= MAX_REPLY_TEXT) {
            return text;
        }
        String cut = text.substring(0, Math.min(text.length(), MAX_REPLY_TEXT));
        while (cut.getBytes(StandardCharsets.UTF_8).length > MAX_REPLY_TEXT) {
            cut = cut.substring(0, cut.length() - 1);
        }
        return cut;
    }
}

package dev.warren.amqp.benchmarks.peer;

import dev.warren.amqp.codec.content.BasicProperties;
import dev.warren.amqp.codec.frame.FrameWriter;
import dev.warren.amqp.codec.method.ChannelMethod;
import dev.warren.amqp.codec.method.ConnectionMethod;
import dev.warren.amqp.codec.method.Method;
import dev.warren.amqp.codec.table.LongString;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client on a plain socket that writes exactly the bytes a test gives it, for what the real clients never do:
 * wrong headers, broken frames, frames cut into pieces.
 */
final class RawAmqpClient implements AutoCloseable {

    static final byte[] AMQP_0_9_1 = {'A', 'M', 'Q', 'P', 0, 0, 9, 1};

    /** A frame as read from the socket. */
    record Frame(int type, int channel, ByteBuffer payload) {
        /** Class and method id of a method frame, as one int. */
        int methodId() {
            return payload.getInt(0);
        }
    }

    private final Socket socket;
    private final OutputStream out;
    private final DataInputStream in;

    RawAmqpClient(BenchmarkPeer peer) throws IOException {
        socket = new Socket("127.0.0.1", peer.port());
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(30_000);
        out = socket.getOutputStream();
        in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
    }

    /** Completes the handshake without heartbeats and opens channel 1. */
    RawAmqpClient open() throws IOException {
        write(AMQP_0_9_1);
        assertThat(readFrame().methodId()).as("connection.start").isEqualTo(10 << 16 | 10);
        send(0, new ConnectionMethod.StartOk(Map.of(), "PLAIN", LongString.of("\0guest\0guest"), "en_US"));
        assertThat(readFrame().methodId()).as("connection.tune").isEqualTo(10 << 16 | 30);
        send(0, new ConnectionMethod.TuneOk(2047, 131072, 0));
        send(0, new ConnectionMethod.Open("/"));
        assertThat(readFrame().methodId()).as("connection.open-ok").isEqualTo(10 << 16 | 41);
        send(1, ChannelMethod.Open.INSTANCE);
        assertThat(readFrame().methodId()).as("channel.open-ok").isEqualTo(20 << 16 | 11);
        return this;
    }

    void write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    void send(int channel, Method method) throws IOException {
        write(encode(out -> FrameWriter.writeMethodFrame(out, channel, method)));
    }

    /** basic.publish, content header and body frames of a message of {@code bodySize} zero bytes. */
    static byte[] publish(int channel, Method publish, int bodySize) {
        return encode(out -> {
            FrameWriter.writeMethodFrame(out, channel, publish);
            FrameWriter.writeBasicHeaderFrame(out, channel, bodySize, BasicProperties.EMPTY);
            FrameWriter.writeBodyFrames(out, channel, new byte[bodySize], 0, bodySize, 131072);
        });
    }

    static byte[] encode(Consumer<ByteBuf> writer) {
        ByteBuf buffer = Unpooled.buffer();
        try {
            writer.accept(buffer);
            return ByteBufUtil.getBytes(buffer);
        } finally {
            buffer.release();
        }
    }

    Frame readFrame() throws IOException {
        int type = in.readUnsignedByte();
        int channel = in.readUnsignedShort();
        byte[] payload = new byte[in.readInt()];
        in.readFully(payload);
        assertThat(in.readUnsignedByte()).as("frame end").isEqualTo(0xCE);
        return new Frame(type, channel, ByteBuffer.wrap(payload));
    }

    byte[] readBytes(int n) throws IOException {
        return in.readNBytes(n);
    }

    /** Whether the peer closed the socket (rather than staying silent) within the read timeout. */
    boolean atEndOfStream() throws IOException {
        return in.read() == -1;
    }

    /** Whether nothing arrives for {@code millis}. */
    boolean silentFor(int millis) throws IOException {
        socket.setSoTimeout(millis);
        try {
            int read = in.read();
            if (read == -1) {
                throw new EOFException("the peer closed the connection");
            }
            return false;
        } catch (SocketTimeoutException e) {
            return true;
        } finally {
            socket.setSoTimeout(30_000);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}

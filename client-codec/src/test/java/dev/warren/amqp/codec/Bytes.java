package dev.warren.amqp.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Writing byte vectors down readably: one field per argument, with a comment next to it in the test. */
public final class Bytes {

    private Bytes() {
    }

    /**
     * Concatenates {@code parts}: an {@link Integer} is one octet (0..255), a {@link Character} is one octet, a
     * {@link String} is its UTF-8 bytes, a {@code byte[]} is itself.
     */
    public static byte[] of(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            if (part instanceof Integer value) {
                if (value < 0 || value > 0xFF) {
                    throw new IllegalArgumentException("not an octet: " + value);
                }
                out.write(value);
            } else if (part instanceof Character value) {
                if (value > 0xFF) {
                    throw new IllegalArgumentException("not an octet: " + value);
                }
                out.write(value);
            } else if (part instanceof String text) {
                out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
            } else if (part instanceof byte[] bytes) {
                out.writeBytes(bytes);
            } else {
                throw new IllegalArgumentException("cannot write a " + part.getClass().getName());
            }
        }
        return out.toByteArray();
    }

    /** Four octets, big-endian. */
    public static byte[] int32(long value) {
        return new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
    }

    /** Two octets, big-endian. */
    public static byte[] int16(int value) {
        return new byte[] {(byte) (value >>> 8), (byte) value};
    }

    /** Eight octets, big-endian. */
    public static byte[] int64(long value) {
        byte[] bytes = new byte[8];
        for (int i = 0; i < 8; i++) {
            bytes[i] = (byte) (value >>> (56 - 8 * i));
        }
        return bytes;
    }

    /** A whole frame: type, channel, payload size, payload and frame-end. */
    public static byte[] frame(int type, int channel, byte[] payload) {
        return of(type, int16(channel), int32(payload.length), payload, 0xCE);
    }

    /** The readable bytes of {@code buf}, without moving its reader index. */
    public static byte[] readable(ByteBuf buf) {
        return ByteBufUtil.getBytes(buf);
    }

    /** The readable bytes of {@code buf}; releases it. */
    public static byte[] drain(ByteBuf buf) {
        try {
            return ByteBufUtil.getBytes(buf);
        } finally {
            buf.release();
        }
    }

    public static String hex(byte[] bytes) {
        return ByteBufUtil.hexDump(bytes);
    }
}

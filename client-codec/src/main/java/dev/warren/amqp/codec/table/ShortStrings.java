package dev.warren.amqp.codec.table;

import dev.warren.amqp.codec.AmqpCodecException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;

import java.nio.charset.StandardCharsets;

/** Reading and writing AMQP short strings (one length octet, then at most 255 bytes of UTF-8) and long strings. */
public final class ShortStrings {

    public static final int MAX_LENGTH = 255;

    private static final char REPLACEMENT_CHARACTER = '\uFFFD';

    private ShortStrings() {
    }

    /**
     * Reads a short string, checking its length against the bytes left and its bytes for valid UTF-8.
     *
     * @throws AmqpCodecException 502 when the length runs past the data or the bytes are not UTF-8
     */
    public static String read(ByteBuf in) {
        if (!in.isReadable()) {
            throw AmqpCodecException.syntaxError("short string length missing");
        }
        int length = in.readUnsignedByte();
        if (length == 0) {
            return "";
        }
        if (length > in.readableBytes()) {
            throw AmqpCodecException.syntaxError("short string of " + length + " bytes exceeds the "
                    + in.readableBytes() + " bytes left");
        }
        int index = in.readerIndex();
        String value = length < ShortStringCache.MIN_LENGTH ? decode(in, index, length)
                : ShortStringCache.get(in, index, length);
        in.skipBytes(length);
        return value;
    }

    /**
     * Decodes {@code length} readable bytes at {@code index} as UTF-8.
     *
     * @throws AmqpCodecException 502 when they are not UTF-8
     */
    static String decode(ByteBuf in, int index, int length) {
        // One pass for the common case: the JDK decodes ASCII with a vectorised check and a copy, and replaces
        // malformed input with U+FFFD. So a result without U+FFFD came from valid UTF-8; one with it came from
        // malformed bytes or from a U+FFFD that was really sent, which only the strict check tells apart.
        String value = in.toString(index, length, StandardCharsets.UTF_8);
        if (value.indexOf(REPLACEMENT_CHARACTER) >= 0
                && !ByteBufUtil.isText(in, index, length, StandardCharsets.UTF_8)) {
            throw AmqpCodecException.syntaxError("short string is not valid UTF-8");
        }
        return value;
    }

    /**
     * Writes {@code value} as a short string.
     *
     * @throws IllegalArgumentException when its UTF-8 form is longer than 255 bytes
     */
    public static void write(ByteBuf out, String value) {
        int length = utf8Length(value);
        if (length > MAX_LENGTH) {
            throw new IllegalArgumentException("a short string holds at most 255 bytes of UTF-8, this one needs "
                    + length + ": " + abbreviate(value));
        }
        out.writeByte(length);
        if (length > 0) {
            writeUtf8(out, value, length);
        }
    }

    /** The bytes {@link #write} produces for {@code value}, length octet included. */
    public static int encodedSize(String value) {
        return 1 + utf8Length(value);
    }

    /**
     * The size of {@code value} in UTF-8 as {@link #writeUtf8} writes it: each unpaired surrogate becomes '?', as
     * the JDK's encoder (and so {@link EncodedShortString}) writes it.
     */
    static int utf8Length(String value) {
        return hasUnpairedSurrogate(value) ? value.getBytes(StandardCharsets.UTF_8).length
                : ByteBufUtil.utf8Bytes(value);
    }

    /**
     * Writes {@code value} as UTF-8 ({@code length} bytes, from {@link #utf8Length}). Netty's writer would put the
     * character after an unpaired high surrogate out as one truncated byte, which is not UTF-8; such malformed
     * strings go through the JDK's encoder instead.
     */
    static void writeUtf8(ByteBuf out, String value, int length) {
        if (hasUnpairedSurrogate(value)) {
            out.writeBytes(value.getBytes(StandardCharsets.UTF_8));
        } else {
            ByteBufUtil.reserveAndWriteUtf8(out, value, length);
        }
    }

    private static boolean hasUnpairedSurrogate(String value) {
        for (int i = 0, n = value.length(); i < n; i++) {
            char c = value.charAt(i);
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                } else {
                    return true;
                }
            }
        }
        return false;
    }

    /** Throws {@link IllegalArgumentException} naming {@code what} when {@code value} is not a valid short string. */
    public static String requireShortString(String value, String what) {
        if (value == null) {
            throw new NullPointerException(what + " must not be null");
        }
        // Up to 85 chars always fit: no char takes more than 3 bytes of UTF-8 (a surrogate pair takes 4 for 2).
        if (value.length() > 85) {
            int length = utf8Length(value);
            if (length > MAX_LENGTH) {
                throw new IllegalArgumentException(what + " must be at most 255 bytes of UTF-8, was " + length
                        + ": " + abbreviate(value));
            }
        }
        return value;
    }

    /**
     * Reads a long string (a 32-bit length, then that many bytes) after checking the length against the bytes left.
     *
     * @throws AmqpCodecException 502 when the length runs past the data
     */
    public static LongString readLong(ByteBuf in) {
        return LongString.wrap(readLongBytes(in));
    }

    static byte[] readLongBytes(ByteBuf in) {
        if (in.readableBytes() < 4) {
            throw AmqpCodecException.syntaxError("long string length missing");
        }
        long length = in.readUnsignedInt();
        if (length > in.readableBytes()) {
            throw AmqpCodecException.syntaxError("long string of " + length + " bytes exceeds the "
                    + in.readableBytes() + " bytes left");
        }
        byte[] bytes = new byte[(int) length];
        in.readBytes(bytes);
        return bytes;
    }

    public static void writeLong(ByteBuf out, LongString value) {
        byte[] bytes = value.unsafeBytes();
        out.writeInt(bytes.length);
        out.writeBytes(bytes);
    }

    static void writeLong(ByteBuf out, byte[] bytes) {
        out.writeInt(bytes.length);
        out.writeBytes(bytes);
    }

    static String abbreviate(String value) {
        return value.length() <= 40 ? '"' + value + '"' : '"' + value.substring(0, 40) + "...\"";
    }
}

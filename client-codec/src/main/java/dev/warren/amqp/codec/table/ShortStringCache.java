package dev.warren.amqp.codec.table;

import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.FastThreadLocal;

/**
 * The short strings a thread decoded last, so that the names that come back on every message (consumer tag,
 * exchange, routing key, content type) decode to the string made the first time rather than to a new copy. A hit
 * costs a few 8-byte reads of the buffer and no allocation; UTF-8 validation ran when the entry was made.
 *
 * <p>Direct-mapped, {@value #SIZE} entries per thread, an entry replaced by the next string that maps to its slot:
 * about 110 KiB per thread if every entry held 255 bytes, a few KiB for the names a connection typically sees.
 * Each thread has its own table (a Netty event loop decodes all frames of its connections on one thread), so
 * nothing is shared or locked.
 */
final class ShortStringCache {

    /** Strings shorter than this are decoded every time: a lookup would save next to nothing. */
    static final int MIN_LENGTH = 4;

    private static final int SIZE = 128;

    private static final FastThreadLocal<Entry[]> ENTRIES = new FastThreadLocal<>() {
        @Override
        protected Entry[] initialValue() {
            return new Entry[SIZE];
        }
    };

    private ShortStringCache() {
    }

    /**
     * The string of the {@code length} bytes at {@code index} (at least {@link #MIN_LENGTH}, all readable), from
     * this thread's table or else decoded and validated by {@link ShortStrings#decode}, and then kept.
     */
    static String get(ByteBuf in, int index, int length) {
        long first;
        long last;
        if (length >= 8) {
            first = in.getLong(index);
            last = in.getLong(index + length - 8);
        } else {
            first = in.getInt(index);
            last = in.getInt(index + length - 4);
        }
        Entry[] entries = ENTRIES.get();
        int slot = slot(first, last, length);
        Entry entry = entries[slot];
        if (entry != null && entry.matches(in, index, length, first, last)) {
            return entry.value;
        }
        String value = ShortStrings.decode(in, index, length);
        entries[slot] = new Entry(value, length, first, last, middle(in, index, length));
        return value;
    }

    private static int slot(long first, long last, int length) {
        long h = (first * 0x9E3779B97F4A7C15L) ^ (last * 0xC2B2AE3D27D4EB4FL) ^ length;
        return (int) (h ^ (h >>> 29) ^ (h >>> 47)) & (SIZE - 1);
    }

    /**
     * The 8-byte words between the first and the last 8 bytes of a string longer than 16 bytes: at offsets 8, 16,
     * ... while they start before the last word; the first and last words overlap them and cover the rest.
     */
    private static long[] middle(ByteBuf in, int index, int length) {
        if (length <= 16) {
            return null;
        }
        long[] words = new long[(length - 9) >>> 3];
        for (int i = 0; i < words.length; i++) {
            words[i] = in.getLong(index + 8 + 8 * i);
        }
        return words;
    }

    private static final class Entry {
        final String value;
        final int length;
        final long first;
        final long last;
        final long[] middle;

        Entry(String value, int length, long first, long last, long[] middle) {
            this.value = value;
            this.length = length;
            this.first = first;
            this.last = last;
            this.middle = middle;
        }

        boolean matches(ByteBuf in, int index, int length, long first, long last) {
            if (this.length != length || this.first != first || this.last != last) {
                return false;
            }
            if (middle != null) {
                for (int i = 0; i < middle.length; i++) {
                    if (in.getLong(index + 8 + 8 * i) != middle[i]) {
                        return false;
                    }
                }
            }
            return true;
        }
    }
}

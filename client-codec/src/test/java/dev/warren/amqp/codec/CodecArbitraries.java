package dev.warren.amqp.codec;

import dev.warren.amqp.codec.content.BasicProperties;
import dev.warren.amqp.codec.table.LongString;
import dev.warren.amqp.codec.table.UnsignedByte;
import dev.warren.amqp.codec.table.UnsignedInt;
import dev.warren.amqp.codec.table.UnsignedShort;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** jqwik generators for the codec's values, and what the decoder is expected to give back for each. */
public final class CodecArbitraries {

    private CodecArbitraries() {
    }

    /** The widest range of seconds both {@link Instant} and the official client's {@code seconds * 1000} hold. */
    public static final long OFFICIAL_TIMESTAMP_RANGE = 9_000_000_000_000_000L / 1000 * 1000;

    // ---------------------------------------------------------------------------------------------------------
    // Strings

    /** A Unicode scalar value (no surrogates), from every UTF-8 length class. */
    public static Arbitrary<Integer> codePoints() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.integers().between(0x20, 0x7E)),       // printable ASCII, 1 byte
                Tuple.of(1, Arbitraries.integers().between(0x00, 0x7F)),       // any ASCII, NUL included
                Tuple.of(2, Arbitraries.integers().between(0x80, 0x7FF)),      // 2 bytes
                Tuple.of(1, Arbitraries.integers().between(0x800, 0xD7FF)),    // 3 bytes, below the surrogates
                Tuple.of(1, Arbitraries.integers().between(0xE000, 0xFFFF)),   // 3 bytes, above the surrogates
                Tuple.of(2, Arbitraries.integers().between(0x10000, 0x10FFFF))); // 4 bytes
    }

    /**
     * Valid short strings of exactly 0 to 255 bytes of UTF-8, with multi-byte and 4-byte code points, and often
     * the empty string and strings of exactly 255 bytes.
     */
    public static Arbitrary<String> shortStrings() {
        Arbitrary<Integer> length = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.integers().between(0, 24)),
                Tuple.of(2, Arbitraries.integers().between(0, 255)),
                Tuple.of(1, Arbitraries.just(0)),
                Tuple.of(1, Arbitraries.just(255)));
        return length.flatMap(CodecArbitraries::ofUtf8Length);
    }

    /** Valid strings of exactly {@code length} bytes of UTF-8. */
    public static Arbitrary<String> ofUtf8Length(int length) {
        return codePoints().list().ofMaxSize(length).map(codePoints -> fill(length, codePoints));
    }

    /** Short strings of at most 16 bytes, for table names where size matters. */
    public static Arbitrary<String> names() {
        return Arbitraries.integers().between(0, 16).flatMap(CodecArbitraries::ofUtf8Length);
    }

    /** Any text, for long strings: any length up to 300 bytes of UTF-8. */
    public static Arbitrary<String> texts() {
        return Arbitraries.frequencyOf(
                        Tuple.of(4, Arbitraries.integers().between(0, 40)),
                        Tuple.of(1, Arbitraries.integers().between(0, 300)))
                .flatMap(CodecArbitraries::ofUtf8Length);
    }

    /** Takes code points while they fit in {@code length} bytes of UTF-8, then pads with 'a' to exactly that. */
    static String fill(int length, List<Integer> codePoints) {
        StringBuilder text = new StringBuilder();
        int bytes = 0;
        for (int codePoint : codePoints) {
            int size = codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
            if (bytes + size <= length) {
                text.appendCodePoint(codePoint);
                bytes += size;
            }
        }
        text.append("a".repeat(length - bytes));
        return text.toString();
    }

    public static Arbitrary<byte[]> byteArrays(int maxSize) {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(maxSize);
    }

    /** Long strings: arbitrary bytes (not necessarily UTF-8) or UTF-8 text. */
    public static Arbitrary<LongString> longStrings() {
        return Arbitraries.oneOf(byteArrays(64).map(LongString::of), texts().map(LongString::of));
    }

    // ---------------------------------------------------------------------------------------------------------
    // Field values and tables

    public static Arbitrary<Instant> instants(long range) {
        long min = Math.max(-range, Instant.MIN.getEpochSecond());
        long max = Math.min(range, Instant.MAX.getEpochSecond());
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.longs().between(0, 4_102_444_800L)), // 1970..2100
                Tuple.of(1, Arbitraries.longs().between(min, max)),
                Tuple.of(1, Arbitraries.of(min, max, -1L, 0L)))
                .map(Instant::ofEpochSecond);
    }

    public static Arbitrary<BigDecimal> decimals() {
        return Combinators.combine(Arbitraries.integers(), Arbitraries.integers().between(0, 255))
                .as((unscaled, scale) -> new BigDecimal(BigInteger.valueOf(unscaled), scale));
    }

    /** Every scalar type Warren can write, with the full range of each. */
    public static Arbitrary<Object> warrenScalars(long timestampRange) {
        return Arbitraries.oneOf(
                Arbitraries.of(true, false),
                Arbitraries.bytes(),
                Arbitraries.integers().between(0, 0xFF).map(UnsignedByte::new),
                Arbitraries.shorts(),
                Arbitraries.integers().between(0, 0xFFFF).map(UnsignedShort::new),
                Arbitraries.integers(),
                Arbitraries.longs().between(0, 0xFFFF_FFFFL).map(UnsignedInt::new),
                Arbitraries.longs(),
                Arbitraries.integers().map(Float::intBitsToFloat),
                Arbitraries.longs().map(Double::longBitsToDouble),
                decimals(),
                texts(),
                longStrings(),
                byteArrays(32),
                instants(timestampRange),
                instants(timestampRange).map(i -> new Date(i.getEpochSecond() * 1000)),
                Arbitraries.just(null));
    }

    /**
     * Scalars both Warren and the official client can write, in Warren's types (its {@link LongString}, {@link
     * Instant}s the official client's {@code Date} holds, NaNs canonical as {@code DataOutputStream} writes them).
     */
    public static Arbitrary<Object> commonScalars() {
        return Arbitraries.oneOf(
                Arbitraries.of(true, false),
                Arbitraries.bytes(),
                Arbitraries.shorts(),
                Arbitraries.integers(),
                Arbitraries.longs(),
                Arbitraries.integers().map(bits -> Float.intBitsToFloat(Float.floatToIntBits(Float.intBitsToFloat(bits)))),
                Arbitraries.longs().map(bits -> Double.longBitsToDouble(
                        Double.doubleToLongBits(Double.longBitsToDouble(bits)))),
                decimals(),
                texts(),
                longStrings(),
                byteArrays(32),
                instants(OFFICIAL_TIMESTAMP_RANGE),
                Arbitraries.just(null));
    }

    /** Tables of values both clients can write, nested {@code depth} levels below this one. */
    public static Arbitrary<Map<String, Object>> commonTables(int depth) {
        Arbitrary<Object> values = depth == 0 ? commonScalars() : Arbitraries.frequencyOf(
                Tuple.of(6, commonScalars()),
                Tuple.of(1, commonTables(depth - 1).map(t -> (Object) t)),
                Tuple.of(1, commonTables(depth - 1).map(t -> (Object) new ArrayList<>(t.values()))));
        return tablesOf(values);
    }

    /** Field values Warren can write, nested up to {@code depth} tables or arrays below this one. */
    public static Arbitrary<Object> warrenValues(int depth, long timestampRange) {
        if (depth == 0) {
            return warrenScalars(timestampRange);
        }
        return Arbitraries.frequencyOf(
                Tuple.of(6, warrenScalars(timestampRange)),
                Tuple.of(1, warrenTables(depth - 1, timestampRange).map(t -> (Object) t)),
                Tuple.of(1, warrenValues(depth - 1, timestampRange).list().ofMaxSize(4).map(l -> (Object) l)),
                Tuple.of(1, warrenValues(depth - 1, timestampRange).list().ofMaxSize(3)
                        .map(l -> (Object) l.toArray())));
    }

    /** Tables of values Warren can write; {@code depth} more levels of nesting below this table. */
    public static Arbitrary<Map<String, Object>> warrenTables(int depth, long timestampRange) {
        return tablesOf(warrenValues(depth, timestampRange));
    }

    /** Tables of up to 6 entries with the given values (jqwik's own maps are slow to generate). */
    public static Arbitrary<Map<String, Object>> tablesOf(Arbitrary<Object> values) {
        return Combinators.combine(names(), values).as(Tuple::of).list().ofMaxSize(6).map(entries -> {
            Map<String, Object> table = new LinkedHashMap<>();
            entries.forEach(entry -> table.putIfAbsent(entry.get1(), entry.get2()));
            return table;
        });
    }

    /** Tables with every Warren value type, two levels of nesting below the table itself. */
    public static Arbitrary<Map<String, Object>> tables() {
        return warrenTables(2, Long.MAX_VALUE);
    }

    /** What the decoder gives back for a value Warren wrote: the official client's Java types. */
    public static Object expectedDecoded(Object written) {
        if (written instanceof UnsignedByte value) {
            return value.value();
        }
        if (written instanceof UnsignedShort value) {
            return value.value();
        }
        if (written instanceof UnsignedInt value) {
            return value.value();
        }
        if (written instanceof String text) {
            return LongString.of(text);
        }
        if (written instanceof Date date) {
            return Instant.ofEpochSecond(date.getTime() / 1000);
        }
        if (written instanceof Map<?, ?> map) {
            Map<Object, Object> expected = new LinkedHashMap<>();
            map.forEach((k, v) -> expected.put(k, expectedDecoded(v)));
            return expected;
        }
        if (written instanceof Object[] array) {
            return expectedDecoded(java.util.Arrays.asList(array));
        }
        if (written instanceof Collection<?> collection) {
            List<Object> expected = new ArrayList<>();
            collection.forEach(v -> expected.add(expectedDecoded(v)));
            return expected;
        }
        return written;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Basic properties

    /** The 14 basic properties, each present or absent at random (all 2^14 combinations reachable). */
    public static Arbitrary<BasicProperties> basicProperties() {
        return basicProperties(tables(), Long.MAX_VALUE);
    }

    public static Arbitrary<BasicProperties> basicProperties(Arbitrary<Map<String, Object>> headers,
                                                             long timestampRange) {
        Arbitrary<Integer> octets = Arbitraries.integers().between(0, 255);
        return Combinators.combine(
                        Arbitraries.integers().between(0, (1 << 14) - 1),
                        Combinators.combine(shortStrings(), shortStrings(), headers, octets, octets, shortStrings(),
                                shortStrings()).as(List::<Object>of),
                        Combinators.combine(shortStrings(), shortStrings(), instants(timestampRange), shortStrings(),
                                shortStrings(), shortStrings(), shortStrings()).as(List::<Object>of))
                .as((present, first, second) -> {
                    List<Object> values = new ArrayList<>(first);
                    values.addAll(second);
                    for (int i = 0; i < 14; i++) {
                        if ((present & (1 << (13 - i))) == 0) {
                            values.set(i, null);
                        }
                    }
                    return properties(values);
                });
    }

    /** Builds properties from the 14 values in specification order. */
    @SuppressWarnings("unchecked")
    public static BasicProperties properties(List<Object> v) {
        return new BasicProperties((String) v.get(0), (String) v.get(1), (Map<String, Object>) v.get(2),
                (Integer) v.get(3), (Integer) v.get(4), (String) v.get(5), (String) v.get(6), (String) v.get(7),
                (String) v.get(8), (Instant) v.get(9), (String) v.get(10), (String) v.get(11), (String) v.get(12),
                (String) v.get(13));
    }

    /** The 14 properties in specification order, {@code null} where absent. */
    public static List<Object> values(BasicProperties p) {
        List<Object> values = new ArrayList<>();
        values.add(p.contentType());
        values.add(p.contentEncoding());
        values.add(p.headers());
        values.add(p.deliveryMode());
        values.add(p.priority());
        values.add(p.correlationId());
        values.add(p.replyTo());
        values.add(p.expiration());
        values.add(p.messageId());
        values.add(p.timestamp());
        values.add(p.type());
        values.add(p.userId());
        values.add(p.appId());
        values.add(p.clusterId());
        return values;
    }

    /** What decoding gives back for properties Warren wrote. */
    @SuppressWarnings("unchecked")
    public static BasicProperties expectedDecoded(BasicProperties written) {
        List<Object> values = values(written);
        if (values.get(2) != null) {
            values.set(2, expectedDecoded(values.get(2)));
        }
        return properties(values);
    }

    /** UTF-8 size of a string. */
    public static int utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}

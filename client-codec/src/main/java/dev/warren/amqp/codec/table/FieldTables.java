package dev.warren.amqp.codec.table;

import dev.warren.amqp.codec.AmqpCodecException;
import io.netty.buffer.ByteBuf;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Field tables and field arrays, with every value type RabbitMQ uses.
 *
 * <p>Decoded values have the same Java types as in the official RabbitMQ Java client, so code and tests can
 * compare the two: {@code t} Boolean, {@code b} Byte, {@code B} Integer (unsigned), {@code s} Short, {@code u}
 * Integer (unsigned), {@code I} Integer, {@code i} Long (unsigned), {@code l} Long, {@code f} Float, {@code d}
 * Double, {@code D} BigDecimal, {@code S} {@link LongString}, {@code x} byte[], {@code A} List, {@code T}
 * {@link Instant} (whole seconds; the official client gives the same instant as a {@link Date}), {@code F} Map,
 * {@code V} null. When a table repeats a name, the first value wins, as in the official client.
 *
 * <p>Every length is checked against the bytes actually left before anything is allocated, and nesting of
 * tables and arrays is bounded, so hostile input fails with a 502 {@link AmqpCodecException}.
 *
 * <p>Writing maps Java types to field types: null V, Boolean t, Byte b, Short s, Integer I, Long l, Float f,
 * Double d, BigDecimal D, String and LongString S, byte[] x, Instant and Date T, Map F, List, other Collections
 * and Object[] A, and {@link UnsignedByte} B, {@link UnsignedShort} u, {@link UnsignedInt} i.
 */
public final class FieldTables {

    private FieldTables() {
    }

    /**
     * Reads a field table (its 32-bit length and entries).
     *
     * @param maxDepth how deep tables and arrays may nest; this table is level 1
     * @return an unmodifiable map in wire order
     */
    public static Map<String, Object> readTable(ByteBuf in, int maxDepth) {
        return readTable(in, maxDepth, 1);
    }

    /** Reads a field array (its 32-bit length and values); this array is level 1 of {@code maxDepth}. */
    public static List<Object> readArray(ByteBuf in, int maxDepth) {
        return readArray(in, maxDepth, 1);
    }

    private static Map<String, Object> readTable(ByteBuf in, int maxDepth, int depth) {
        checkDepth(depth, maxDepth);
        ByteBuf entries = readSized(in, "field table");
        if (!entries.isReadable()) {
            return Map.of();
        }
        Map<String, Object> table = new LinkedHashMap<>();
        while (entries.isReadable()) {
            String name = ShortStrings.read(entries);
            Object value = readFieldValue(entries, maxDepth, depth);
            table.putIfAbsent(name, value);
        }
        return Collections.unmodifiableMap(table);
    }

    private static List<Object> readArray(ByteBuf in, int maxDepth, int depth) {
        checkDepth(depth, maxDepth);
        ByteBuf values = readSized(in, "field array");
        if (!values.isReadable()) {
            return List.of();
        }
        List<Object> array = new ArrayList<>();
        while (values.isReadable()) {
            array.add(readFieldValue(values, maxDepth, depth));
        }
        return Collections.unmodifiableList(array);
    }

    private static void checkDepth(int depth, int maxDepth) {
        if (depth > maxDepth) {
            throw AmqpCodecException.syntaxError("field tables and arrays nest deeper than the limit of "
                    + maxDepth);
        }
    }

    /** Reads a 32-bit length and returns a slice of exactly that many bytes, so nothing inside can read past it. */
    private static ByteBuf readSized(ByteBuf in, String what) {
        if (in.readableBytes() < 4) {
            throw AmqpCodecException.syntaxError(what + " length missing");
        }
        long length = in.readUnsignedInt();
        if (length > in.readableBytes()) {
            throw AmqpCodecException.syntaxError(what + " of " + length + " bytes exceeds the "
                    + in.readableBytes() + " bytes left");
        }
        return in.readSlice((int) length);
    }

    private static Object readFieldValue(ByteBuf in, int maxDepth, int depth) {
        if (!in.isReadable()) {
            throw AmqpCodecException.syntaxError("field value type missing");
        }
        int type = in.readUnsignedByte();
        int fixedSize = fixedSize(type);
        if (fixedSize > in.readableBytes()) {
            throw AmqpCodecException.syntaxError("field value of type '" + (char) type + "' needs " + fixedSize
                    + " bytes, " + in.readableBytes() + " left");
        }
        return switch (type) {
            case 't' -> in.readByte() != 0;
            case 'b' -> in.readByte();
            case 'B' -> (int) in.readUnsignedByte();
            case 's' -> in.readShort();
            case 'u' -> in.readUnsignedShort();
            case 'I' -> in.readInt();
            case 'i' -> in.readUnsignedInt();
            case 'l' -> in.readLong();
            case 'f' -> in.readFloat();
            case 'd' -> in.readDouble();
            case 'D' -> {
                int scale = in.readUnsignedByte();
                yield new BigDecimal(BigInteger.valueOf(in.readInt()), scale);
            }
            case 'S' -> ShortStrings.readLong(in);
            case 'x' -> ShortStrings.readLongBytes(in);
            case 'A' -> readArray(in, maxDepth, depth + 1);
            case 'T' -> Timestamps.fromSeconds(in.readLong());
            case 'F' -> readTable(in, maxDepth, depth + 1);
            case 'V' -> null;
            default -> throw AmqpCodecException.syntaxError("unknown field value type 0x"
                    + Integer.toHexString(type));
        };
    }

    private static int fixedSize(int type) {
        return switch (type) {
            case 't', 'b', 'B' -> 1;
            case 's', 'u' -> 2;
            case 'I', 'i', 'f' -> 4;
            case 'l', 'd', 'T' -> 8;
            case 'D' -> 5;
            default -> 0;
        };
    }

    /**
     * An unmodifiable copy of {@code table} in its iteration order ({@code null} gives an empty map); a table this
     * class decoded is returned as it is, since it is unmodifiable already.
     */
    public static Map<String, Object> immutable(Map<String, ?> table) {
        if (table == null || table.isEmpty()) {
            return Map.of();
        }
        if (table.getClass() == UNMODIFIABLE_MAP) {
            @SuppressWarnings("unchecked")
            Map<String, Object> same = (Map<String, Object>) table;
            return same;
        }
        return Collections.unmodifiableMap(new LinkedHashMap<>(table));
    }

    private static final Class<?> UNMODIFIABLE_MAP = Collections.unmodifiableMap(new LinkedHashMap<>()).getClass();

    /**
     * Writes {@code table} as a field table.
     *
     * @throws IllegalArgumentException for a name longer than 255 bytes or a value of a type with no field type
     */
    public static void writeTable(ByteBuf out, Map<String, ?> table) {
        int lengthIndex = out.writerIndex();
        out.writeInt(0);
        if (table != null) {
            // forEach, not entrySet(): the entry set of an unmodifiable map (which every decoded or immutable()
            // table is) hands out each entry wrapped in a new object.
            table.forEach((name, value) -> {
                ShortStrings.write(out, ShortStrings.requireShortString(name, "a field table name"));
                writeFieldValue(out, value);
            });
        }
        out.setInt(lengthIndex, out.writerIndex() - lengthIndex - 4);
    }

    /** Writes {@code values} as a field array. */
    public static void writeArray(ByteBuf out, Collection<?> values) {
        int lengthIndex = out.writerIndex();
        out.writeInt(0);
        for (Object value : values) {
            writeFieldValue(out, value);
        }
        out.setInt(lengthIndex, out.writerIndex() - lengthIndex - 4);
    }

    /** Writes one value with its type octet. */
    public static void writeFieldValue(ByteBuf out, Object value) {
        if (value == null) {
            out.writeByte('V');
        } else if (value instanceof String string) {
            out.writeByte('S');
            int length = ShortStrings.utf8Length(string);
            out.writeInt(length);
            ShortStrings.writeUtf8(out, string, length);
        } else if (value instanceof LongString longString) {
            out.writeByte('S');
            ShortStrings.writeLong(out, longString);
        } else if (value instanceof Integer integer) {
            out.writeByte('I').writeInt(integer);
        } else if (value instanceof Long longValue) {
            out.writeByte('l').writeLong(longValue);
        } else if (value instanceof Boolean bool) {
            out.writeByte('t').writeByte(bool ? 1 : 0);
        } else if (value instanceof Map<?, ?> map) {
            out.writeByte('F');
            writeTable(out, castTable(map));
        } else if (value instanceof Collection<?> collection) {
            out.writeByte('A');
            writeArray(out, collection);
        } else if (value instanceof Object[] array) {
            out.writeByte('A');
            writeArray(out, java.util.Arrays.asList(array));
        } else if (value instanceof byte[] bytes) {
            out.writeByte('x');
            ShortStrings.writeLong(out, bytes);
        } else if (value instanceof Byte byteValue) {
            out.writeByte('b').writeByte(byteValue);
        } else if (value instanceof Short shortValue) {
            out.writeByte('s').writeShort(shortValue);
        } else if (value instanceof Float floatValue) {
            out.writeByte('f').writeFloat(floatValue);
        } else if (value instanceof Double doubleValue) {
            out.writeByte('d').writeDouble(doubleValue);
        } else if (value instanceof BigDecimal decimal) {
            writeDecimal(out, decimal);
        } else if (value instanceof Instant instant) {
            out.writeByte('T').writeLong(instant.getEpochSecond());
        } else if (value instanceof Date date) {
            out.writeByte('T').writeLong(date.getTime() / 1000);
        } else if (value instanceof UnsignedByte unsigned) {
            out.writeByte('B').writeByte(unsigned.value());
        } else if (value instanceof UnsignedShort unsigned) {
            out.writeByte('u').writeShort(unsigned.value());
        } else if (value instanceof UnsignedInt unsigned) {
            out.writeByte('i').writeInt((int) unsigned.value());
        } else {
            throw new IllegalArgumentException("no AMQP field type for a value of " + value.getClass().getName());
        }
    }

    private static void writeDecimal(ByteBuf out, BigDecimal decimal) {
        int scale = decimal.scale();
        if (scale < 0 || scale > 255) {
            throw new IllegalArgumentException("an AMQP decimal has a scale of 0..255, " + decimal + " has "
                    + scale);
        }
        BigInteger unscaled = decimal.unscaledValue();
        if (unscaled.bitLength() > 31) {
            throw new IllegalArgumentException("an AMQP decimal's unscaled value is a signed 32-bit integer, "
                    + decimal + " needs more");
        }
        out.writeByte('D').writeByte(scale).writeInt(unscaled.intValue());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> castTable(Map<?, ?> map) {
        for (Object key : map.keySet()) {
            if (!(key instanceof String)) {
                throw new IllegalArgumentException("field table names are strings, found a "
                        + (key == null ? "null" : key.getClass().getName()));
            }
        }
        return (Map<String, ?>) map;
    }
}

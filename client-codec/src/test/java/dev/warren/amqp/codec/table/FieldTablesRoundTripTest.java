package dev.warren.amqp.codec.table;

import dev.warren.amqp.codec.AmqpCodecException;
import dev.warren.amqp.codec.CodecArbitraries;
import dev.warren.amqp.codec.Deep;
import dev.warren.amqp.codec.ReplyCode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Field tables and arrays with every field type survive writing and reading, up to the nesting limit. */
class FieldTablesRoundTripTest {

    private static final int DEPTH = 64;

    @Provide
    Arbitrary<Map<String, Object>> tables() {
        return CodecArbitraries.warrenTables(3, Long.MAX_VALUE);
    }

    @Provide
    Arbitrary<Object> scalars() {
        return CodecArbitraries.warrenScalars(Long.MAX_VALUE);
    }

    @Property(tries = 600)
    void tablesDecodeToWhatWasWrittenInWireOrder(@ForAll("tables") Map<String, Object> table) {
        ByteBuf buf = Unpooled.buffer();
        try {
            FieldTables.writeTable(buf, table);
            assertThat(buf.getUnsignedInt(0)).as("table length").isEqualTo(buf.readableBytes() - 4L);

            Map<String, Object> decoded = FieldTables.readTable(buf, DEPTH);

            assertThat(buf.isReadable()).isFalse();
            assertThat(Deep.normalize(decoded)).isEqualTo(Deep.normalize(CodecArbitraries.expectedDecoded(table)));
            assertThat(decoded.keySet()).containsExactlyElementsOf(table.keySet());
            assertThatThrownBy(() -> decoded.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
        } finally {
            buf.release();
        }
    }

    @Property(tries = 1500)
    void everyFieldTypeDecodesToTheOfficialClientsJavaType(@ForAll("scalars") Object value) {
        Statistics.label("type").collect(typeOf(value));
        Object expected = CodecArbitraries.expectedDecoded(value);

        Map<String, Object> table = new LinkedHashMap<>();
        table.put("v", value);
        ByteBuf buf = Unpooled.buffer();
        try {
            FieldTables.writeTable(buf, table);
            assertThat(buf.getByte(4 + 2)).as("type octet").isEqualTo((byte) typeOf(value));
            Object decoded = FieldTables.readTable(buf, DEPTH).get("v");
            assertThat(Deep.normalize(decoded)).isEqualTo(Deep.normalize(expected));
            if (expected != null) {
                assertThat(decoded).isExactlyInstanceOf(expected.getClass());
            }

            buf.clear();
            List<Object> array = new ArrayList<>();
            array.add(value);
            array.add(value);
            FieldTables.writeArray(buf, array);
            List<Object> decodedArray = FieldTables.readArray(buf, DEPTH);
            assertThat(Deep.normalize(decodedArray)).isEqualTo(Deep.normalize(java.util.Arrays.asList(expected,
                    expected)));
        } finally {
            buf.release();
        }
        Statistics.label("type").coverage(checker -> {
            for (char type : "tbBsuIilfdDSxTV".toCharArray()) {
                checker.check(type).count(count -> count > 0);
            }
        });
    }

    /**
     * A chain of tables and arrays exactly {@code limit} deep (the outer table is level 1) decodes with that limit
     * and fails with 502 when the limit is one lower.
     */
    @Property(tries = 300)
    void nestingUpToTheLimitDecodesAndOneLevelMoreIsASyntaxError(
            @ForAll @IntRange(min = 1, max = 64) int limit,
            @ForAll @Size(max = 64) List<Boolean> tableOrArray,
            @ForAll("scalars") Object innermost,
            @ForAll boolean innermostIsEmpty) {
        // Level 1 is the outer table; levels 2..limit are tables (true) or arrays (false). The container at level
        // `limit` is empty or holds one scalar, which adds no level.
        Object content = innermost;
        boolean haveContent = !innermostIsEmpty;
        for (int level = limit; level >= 2; level--) {
            boolean table = level - 2 < tableOrArray.size() && tableOrArray.get(level - 2);
            if (table) {
                Map<String, Object> map = new LinkedHashMap<>();
                if (haveContent) {
                    map.put("k" + level, content);
                }
                content = map;
            } else {
                List<Object> list = new ArrayList<>();
                if (haveContent) {
                    list.add(content);
                }
                content = list;
            }
            haveContent = true;
        }
        Map<String, Object> outer = new LinkedHashMap<>();
        if (haveContent) {
            outer.put("outer", content);
        }

        ByteBuf buf = Unpooled.buffer();
        try {
            FieldTables.writeTable(buf, outer);
            Map<String, Object> decoded = FieldTables.readTable(buf.duplicate(), limit);
            assertThat(Deep.normalize(decoded)).isEqualTo(Deep.normalize(CodecArbitraries.expectedDecoded(outer)));
            if (limit > 1) {
                assertThatThrownBy(() -> FieldTables.readTable(buf.duplicate(), limit - 1))
                        .isInstanceOfSatisfying(AmqpCodecException.class,
                                e -> assertThat(e.replyCode()).isEqualTo(ReplyCode.SYNTAX_ERROR));
            }
        } finally {
            buf.release();
        }
    }

    @Example
    void emptyTablesAndArraysRoundTrip() {
        Map<String, Object> table = new LinkedHashMap<>();
        table.put("empty table", Map.of());
        table.put("empty array", List.of());
        table.put("array of empties", List.of(Map.of(), List.of()));
        ByteBuf buf = Unpooled.buffer();
        try {
            FieldTables.writeTable(buf, Map.of());
            assertThat(buf.readableBytes()).isEqualTo(4);
            assertThat(FieldTables.readTable(buf, DEPTH)).isEmpty();

            buf.clear();
            FieldTables.writeTable(buf, null);
            assertThat(FieldTables.readTable(buf, DEPTH)).as("null is written as an empty table").isEmpty();

            buf.clear();
            FieldTables.writeTable(buf, table);
            assertThat(FieldTables.readTable(buf, DEPTH)).isEqualTo(table);
        } finally {
            buf.release();
        }
    }

    /** The AMQP type octet Warren writes for {@code value}. */
    static char typeOf(Object value) {
        if (value == null) {
            return 'V';
        }
        if (value instanceof Boolean) return 't';
        if (value instanceof Byte) return 'b';
        if (value instanceof UnsignedByte) return 'B';
        if (value instanceof Short) return 's';
        if (value instanceof UnsignedShort) return 'u';
        if (value instanceof Integer) return 'I';
        if (value instanceof UnsignedInt) return 'i';
        if (value instanceof Long) return 'l';
        if (value instanceof Float) return 'f';
        if (value instanceof Double) return 'd';
        if (value instanceof BigDecimal) return 'D';
        if (value instanceof String || value instanceof LongString) return 'S';
        if (value instanceof byte[]) return 'x';
        if (value instanceof Instant || value instanceof Date) return 'T';
        if (value instanceof Map) return 'F';
        return 'A';
    }
}

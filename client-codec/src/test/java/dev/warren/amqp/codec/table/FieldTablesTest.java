package dev.warren.amqp.codec.table;

import dev.warren.amqp.codec.AmqpCodecException;
import dev.warren.amqp.codec.Bytes;
import dev.warren.amqp.codec.ReplyCode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.warren.amqp.codec.Bytes.of;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FieldTablesTest {

    @Test
    void aValueOfATypeWithNoFieldTypeIsAnIllegalArgumentNamingItsClass() {
        for (Object value : List.of(new Object(), 'c', BigInteger.ONE, new AtomicInteger(1), Optional.empty(),
                new StringBuilder("text"), new int[] {1}, Thread.State.NEW)) {
            ByteBuf out = Unpooled.buffer();
            try {
                assertThatThrownBy(() -> FieldTables.writeFieldValue(out, value))
                        .as("%s", value.getClass()).isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining(value.getClass().getName());
                assertThat(out.readableBytes()).as("nothing written for %s", value.getClass()).isZero();
            } finally {
                out.release();
            }
        }
    }

    @Test
    void aTableNameThatIsNotAStringIsAnIllegalArgument() {
        Map<Object, Object> table = new HashMap<>();
        table.put(1, "one");
        ByteBuf out = Unpooled.buffer();
        try {
            assertThatThrownBy(() -> FieldTables.writeFieldValue(out, table))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("java.lang.Integer");
        } finally {
            out.release();
        }
    }

    @Test
    void decimalsOutsideTheWireRangeAreAnIllegalArgument() {
        ByteBuf out = Unpooled.buffer();
        try {
            for (BigDecimal decimal : List.of(new BigDecimal("1E+3"), BigDecimal.valueOf(1, 256),
                    new BigDecimal(BigInteger.valueOf(Integer.MAX_VALUE).add(BigInteger.ONE)),
                    new BigDecimal(BigInteger.valueOf(Integer.MIN_VALUE).subtract(BigInteger.ONE)))) {
                assertThatThrownBy(() -> FieldTables.writeFieldValue(out, decimal)).as("%s", decimal)
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(decimal.toString());
            }
            FieldTables.writeFieldValue(out, new BigDecimal(BigInteger.valueOf(Integer.MIN_VALUE), 255));
            FieldTables.writeFieldValue(out, new BigDecimal(Integer.MAX_VALUE));
            assertThat(Bytes.readable(out)).containsExactly(of('D', 255, 0x80, 0, 0, 0, 'D', 0, 0x7F, 0xFF, 0xFF,
                    0xFF));
        } finally {
            out.release();
        }
    }

    @Test
    void javaTypesMapToTheirFieldTypes() {
        ByteBuf out = Unpooled.buffer();
        try {
            FieldTables.writeFieldValue(out, new Date(1_700_000_000_123L));
            FieldTables.writeFieldValue(out, Instant.ofEpochSecond(-1, 999_999_999));
            FieldTables.writeFieldValue(out, new Object[] {1});
            FieldTables.writeFieldValue(out, Set.of(true));
            FieldTables.writeFieldValue(out, LongString.of(new byte[] {(byte) 0xFF}));
            FieldTables.writeFieldValue(out, new UnsignedByte(255));
            FieldTables.writeFieldValue(out, new UnsignedShort(65535));
            FieldTables.writeFieldValue(out, new UnsignedInt(4294967295L));
            assertThat(Bytes.readable(out)).containsExactly(of(
                    'T', Bytes.int64(1_700_000_000L),   // a Date: whole seconds
                    'T', Bytes.int64(-1),               // an Instant: whole seconds, rounded down
                    'A', Bytes.int32(5), 'I', Bytes.int32(1), // an Object[]: an array
                    'A', Bytes.int32(2), 't', 1,        // any Collection: an array
                    'S', Bytes.int32(1), 0xFF,          // a LongString: its bytes, UTF-8 or not
                    'B', 0xFF,
                    'u', 0xFF, 0xFF,
                    'i', 0xFF, 0xFF, 0xFF, 0xFF));
        } finally {
            out.release();
        }
    }

    @Test
    void unsignedWrappersCheckTheirRange() {
        assertThatThrownBy(() -> new UnsignedByte(256)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new UnsignedByte(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new UnsignedShort(65536)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new UnsignedInt(4294967296L)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new UnsignedInt(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aDecodedTableKeepsWireOrderAndCannotBeChanged() {
        Map<String, Object> table = new LinkedHashMap<>();
        table.put("z", 1);
        table.put("a", 2);
        table.put("m", List.of(3));
        ByteBuf buf = Unpooled.buffer();
        try {
            FieldTables.writeTable(buf, table);
            Map<String, Object> decoded = FieldTables.readTable(buf, 64);
            assertThat(decoded.keySet()).containsExactly("z", "a", "m");
            assertThatThrownBy(() -> decoded.put("b", 1)).isInstanceOf(UnsupportedOperationException.class);
            @SuppressWarnings("unchecked")
            List<Object> array = (List<Object>) decoded.get("m");
            assertThatThrownBy(() -> array.add(4)).isInstanceOf(UnsupportedOperationException.class);
        } finally {
            buf.release();
        }
    }

    @Test
    void immutableCopiesWhatItIsGiven() {
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("k", 1);
        Map<String, Object> copy = FieldTables.immutable(source);
        source.put("k", 2);
        assertThat(copy).containsEntry("k", 1);
        assertThatThrownBy(() -> copy.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
        assertThat(FieldTables.immutable(null)).isEmpty();
    }

    @Test
    void aTopLevelArrayReadsLikeATablesArray() {
        ByteBuf buf = Unpooled.buffer();
        try {
            List<Object> values = new ArrayList<>();
            values.add(null);
            values.add("x");
            FieldTables.writeArray(buf, values);
            assertThat(FieldTables.readArray(buf, 1)).containsExactly(null, LongString.of("x"));
        } finally {
            buf.release();
        }
    }

    @Test
    void theOuterTableCountsAsTheFirstLevelOfNesting() {
        ByteBuf buf = Unpooled.buffer();
        try {
            FieldTables.writeTable(buf, Map.of("nested", Map.of()));
            assertThat(FieldTables.readTable(buf.duplicate(), 2)).containsKey("nested");
            assertThatThrownBy(() -> FieldTables.readTable(buf.duplicate(), 1))
                    .isInstanceOfSatisfying(AmqpCodecException.class,
                            e -> assertThat(e.replyCode()).isEqualTo(ReplyCode.SYNTAX_ERROR));
        } finally {
            buf.release();
        }
    }

    @Test
    void timestampsBeyondWhatAnInstantHoldsAreClampedNotRejected() {
        assertThat(Timestamps.fromSeconds(Long.MAX_VALUE)).isEqualTo(Instant.MAX);
        assertThat(Timestamps.fromSeconds(Long.MIN_VALUE)).isEqualTo(Instant.MIN);
        assertThat(Timestamps.fromSeconds(0)).isEqualTo(Instant.EPOCH);
        assertThat(Timestamps.fromSeconds(Instant.MAX.getEpochSecond()))
                .isEqualTo(Instant.ofEpochSecond(Instant.MAX.getEpochSecond()));
    }
}

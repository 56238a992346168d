package dev.warren.amqp.codec.table;

import dev.warren.amqp.codec.Bytes;
import dev.warren.amqp.codec.CodecArbitraries;
import dev.warren.amqp.codec.Deep;
import dev.warren.amqp.codec.OfficialClient;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Field tables against the official RabbitMQ Java client 5.38.0 ({@code ValueWriter}/{@code ValueReader}): what
 * Warren writes, the official client reads to equal values, and what the official client writes, Warren reads to
 * equal values.
 */
class FieldTablesInteropTest {

    @Provide
    Arbitrary<Map<String, Object>> warrenTables() {
        // B, u and i included: the official client reads them though it cannot write them.
        return CodecArbitraries.warrenTables(3, CodecArbitraries.OFFICIAL_TIMESTAMP_RANGE);
    }

    @Provide
    Arbitrary<Map<String, Object>> officialTables() {
        return OfficialClient.tables(3);
    }

    @Property(tries = 800)
    void whatWarrenWritesTheOfficialClientReadsToEqualValues(@ForAll("warrenTables") Map<String, Object> table) {
        table.values().forEach(v -> Statistics.collect(FieldTablesRoundTripTest.typeOf(v)));
        ByteBuf buf = Unpooled.buffer();
        byte[] bytes;
        try {
            FieldTables.writeTable(buf, table);
            bytes = Bytes.readable(buf);
        } finally {
            buf.release();
        }
        Map<String, Object> official = OfficialClient.readTable(bytes);
        assertThat(Deep.normalize(OfficialClient.toWarren(official)))
                .isEqualTo(Deep.normalize(CodecArbitraries.expectedDecoded(table)));
    }

    @Property(tries = 800)
    void whatTheOfficialClientWritesWarrenReadsToEqualValues(@ForAll("officialTables") Map<String, Object> table) {
        byte[] bytes = OfficialClient.writeTable(table);
        Map<String, Object> warren;
        ByteBuf buf = Unpooled.wrappedBuffer(bytes);
        try {
            warren = FieldTables.readTable(buf, 64);
            assertThat(buf.isReadable()).isFalse();
        } finally {
            buf.release();
        }
        assertThat(Deep.normalize(warren)).isEqualTo(Deep.normalize(OfficialClient.toWarren(table)));
        // And both clients read those bytes the same way.
        assertThat(Deep.normalize(warren))
                .isEqualTo(Deep.normalize(OfficialClient.toWarren(OfficialClient.readTable(bytes))));
    }

    /**
     * Byte for byte the same, except for NaNs that are not the canonical one: Netty writes a float's raw bits
     * where {@code DataOutputStream} writes the canonical NaN; both read back as NaN.
     */
    @Property(tries = 300)
    void bothClientsWriteTheSameBytesForValuesBothCanWrite(@ForAll("officialTables") Map<String, Object> table) {
        Assume.that(!hasNonCanonicalNaN(table));
        ByteBuf buf = Unpooled.buffer();
        try {
            FieldTables.writeTable(buf, toWarrenWritable(table));
            assertThat(Bytes.readable(buf)).isEqualTo(OfficialClient.writeTable(table));
        } finally {
            buf.release();
        }
    }

    @Example
    void aRepeatedNameKeepsItsFirstValueInBothClients() {
        byte[] bytes = Bytes.of(
                0x00, 0x00, 0x00, 0x0E,         // table of 14 bytes
                0x01, "k", 'I', Bytes.int32(1), // "k": 1
                0x01, "k", 'I', Bytes.int32(2)); // "k": 2 again
        ByteBuf buf = Unpooled.wrappedBuffer(bytes);
        try {
            assertThat(FieldTables.readTable(buf, 64)).isEqualTo(Map.of("k", 1));
        } finally {
            buf.release();
        }
        assertThat(OfficialClient.readTable(bytes)).isEqualTo(Map.of("k", 1));
    }

    @Example
    void aDateWithMillisecondsIsWrittenAsTheOfficialClientWritesIt() {
        Map<String, Object> table = Map.of("before", new Date(-1500), "after", new Date(1_700_000_000_999L));
        ByteBuf buf = Unpooled.buffer();
        try {
            FieldTables.writeTable(buf, new LinkedHashMap<>(table));
            assertThat(OfficialClient.readTable(Bytes.readable(buf)))
                    .isEqualTo(OfficialClient.readTable(OfficialClient.writeTable(new LinkedHashMap<>(table))));
        } finally {
            buf.release();
        }
    }

    private static boolean hasNonCanonicalNaN(Object value) {
        if (value instanceof Float f) {
            return Float.floatToRawIntBits(f) != Float.floatToIntBits(f);
        }
        if (value instanceof Double d) {
            return Double.doubleToRawLongBits(d) != Double.doubleToLongBits(d);
        }
        if (value instanceof Map<?, ?> map) {
            return map.values().stream().anyMatch(FieldTablesInteropTest::hasNonCanonicalNaN);
        }
        if (value instanceof Object[] array) {
            return java.util.Arrays.stream(array).anyMatch(FieldTablesInteropTest::hasNonCanonicalNaN);
        }
        if (value instanceof List<?> list) {
            return list.stream().anyMatch(FieldTablesInteropTest::hasNonCanonicalNaN);
        }
        return false;
    }

    /** The official client's values as Warren writes them: its long strings become Warren's. */
    private static Object toWarrenWritable(Object official) {
        if (official instanceof com.rabbitmq.client.LongString longString) {
            return LongString.of(longString.getBytes());
        }
        if (official instanceof Map<?, ?> map) {
            Map<String, Object> converted = new LinkedHashMap<>();
            map.forEach((k, v) -> converted.put((String) k, toWarrenWritable(v)));
            return converted;
        }
        if (official instanceof Object[] array) {
            return toWarrenWritable(java.util.Arrays.asList(array));
        }
        if (official instanceof List<?> list) {
            return list.stream().map(FieldTablesInteropTest::toWarrenWritable)
                    .collect(java.util.stream.Collectors.toCollection(java.util.ArrayList::new));
        }
        return official;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> toWarrenWritable(Map<String, Object> table) {
        return (Map<String, Object>) toWarrenWritable((Object) table);
    }
}

package dev.warren.amqp.codec;

import com.rabbitmq.client.impl.LongStringHelper;
import com.rabbitmq.client.impl.ValueReader;
import com.rabbitmq.client.impl.ValueWriter;
import dev.warren.amqp.codec.table.LongString;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The official RabbitMQ Java client (com.rabbitmq:amqp-client), as an oracle for the wire format. */
public final class OfficialClient {

    private OfficialClient() {
    }

    public static DataInputStream in(byte[] bytes) {
        return new DataInputStream(new ByteArrayInputStream(bytes));
    }

    /** Reads a field table with the official client's {@link ValueReader}. */
    public static Map<String, Object> readTable(byte[] bytes) {
        try {
            return new ValueReader(in(bytes)).readTable();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a field table with the official client's {@link ValueWriter}. */
    public static byte[] writeTable(Map<String, Object> table) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ValueWriter writer = new ValueWriter(new DataOutputStream(bytes));
            writer.writeTable(table);
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * What Warren's decoder gives for a value the official client wrote or read: its long strings and Strings as
     * Warren's {@link LongString}, its {@link Date}s as {@link Instant}s of whole seconds (what goes on the wire).
     */
    public static Object toWarren(Object official) {
        if (official instanceof com.rabbitmq.client.LongString longString) {
            return LongString.of(longString.getBytes());
        }
        if (official instanceof String text) {
            return LongString.of(text);
        }
        if (official instanceof Date date) {
            return Instant.ofEpochSecond(date.getTime() / 1000);
        }
        if (official instanceof Map<?, ?> map) {
            Map<Object, Object> converted = new LinkedHashMap<>();
            map.forEach((k, v) -> converted.put(k, toWarren(v)));
            return converted;
        }
        if (official instanceof Object[] array) {
            return toWarren(Arrays.asList(array));
        }
        if (official instanceof Collection<?> collection) {
            List<Object> converted = new ArrayList<>();
            collection.forEach(v -> converted.add(toWarren(v)));
            return converted;
        }
        return official;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Generators for what the official client can write (it has no writer for B, u and i)

    public static Arbitrary<Object> scalars() {
        return Arbitraries.oneOf(
                Arbitraries.of(true, false),
                Arbitraries.bytes(),
                Arbitraries.shorts(),
                Arbitraries.integers(),
                Arbitraries.longs(),
                Arbitraries.integers().map(Float::intBitsToFloat),
                Arbitraries.longs().map(Double::longBitsToDouble),
                CodecArbitraries.decimals(),
                CodecArbitraries.texts(),
                CodecArbitraries.byteArrays(32).map(LongStringHelper::asLongString),
                CodecArbitraries.byteArrays(32),
                CodecArbitraries.instants(CodecArbitraries.OFFICIAL_TIMESTAMP_RANGE)
                        .map(instant -> new Date(instant.getEpochSecond() * 1000)),
                Arbitraries.just(null));
    }

    public static Arbitrary<Object> values(int depth) {
        if (depth == 0) {
            return scalars();
        }
        return Arbitraries.frequencyOf(
                Tuple.of(6, scalars()),
                Tuple.of(1, tables(depth - 1).map(t -> (Object) t)),
                Tuple.of(1, values(depth - 1).list().ofMaxSize(4).map(l -> (Object) l)),
                Tuple.of(1, values(depth - 1).list().ofMaxSize(3).map(l -> (Object) l.toArray())));
    }

    /** Tables the official client can write, {@code depth} levels of nesting below this one. */
    public static Arbitrary<Map<String, Object>> tables(int depth) {
        return CodecArbitraries.tablesOf(values(depth));
    }
}

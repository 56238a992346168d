package dev.warren.amqp.codec.method;

import com.rabbitmq.client.impl.AMQImpl;
import com.rabbitmq.client.impl.Frame;
import com.rabbitmq.client.impl.LongStringHelper;
import com.rabbitmq.client.impl.MethodArgumentReader;
import dev.warren.amqp.codec.Bytes;
import dev.warren.amqp.codec.CodecArbitraries;
import dev.warren.amqp.codec.OfficialClient;
import dev.warren.amqp.codec.frame.FrameWriter;
import dev.warren.amqp.codec.table.LongString;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.warren.amqp.codec.method.MethodKind.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every method against the official RabbitMQ Java client 5.38.0: the official method class
 * ({@code AMQImpl.<Class>.<Method>}) is built from the same argument values as Warren's record, and both must put
 * the same bytes on the wire; the official parser must read Warren's frame as the same method. A round trip through
 * Warren alone cannot see a mistake that encoder and decoder share (two bits swapped, say); this can.
 */
class MethodInteropTest {

    /** Official constructor parameters that Warren's records leave out: the reserved and deprecated fields. */
    private static final Map<MethodKind, Set<Integer>> RESERVED = new EnumMap<>(MethodKind.class);

    static {
        for (MethodKind kind : List.of(EXCHANGE_DECLARE, EXCHANGE_DELETE, EXCHANGE_BIND, EXCHANGE_UNBIND, QUEUE_DECLARE,
                QUEUE_BIND, QUEUE_PURGE, QUEUE_DELETE, QUEUE_UNBIND, BASIC_CONSUME, BASIC_PUBLISH, BASIC_GET)) {
            RESERVED.put(kind, Set.of(0)); // ticket
        }
        RESERVED.put(CONNECTION_OPEN, Set.of(1, 2)); // capabilities, insist
        RESERVED.put(CONNECTION_OPEN_OK, Set.of(0)); // known-hosts
        RESERVED.put(CHANNEL_OPEN, Set.of(0)); // out-of-band
        RESERVED.put(CHANNEL_OPEN_OK, Set.of(0)); // channel-id
        RESERVED.put(BASIC_GET_EMPTY, Set.of(0)); // cluster-id
    }

    private static final Map<MethodKind, Arbitrary<? extends Method>> GENERATORS =
            MethodArbitraries.build(CodecArbitraries.commonTables(2));

    @Provide
    Arbitrary<Method> methods() {
        List<Arbitrary<Method>> all = new ArrayList<>();
        for (MethodKind kind : MethodKind.values()) {
            @SuppressWarnings("unchecked")
            Arbitrary<Method> arbitrary = (Arbitrary<Method>) GENERATORS.get(kind);
            all.add(arbitrary);
        }
        return Arbitraries.oneOf(all);
    }

    @Property(tries = 1000)
    void warrenAndTheOfficialClientWriteTheSameBytesAndReadEachOther(
            @ForAll("methods") Method generated, @ForAll @IntRange(min = 0, max = 0xFFFF) int channel)
            throws Exception {
        Method method = inHashMapOrder(generated);
        Statistics.collect(method.kind());
        byte[] warren = warrenFrame(channel, method);
        com.rabbitmq.client.impl.Method official = official(method);

        assertThat(officialFrame(channel, official)).as("%s", method).isEqualTo(warren);

        Frame frame = Frame.readFrom(OfficialClient.in(warren), () -> Integer.MAX_VALUE);
        com.rabbitmq.client.impl.Method parsed = AMQImpl.readMethodFrom(frame.getInputStream());
        assertThat(parsed.protocolClassId()).isEqualTo(method.kind().classId());
        assertThat(parsed.protocolMethodId()).isEqualTo(method.kind().methodId());
        // Field by field; tables by content, as the official client reads nested tables into hash maps.
        assertThat(parsed).as("%s as the official client reads it", method)
                .usingRecursiveComparison()
                .withEqualsForType(Float::equals, Float.class)      // NaN equals NaN
                .withEqualsForType(Double::equals, Double.class)
                .isEqualTo(official);

        Statistics.coverage(checker -> {
            for (MethodKind kind : MethodKind.values()) {
                checker.check(kind).count(count -> count > 0);
            }
        });
    }

    @Example
    void everyKindHasAnOfficialCounterpartWithTheSameIdsAndContentFlag() throws Exception {
        for (MethodKind kind : MethodKind.values()) {
            com.rabbitmq.client.impl.Method official = official(MethodArbitraries.of(kind).sample());
            assertThat(official.protocolClassId()).as("%s", kind).isEqualTo(kind.classId());
            assertThat(official.protocolMethodId()).as("%s", kind).isEqualTo(kind.methodId());
            assertThat(official.hasContent()).as("%s", kind).isEqualTo(kind.hasContent());
            assertThat(official.protocolMethodName()).as("%s", kind).isEqualTo(kind.amqpName());
        }
    }

    /**
     * The official method classes copy a table argument into a {@link HashMap}, so they write its entries in hash
     * order; Warren writes them in the order given. Giving Warren that same order makes the bytes comparable.
     */
    private static Method inHashMapOrder(Method method) throws ReflectiveOperationException {
        RecordComponent[] components = method.getClass().getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            Object value = components[i].getAccessor().invoke(method);
            values[i] = value instanceof Map<?, ?> map ? new LinkedHashMap<>(new HashMap<>(map)) : value;
            types[i] = components[i].getType();
        }
        return (Method) method.getClass().getDeclaredConstructor(types).newInstance(values);
    }

    private static byte[] warrenFrame(int channel, Method method) {
        ByteBuf buf = Unpooled.buffer();
        try {
            FrameWriter.writeMethodFrame(buf, channel, method);
            return Bytes.readable(buf);
        } finally {
            buf.release();
        }
    }

    private static byte[] officialFrame(int channel, com.rabbitmq.client.impl.Method method) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        method.toFrame(channel).writeTo(new DataOutputStream(bytes));
        return bytes.toByteArray();
    }

    /** The official client's method with the same argument values, reserved fields at their defaults. */
    static com.rabbitmq.client.impl.Method official(Method method) throws ReflectiveOperationException {
        MethodKind kind = method.kind();
        Class<?> type = officialClass(kind);
        Constructor<?> constructor = Arrays.stream(type.getConstructors())
                .filter(c -> c.getParameterCount() == 0 || c.getParameterTypes()[0] != MethodArgumentReader.class)
                .findFirst().orElseThrow();
        Class<?>[] parameters = constructor.getParameterTypes();
        RecordComponent[] components = method.getClass().getRecordComponents();
        Set<Integer> reserved = RESERVED.getOrDefault(kind, Set.of());
        assertThat(parameters.length).as("arguments of %s", kind).isEqualTo(components.length + reserved.size());

        Object[] arguments = new Object[parameters.length];
        int component = 0;
        for (int i = 0; i < parameters.length; i++) {
            if (reserved.contains(i)) {
                arguments[i] = defaultOf(parameters[i]);
            } else {
                Object value = components[component++].getAccessor().invoke(method);
                arguments[i] = toOfficial(value, parameters[i]);
            }
        }
        return (com.rabbitmq.client.impl.Method) constructor.newInstance(arguments);
    }

    /** {@code AMQImpl$Basic$RecoverAsync} for basic.recover-async, and so on. */
    private static Class<?> officialClass(MethodKind kind) throws ClassNotFoundException {
        String[] name = kind.amqpName().split("\\.");
        StringBuilder method = new StringBuilder();
        for (String part : name[1].split("-")) {
            method.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        String group = Character.toUpperCase(name[0].charAt(0)) + name[0].substring(1);
        return Class.forName(AMQImpl.class.getName() + "$" + group + "$" + method);
    }

    private static Object defaultOf(Class<?> type) {
        if (type == int.class) {
            return 0;
        }
        if (type == boolean.class) {
            return false;
        }
        if (type == String.class) {
            return "";
        }
        if (type == com.rabbitmq.client.LongString.class) {
            return LongStringHelper.asLongString("");
        }
        throw new AssertionError("no default for " + type);
    }

    private static Object toOfficial(Object value, Class<?> type) {
        if (type == int.class && value instanceof Long longValue) {
            return (int) (long) longValue; // an unsigned 32-bit 'long' field, an int in the official client
        }
        return toOfficial(value);
    }

    /** Warren's argument values as the official client holds them. */
    static Object toOfficial(Object value) {
        return value instanceof Map<?, ?> ? toOfficialFieldValue(value) : toOfficial0(value);
    }

    /** Field values as the official client reads them: text as its long string, as the S type says. */
    private static Object toOfficialFieldValue(Object value) {
        if (value instanceof String text) {
            return LongStringHelper.asLongString(text);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> converted = new LinkedHashMap<>();
            map.forEach((k, v) -> converted.put((String) k, toOfficialFieldValue(v)));
            return converted;
        }
        if (value instanceof Collection<?> collection) {
            List<Object> converted = new ArrayList<>();
            collection.forEach(v -> converted.add(toOfficialFieldValue(v)));
            return converted;
        }
        return toOfficial0(value);
    }

    private static Object toOfficial0(Object value) {
        if (value instanceof LongString longString) {
            return LongStringHelper.asLongString(longString.bytes());
        }
        if (value instanceof Instant instant) {
            return new Date(instant.getEpochSecond() * 1000);
        }
        return value;
    }
}

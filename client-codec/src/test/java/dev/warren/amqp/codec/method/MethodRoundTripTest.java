package dev.warren.amqp.codec.method;

import dev.warren.amqp.codec.AmqpCodecException;
import dev.warren.amqp.codec.CodecLimits;
import dev.warren.amqp.codec.Deep;
import dev.warren.amqp.codec.ReplyCode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every one of the 66 method records survives {@code encode} and {@link MethodDecoder#decode} with every argument
 * over its whole range: empty, 255-byte and multi-byte short strings, long strings of any bytes, tables with every
 * field type, all bit combinations, unsigned values up to their maximum.
 */
class MethodRoundTripTest {

    @Provide
    Arbitrary<Method> methods() {
        return MethodArbitraries.methods();
    }

    @Property(tries = 2000)
    void everyMethodDecodesToWhatWasEncoded(@ForAll("methods") Method method) {
        Statistics.label("kind").collect(method.kind());
        ByteBuf payload = Unpooled.buffer();
        try {
            method.encode(payload);
            assertThat(payload.getUnsignedShort(0)).as("class id of %s", method).isEqualTo(method.kind().classId());
            assertThat(payload.getUnsignedShort(2)).as("method id").isEqualTo(method.kind().methodId());

            Method decoded = MethodDecoder.decode(payload, CodecLimits.DEFAULT_MAX_NESTING_DEPTH);

            assertThat(payload.isReadable()).as("the decoder read the whole payload").isFalse();
            assertThat(decoded.kind()).isEqualTo(method.kind());
            assertThat(decoded.getClass()).isEqualTo(method.getClass());
            assertThat(Deep.normalize(decoded)).isEqualTo(Deep.normalize(MethodArbitraries.expectedDecoded(method)));
        } finally {
            payload.release();
        }
        Statistics.label("kind").coverage(checker -> {
            for (MethodKind kind : MethodKind.values()) {
                checker.check(kind).count(count -> count > 0);
            }
        });
    }

    @Property(tries = 300)
    void everyTruncationOfAMethodsArgumentsIsASyntaxError(@ForAll("methods") Method method) {
        ByteBuf payload = Unpooled.buffer();
        try {
            method.encode(payload);
            for (int length = 4; length < payload.readableBytes(); length++) {
                ByteBuf prefix = payload.slice(0, length);
                assertThatThrownBy(() -> MethodDecoder.decode(prefix, CodecLimits.DEFAULT_MAX_NESTING_DEPTH))
                        .as("%s cut to %d of %d bytes", method, length, payload.readableBytes())
                        .isInstanceOfSatisfying(AmqpCodecException.class,
                                e -> assertThat(e.replyCode()).isEqualTo(ReplyCode.SYNTAX_ERROR));
            }
        } finally {
            payload.release();
        }
    }

    @Example
    void thereAreExactly66MethodKindsAndEachHasAGenerator() {
        assertThat(MethodKind.values()).hasSize(66);
        assertThat(MethodArbitraries.byKind().keySet()).containsExactlyInAnyOrder(MethodKind.values());
        for (MethodKind kind : MethodKind.values()) {
            Method sample = MethodArbitraries.of(kind).sample();
            assertThat(sample.kind()).as("generator for %s", kind).isEqualTo(kind);
            assertThat(MethodKind.of(kind.classId(), kind.methodId())).isSameAs(kind);
        }
    }

    @Example
    void everyMethodRecordHasExactlyOneKindAndAGenerator() {
        List<Class<?>> records = new ArrayList<>();
        for (Class<?> group : Method.class.getPermittedSubclasses()) {
            records.addAll(List.of(group.getPermittedSubclasses()));
        }
        assertThat(records).hasSize(66).allSatisfy(type -> assertThat(type.isRecord()).isTrue());

        Map<Class<?>, MethodKind> kindByRecord = new HashMap<>();
        for (MethodKind kind : MethodKind.values()) {
            Class<?> type = MethodArbitraries.of(kind).sample().getClass();
            assertThat(kindByRecord.put(type, kind)).as("%s and another kind share %s", kind, type).isNull();
        }
        assertThat(kindByRecord.keySet()).containsExactlyInAnyOrderElementsOf(records);
        Set<Integer> ids = new HashSet<>();
        for (MethodKind kind : MethodKind.values()) {
            assertThat(ids.add(kind.classId() << 16 | kind.methodId())).as("ids of %s are unique", kind).isTrue();
        }
    }
}

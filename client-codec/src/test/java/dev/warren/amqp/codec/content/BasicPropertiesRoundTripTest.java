package dev.warren.amqp.codec.content;

import dev.warren.amqp.codec.CodecArbitraries;
import dev.warren.amqp.codec.Deep;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Basic properties with each of the 14 fields present or absent, in random combinations. */
class BasicPropertiesRoundTripTest {

    private static final String[] NAMES = {"content-type", "content-encoding", "headers", "delivery-mode",
            "priority", "correlation-id", "reply-to", "expiration", "message-id", "timestamp", "type", "user-id",
            "app-id", "cluster-id"};

    @Provide
    Arbitrary<BasicProperties> properties() {
        return CodecArbitraries.basicProperties();
    }

    @Property(tries = 1500)
    void propertiesDecodeToWhatWasWritten(@ForAll("properties") BasicProperties properties) {
        List<Object> values = CodecArbitraries.values(properties);
        int expectedFlags = 0;
        for (int i = 0; i < 14; i++) {
            boolean present = values.get(i) != null;
            Statistics.label(NAMES[i]).collect(present);
            if (present) {
                expectedFlags |= 1 << (15 - i);
            }
        }
        ByteBuf buf = Unpooled.buffer();
        try {
            BasicPropertiesCodec.encode(buf, properties);
            assertThat(buf.getUnsignedShort(0)).as("property flags").isEqualTo(expectedFlags);

            BasicProperties decoded = BasicPropertiesCodec.decode(buf, 64);

            assertThat(buf.isReadable()).isFalse();
            assertThat(Deep.normalize(decoded))
                    .isEqualTo(Deep.normalize(CodecArbitraries.expectedDecoded(properties)));
        } finally {
            buf.release();
        }
        for (String name : NAMES) {
            Statistics.label(name).coverage(checker -> {
                checker.check(true).count(c -> c > 0);
                checker.check(false).count(c -> c > 0);
            });
        }
    }

    @Property(tries = 500)
    void contentHeadersKeepAnyBodySizeAndTheirProperties(@ForAll long bodySize,
                                                         @ForAll("properties") BasicProperties properties) {
        ContentHeader header = ContentHeader.basic(bodySize, properties);
        ByteBuf buf = Unpooled.buffer();
        try {
            header.encode(buf);
            assertThat(buf.getUnsignedShort(0)).as("class").isEqualTo(60);
            assertThat(buf.getUnsignedShort(2)).as("weight").isZero();
            assertThat(buf.getLong(4)).as("body size").isEqualTo(bodySize);

            ContentHeader decoded = ContentHeader.decode(buf, 64);

            assertThat(buf.isReadable()).isFalse();
            assertThat(Deep.normalize(decoded)).isEqualTo(Deep.normalize(
                    ContentHeader.basic(bodySize, CodecArbitraries.expectedDecoded(properties))));
        } finally {
            buf.release();
        }
    }
}

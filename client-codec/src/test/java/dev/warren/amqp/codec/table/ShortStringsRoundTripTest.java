package dev.warren.amqp.codec.table;

import dev.warren.amqp.codec.Bytes;
import dev.warren.amqp.codec.CodecArbitraries;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Short strings: empty, up to exactly 255 bytes, non-ASCII with 2-, 3- and 4-byte code points. */
class ShortStringsRoundTripTest {

    @Provide
    Arbitrary<String> shortStrings() {
        return CodecArbitraries.shortStrings();
    }

    @Property(tries = 2000)
    void shortStringsDecodeToWhatWasWritten(@ForAll("shortStrings") String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        Statistics.label("length").collect(utf8.length == 0 ? "empty" : utf8.length == 255 ? "255 bytes" : "other");
        Statistics.label("widest code point").collect(value.codePoints()
                .map(cp -> cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4).max().orElse(0));

        ByteBuf buf = Unpooled.buffer();
        try {
            ShortStrings.write(buf, value);
            assertThat(Bytes.readable(buf)).containsExactly(Bytes.of(utf8.length, utf8));
            assertThat(ShortStrings.encodedSize(value)).isEqualTo(1 + utf8.length);

            assertThat(ShortStrings.read(buf)).isEqualTo(value);
            assertThat(buf.isReadable()).isFalse();

            EncodedShortString encoded = EncodedShortString.of(value);
            assertThat(encoded.value()).isEqualTo(value);
            assertThat(encoded.encodedSize()).isEqualTo(1 + utf8.length);
            buf.clear();
            encoded.writeTo(buf);
            assertThat(Bytes.readable(buf)).containsExactly(Bytes.of(utf8.length, utf8));
        } finally {
            buf.release();
        }
        Statistics.label("length").coverage(checker -> {
            checker.check("empty").count(c -> c > 0);
            checker.check("255 bytes").count(c -> c > 0);
        });
        Statistics.label("widest code point").coverage(checker -> {
            for (int width = 1; width <= 4; width++) {
                checker.check(width).count(c -> c > 0);
            }
        });
    }

    /**
     * Any Java string, unpaired surrogates included: every encoder writes what the JDK's UTF-8 encoder writes (a
     * '?' for each unpaired surrogate), so the bytes are valid UTF-8 that Warren's own decoder accepts, and the
     * size announced beforehand is the size written.
     */
    @Property(tries = 2000)
    void anyJavaStringIsWrittenAsTheJdkEncodesIt(@ForAll("anyJavaStrings") String value) {
        byte[] jdk = value.getBytes(StandardCharsets.UTF_8);
        String text = escape(value);
        ByteBuf buf = Unpooled.buffer();
        try {
            if (jdk.length > ShortStrings.MAX_LENGTH) {
                return;
            }
            assertThat(ShortStrings.encodedSize(value)).as("announced size of %s", text).isEqualTo(1 + jdk.length);
            ShortStrings.write(buf, value);
            assertThat(Bytes.readable(buf)).as("short string %s", text).containsExactly(Bytes.of(jdk.length, jdk));
            assertThat(ShortStrings.read(buf)).isEqualTo(new String(jdk, StandardCharsets.UTF_8));

            buf.clear();
            EncodedShortString.of(value).writeTo(buf);
            assertThat(Bytes.readable(buf)).as("pre-encoded %s", text).containsExactly(Bytes.of(jdk.length, jdk));

            buf.clear();
            FieldTables.writeFieldValue(buf, value);
            assertThat(Bytes.readable(buf)).as("long string %s", text)
                    .containsExactly(Bytes.of('S', Bytes.int32(jdk.length), jdk));
        } finally {
            buf.release();
        }
    }

    @Provide
    Arbitrary<String> anyJavaStrings() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withCharRange('\u0000', '\uffff').ofMaxLength(90),
                // Dense in surrogates, so unpaired ones meet every kind of neighbour.
                Arbitraries.strings().withChars("a\u00e9\u4e00\ud83d\ude00\ud800\udfff").ofMaxLength(20));
    }

    static String escape(String value) {
        StringBuilder out = new StringBuilder("\"");
        value.chars().forEach(c -> out.append(c >= 0x20 && c < 0x7F ? String.valueOf((char) c)
                : String.format("\\u%04x", c)));
        return out.append('"').toString();
    }

}

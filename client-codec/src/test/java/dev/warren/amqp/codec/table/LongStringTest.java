package dev.warren.amqp.codec.table;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LongStringTest {

    @Test
    void textIsHeldAsItsUtf8Bytes() {
        LongString text = LongString.of("Grüße");
        assertThat(text.length()).isEqualTo(7);
        assertThat(text.bytes()).containsExactly("Grüße".getBytes(StandardCharsets.UTF_8));
        assertThat(text).hasToString("Grüße");
    }

    @Test
    void theBytesGivenAreCopiedAndTheBytesHandedOutAreCopies() {
        byte[] bytes = {1, 2, 3};
        LongString value = LongString.of(bytes);
        bytes[0] = 9;
        assertThat(value.bytes()).containsExactly(1, 2, 3);
        value.bytes()[1] = 9;
        assertThat(value.bytes()).containsExactly(1, 2, 3);
    }

    @Test
    void equalityAndHashAreByBytes() {
        assertThat(LongString.of("abc")).isEqualTo(LongString.of(new byte[] {'a', 'b', 'c'}))
                .hasSameHashCodeAs(LongString.of("abc"));
        assertThat(LongString.of("abc")).isNotEqualTo(LongString.of("abd")).isNotEqualTo("abc");
    }

    @Test
    void emptyValuesAreTheSharedEmptyInstance() {
        assertThat(LongString.of("")).isSameAs(LongString.EMPTY);
        assertThat(LongString.of(new byte[0])).isSameAs(LongString.EMPTY);
        assertThat(LongString.EMPTY.length()).isZero();
    }

    @Test
    void bytesThatAreNotUtf8PrintWithReplacementCharacters() {
        assertThat(LongString.of(new byte[] {'a', (byte) 0xFF, 'b'})).hasToString("a\uFFFDb");
    }

    @Test
    void orderingComparesBytesAsUnsigned() {
        assertThat(LongString.of(new byte[] {(byte) 0x80})).isGreaterThan(LongString.of(new byte[] {0x7F}));
        assertThat(LongString.of("a")).isLessThan(LongString.of("ab"));
        assertThat(LongString.of("ab").compareTo(LongString.of("ab"))).isZero();
    }

    @Test
    void nullIsRefused() {
        assertThatThrownBy(() -> LongString.of((String) null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> LongString.of((byte[]) null)).isInstanceOf(NullPointerException.class);
    }
}

package dev.warren.amqp.codec.frame;

import dev.warren.amqp.codec.AmqpCodecException;
import dev.warren.amqp.codec.Bytes;
import dev.warren.amqp.codec.CodecLimits;
import dev.warren.amqp.codec.RecordingAllocator;
import dev.warren.amqp.codec.ReplyCode;
import dev.warren.amqp.codec.TestChannels;
import dev.warren.amqp.codec.content.BasicProperties;
import dev.warren.amqp.codec.method.BasicMethod;
import dev.warren.amqp.codec.method.ConnectionMethod;
import dev.warren.amqp.codec.method.Method;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.warren.amqp.codec.Bytes.int16;
import static dev.warren.amqp.codec.Bytes.int32;
import static dev.warren.amqp.codec.Bytes.int64;
import static dev.warren.amqp.codec.Bytes.of;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a hostile or broken broker can send, through {@link FrameDecoder} and {@link CommandAssembler}: each case
 * fails with the AMQP reply code the connection must close with, allocates nothing the input does not pay for, and
 * leaks nothing.
 */
class HostileBrokerTest {

    private static final Method DELIVER = new BasicMethod.Deliver("ctag", 1, false, "ex", "rk");

    // ---------------------------------------------------------------------------------------------------------
    // Frame size

    @Test
    void aFrameLargerThanFrameMaxIsRejectedFromItsHeaderBeforeThePayloadArrives() {
        EmbeddedChannel channel = TestChannels.decoding();
        byte[] header = of(
                0x03,                           // frame type 3: body
                0x00, 0x01,                     // channel 1
                int32(8192 - 8 + 1));           // payload 8185: with header and frame-end, 8193 > 8192
        AmqpCodecException error = failure(channel, header); // only the 7 header bytes were sent
        assertThat(error.replyCode()).isEqualTo(ReplyCode.FRAME_ERROR);
        assertThat(error).hasMessageContaining("8193").hasMessageContaining("8192");
    }

    @Test
    void aFrameOfExactlyFrameMaxIsAwaitedNotRejected() {
        EmbeddedChannel channel = TestChannels.decoding();
        List<Object> out = TestChannels.feed(channel, of(0x03, int16(1), int32(8192 - 8)));
        assertThat(out).isEmpty();
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void theFrameMaxSetAfterTuningIsTheNewBound() {
        FrameDecoder decoder = new FrameDecoder(CodecLimits.DEFAULTS);
        decoder.setMaxFrameSize(131072);
        EmbeddedChannel accepting = new EmbeddedChannel(decoder);
        assertThat(TestChannels.feed(accepting, of(0x03, int16(1), int32(131072 - 8)))).isEmpty();
        accepting.finishAndReleaseAll();

        FrameDecoder strict = new FrameDecoder(CodecLimits.DEFAULTS);
        strict.setMaxFrameSize(131072);
        AmqpCodecException error = failure(new EmbeddedChannel(strict), of(0x03, int16(1), int32(131072 - 7)));
        assertThat(error.replyCode()).isEqualTo(ReplyCode.FRAME_ERROR);
    }

    @Test
    void aFrameSizeOf4GiBIsRejectedFromItsHeaderWithoutAllocating() {
        RecordingAllocator allocator = new RecordingAllocator(PooledByteBufAllocator.DEFAULT);
        EmbeddedChannel channel = TestChannels.decoding();
        channel.config().setAllocator(allocator);
        AmqpCodecException error = failure(channel, of(0x01), of(0x00, 0x00), of(0xFF, 0xFF), of(0xFF, 0xFF));
        assertThat(error.replyCode()).isEqualTo(ReplyCode.FRAME_ERROR);
        assertThat(allocator.largestRequest()).isLessThanOrEqualTo(CodecLimits.MIN_FRAME_SIZE);
    }

    @Test
    void frameMaxZeroInConnectionTuneDecodesAndTuningUsesTheClientsCap() {
        byte[] tune = of(
                0x01, 0x00, 0x00, int32(12),    // method frame, channel 0, payload 12
                0x00, 0x0A, 0x00, 0x1E,         // connection.tune
                0x00, 0x00,                     // channel-max 0: no limit
                0x00, 0x00, 0x00, 0x00,         // frame-max 0: no limit
                0x00, 0x00,                     // heartbeat 0: none
                0xCE);
        List<Object> out = decode(tune);
        assertThat(out).hasSize(1);
        ConnectionMethod.Tune decoded = (ConnectionMethod.Tune) ((Command) out.get(0)).method();
        assertThat(decoded.frameMax()).isZero();
        int cap = CodecLimits.DEFAULT_MAX_FRAME_SIZE;
        assertThat(Tuning.frameMax(cap, decoded.frameMax(), cap)).isEqualTo(cap);
        assertThat(Tuning.frameMax(0, decoded.frameMax(), cap)).isEqualTo(cap);
        assertThat(Tuning.frameMax(65536, decoded.frameMax(), CodecLimits.DEFAULT_MAX_FRAME_SIZE)).isEqualTo(65536);
        assertThat(Tuning.negotiate(2047, decoded.channelMax())).isEqualTo(2047);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Lengths inside a frame

    @Test
    void aTableLengthOf2GiBIsASyntaxErrorWithoutAllocatingIt() {
        byte[] payload = of(
                0x00, 0x0A, 0x00, 0x0A,         // connection.start
                0x00, 0x09,                     // version 0-9
                0x80, 0x00, 0x00, 0x00,         // server-properties: a table of 2 GiB ...
                0x01, "a", 't', 0x01);          // ... of which 4 bytes follow
        assertSyntaxErrorWithoutLargeAllocation(Bytes.frame(1, 0, payload));
    }

    @Test
    void aLongStringLengthOf4GiBIsASyntaxError() {
        byte[] payload = of(
                0x00, 0x0A, 0x00, 0x0A,         // connection.start
                0x00, 0x09,                     // version 0-9
                int32(0),                       // server-properties: empty
                0xFF, 0xFF, 0xFF, 0xFF,         // mechanisms: a long string of 4 GiB - 1 ...
                "PLAIN");                       // ... of which 5 bytes follow
        assertSyntaxErrorWithoutLargeAllocation(Bytes.frame(1, 0, payload));
    }

    @Test
    void anArrayOrByteArrayLengthOf2GiBInsideATableIsASyntaxError() {
        for (char type : new char[] {'A', 'x', 'S', 'F'}) {
            byte[] table = of(0x01, "k", type, 0x7F, 0xFF, 0xFF, 0xFF, 0x00);
            byte[] payload = of(0x00, 0x0A, 0x00, 0x0A, 0x00, 0x09, int32(table.length), table, int32(0), int32(0));
            assertSyntaxErrorWithoutLargeAllocation(Bytes.frame(1, 0, payload));
        }
    }

    @Test
    void aShortStringLongerThanTheBytesLeftIsASyntaxError() {
        byte[] payload = of(
                0x00, 0x3C, 0x00, 0x15,         // basic.consume-ok
                0xFF, "ctag");                  // consumer-tag: 255 bytes announced, 4 present
        assertThat(failure(Bytes.frame(1, 1, payload)).replyCode()).isEqualTo(ReplyCode.SYNTAX_ERROR);
    }

    @Test
    void argumentsRunningPastTheMethodPayloadAreASyntaxError() {
        byte[] payload = of(
                0x00, 0x3C, 0x00, 0x50,         // basic.ack
                0x00, 0x00, 0x00, 0x01);        // delivery-tag: 4 of its 8 bytes, no bits
        assertThat(failure(Bytes.frame(1, 1, payload)).replyCode()).isEqualTo(ReplyCode.SYNTAX_ERROR);
    }

    @Test
    void aMethodPayloadTooShortForItsIdsIsASyntaxError() {
        assertThat(failure(Bytes.frame(1, 1, of(0x00, 0x3C, 0x00))).replyCode()).isEqualTo(ReplyCode.SYNTAX_ERROR);
    }

    @Test
    void anUnknownFieldTypeIsASyntaxError() {
        byte[] table = of(0x01, "k", 'Z', 0x00);
        byte[] payload = of(0x00, 0x0A, 0x00, 0x0A, 0x00, 0x09, int32(table.length), table, int32(0), int32(0));
        assertThat(failure(Bytes.frame(1, 0, payload)).replyCode()).isEqualTo(ReplyCode.SYNTAX_ERROR);
    }

    @Test
    void aFixedSizeFieldValueCutShortIsASyntaxError() {
        for (char type : "tbBsuIilfdDT".toCharArray()) {
            byte[] table = of(0x01, "k", type);   // the type octet is the table's last byte
            byte[] payload = of(0x00, 0x0A, 0x00, 0x0A, 0x00, 0x09, int32(table.length), table, int32(0), int32(0));
            assertThat(failure(Bytes.frame(1, 0, payload)).replyCode()).as("type %s", type)
                    .isEqualTo(ReplyCode.SYNTAX_ERROR);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Nesting

    @Test
    void tablesNested10000DeepFailAtTheLimitWithoutStackOverflow() {
        AmqpCodecException error = failure(CodecLimits.DEFAULTS, nestedStart('F', 10_000));
        assertThat(error.replyCode()).isEqualTo(ReplyCode.SYNTAX_ERROR);
        assertThat(error).hasMessageContaining("64");
    }

    @Test
    void arraysNested10000DeepFailAtTheLimitWithoutStackOverflow() {
        AmqpCodecException error = failure(CodecLimits.DEFAULTS, nestedStart('A', 10_000));
        assertThat(error.replyCode()).isEqualTo(ReplyCode.SYNTAX_ERROR);
    }

    @Test
    void nesting10000DeepFailsEvenAtTheHighestConfigurableLimit() {
        AmqpCodecException error = failure(CodecLimits.DEFAULTS.withMaxNestingDepth(1024), nestedStart('F', 10_000));
        assertThat(error.replyCode()).isEqualTo(ReplyCode.SYNTAX_ERROR);
        assertThat(error).hasMessageContaining("1024");
    }

    @Test
    void nestingExactlyAtTheLimitDecodesAndOneLevelMoreFails() {
        // The server-properties table is level 1; 63 more nested tables (or arrays) make the 64 of the default.
        for (char type : new char[] {'F', 'A'}) {
            List<Object> out = decodeAt(CodecLimits.DEFAULTS, nestedStart(type, 63));
            assertThat(out).singleElement().isInstanceOf(Command.class);
            assertThat(failure(CodecLimits.DEFAULTS, nestedStart(type, 64)).replyCode())
                    .isEqualTo(ReplyCode.SYNTAX_ERROR);
        }
    }

    /**
     * A connection.start whose server-properties table holds {@code levels} nested tables ('F') or arrays ('A'),
     * the innermost empty.
     */
    private static byte[] nestedStart(char type, int levels) {
        byte[] inner = int32(0); // the innermost container: empty
        for (int i = 1; i < levels; i++) {
            byte[] content = type == 'F' ? of(0x00, 'F', inner) : of('A', inner); // unnamed entry, or an element
            inner = of(int32(content.length), content);
        }
        byte[] entry = of(0x00, type, inner); // server-properties = { "": <levels nested containers> }
        byte[] payload = of(0x00, 0x0A, 0x00, 0x0A, 0x00, 0x09, int32(entry.length), entry, int32(0), int32(0));
        return Bytes.frame(1, 0, payload);
    }

    private static AmqpCodecException failure(CodecLimits limits, byte[] frame) {
        FrameDecoder decoder = new FrameDecoder(limits.withMaxFrameSize(1 << 20));
        decoder.setMaxFrameSize(1 << 20);
        return failure(new EmbeddedChannel(decoder, new CommandAssembler(limits)), frame);
    }

    private static List<Object> decodeAt(CodecLimits limits, byte[] bytes) {
        FrameDecoder decoder = new FrameDecoder(limits.withMaxFrameSize(1 << 20));
        decoder.setMaxFrameSize(1 << 20);
        EmbeddedChannel channel = new EmbeddedChannel(decoder, new CommandAssembler(limits));
        List<Object> out = TestChannels.feed(channel, bytes);
        assertThat(channel.finishAndReleaseAll()).isFalse();
        return out;
    }

    // ---------------------------------------------------------------------------------------------------------
    // UTF-8

    @Test
    void overlongUtf8EncodingsInAShortStringAreASyntaxError() {
        assertInvalidShortStrings(
                of(0xC0, 0xAF),                 // '/' in two bytes
                of(0xC0, 0x80),                 // NUL in two bytes ("modified UTF-8")
                of(0xC1, 0xBF),                 // DEL in two bytes
                of(0xE0, 0x80, 0xAF),           // '/' in three bytes
                of(0xE0, 0x9F, 0xBF),           // U+07FF in three bytes
                of(0xF0, 0x80, 0x80, 0xAF),     // '/' in four bytes
                of(0xF0, 0x8F, 0xBF, 0xBF));    // U+FFFF in four bytes
    }

    @Test
    void surrogatesEncodedInUtf8InAShortStringAreASyntaxError() {
        assertInvalidShortStrings(
                of(0xED, 0xA0, 0x80),           // U+D800, a lone high surrogate
                of(0xED, 0xBF, 0xBF),           // U+DFFF, a lone low surrogate
                of(0xED, 0xA0, 0xBD, 0xED, 0xB8, 0x80)); // a surrogate pair as two 3-byte sequences (CESU-8)
    }

    @Test
    void truncatedUtf8SequencesInAShortStringAreASyntaxError() {
        assertInvalidShortStrings(
                of(0xC3),                       // 2-byte sequence, 1 byte
                of(0xE2, 0x82),                 // 3-byte sequence, 2 bytes
                of(0xF0, 0x9F, 0x98),           // 4-byte sequence, 3 bytes
                of('a', 0xE2, 'b'),             // lead byte followed by ASCII
                of(0x80),                       // a continuation byte alone
                of(0xF4, 0x90, 0x80, 0x80),     // above U+10FFFF
                of(0xF8, 0x88, 0x80, 0x80, 0x80), // a 5-byte form
                of(0xFF));                      // never valid
    }

    @Test
    void validMultiByteUtf8InAShortStringDecodes() {
        byte[] text = of(0xC3, 0xA9, 0xE2, 0x82, 0xAC, 0xF0, 0x9F, 0x98, 0x80); // "é€😀"
        List<Object> out = decode(closeWithReplyText(text));
        assertThat(((ConnectionMethod.Close) ((Command) out.get(0)).method()).replyText()).isEqualTo("é€😀");
    }

    private static void assertInvalidShortStrings(byte[]... texts) {
        for (byte[] text : texts) {
            assertThat(failure(closeWithReplyText(text)).replyCode()).as("reply-text %s", Bytes.hex(text))
                    .isEqualTo(ReplyCode.SYNTAX_ERROR);
        }
    }

    /** connection.close with {@code text} as its reply-text. */
    private static byte[] closeWithReplyText(byte[] text) {
        return Bytes.frame(1, 0, of(
                0x00, 0x0A, 0x00, 0x32,         // connection.close
                int16(320),                     // reply-code 320
                text.length, text,              // reply-text
                int16(0), int16(0)));           // class-id, method-id
    }

    // ---------------------------------------------------------------------------------------------------------
    // Frame-level errors: 501

    @Test
    void aWrongFrameEndByteIsAFrameError() {
        byte[] heartbeat = of(0x08, 0x00, 0x00, int32(0), 0xCF);
        assertThat(failure(heartbeat).replyCode()).isEqualTo(ReplyCode.FRAME_ERROR);
    }

    @Test
    void anUnknownFrameTypeIsAFrameError() {
        for (int type : new int[] {0, 4, 9, 'A', 0xFF}) {
            byte[] frame = Bytes.frame(type, 0, of());
            // After a first frame, so that 'A' is a frame type and not the start of a protocol header.
            AmqpCodecException error = failure(Bytes.of(heartbeat(), frame));
            assertThat(error.replyCode()).as("type %d", type).isEqualTo(ReplyCode.FRAME_ERROR);
        }
    }

    @Test
    void bytesStartingWithAThatAreNotAProtocolHeaderAreAFrameError() {
        assertThat(failure(of("AMQX", 0, 0, 9, 1)).replyCode()).isEqualTo(ReplyCode.FRAME_ERROR);
    }

    @Test
    void aHeartbeatOnAChannelOtherThanZeroIsAFrameError() {
        assertThat(failure(Bytes.frame(8, 1, of())).replyCode()).isEqualTo(ReplyCode.FRAME_ERROR);
    }

    @Test
    void aHeartbeatWithAPayloadIsAFrameError() {
        assertThat(failure(Bytes.frame(8, 0, of(0x00))).replyCode()).isEqualTo(ReplyCode.FRAME_ERROR);
    }

    @Test
    void bodyFramesAddingUpToMoreThanTheHeadersBodySizeAreAFrameError() {
        AmqpCodecException oneFrame = failure(method(1, DELIVER), header(1, 4), body(1, of("12345")));
        assertThat(oneFrame.replyCode()).isEqualTo(ReplyCode.FRAME_ERROR);

        AmqpCodecException twoFrames = failure(method(1, DELIVER), header(1, 4), body(1, of("123")),
                body(1, of("45")));
        assertThat(twoFrames.replyCode()).isEqualTo(ReplyCode.FRAME_ERROR);
    }

    @Test
    void bodyFramesOfADiscardedBodyAddingUpToMoreThanItsSizeAreAFrameError() {
        CodecLimits limits = CodecLimits.DEFAULTS.withMaxBodySize(2);
        EmbeddedChannel channel = TestChannels.decoding(limits);
        List<Object> out = TestChannels.feed(channel, method(1, DELIVER), header(1, 4));
        assertThat(out).singleElement().isInstanceOf(ContentTooLarge.class);
        assertThat(failure(channel, body(1, of("12345"))).replyCode()).isEqualTo(ReplyCode.FRAME_ERROR);
    }

    @Test
    void aContentHeaderOfAClassOtherThanBasicIsAFrameError() {
        byte[] payload = of(int16(50), int16(0), int64(0), int16(0)); // class 50 (queue)
        assertThat(failure(method(1, DELIVER), Bytes.frame(2, 1, payload)).replyCode())
                .isEqualTo(ReplyCode.FRAME_ERROR);
    }

    @Test
    void aContentHeaderWithAWeightIsAFrameError() {
        byte[] payload = of(int16(60), int16(1), int64(0), int16(0)); // weight 1
        assertThat(failure(method(1, DELIVER), Bytes.frame(2, 1, payload)).replyCode())
                .isEqualTo(ReplyCode.FRAME_ERROR);
    }

    @Test
    void aContentHeaderShorterThan12BytesIsAFrameError() {
        byte[] payload = of(int16(60), int16(0), int32(0), int16(0), 0x00); // 11 bytes
        assertThat(failure(method(1, DELIVER), Bytes.frame(2, 1, payload)).replyCode())
                .isEqualTo(ReplyCode.FRAME_ERROR);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Field-level errors in content headers: 502

    @Test
    void anUndefinedPropertyFlagIsASyntaxError() {
        byte[] payload = of(int16(60), int16(0), int64(0), 0x00, 0x02); // flag bit 1: a 15th property
        assertThat(failure(method(1, DELIVER), Bytes.frame(2, 1, payload)).replyCode())
                .isEqualTo(ReplyCode.SYNTAX_ERROR);
    }

    @Test
    void aContinuationFlagWordAnnouncingMorePropertiesIsASyntaxError() {
        byte[] payload = of(int16(60), int16(0), int64(0), 0x00, 0x01, 0x80, 0x00); // continuation, then flag 15
        assertThat(failure(method(1, DELIVER), Bytes.frame(2, 1, payload)).replyCode())
                .isEqualTo(ReplyCode.SYNTAX_ERROR);
    }

    @Test
    void anEmptyContinuationFlagWordIsAccepted() {
        byte[] payload = of(int16(60), int16(0), int64(0), 0x10, 0x01, 0x00, 0x00, 0x02); // delivery-mode, cont.
        List<Object> out = decode(method(1, DELIVER), Bytes.frame(2, 1, payload));
        assertThat(((Command) out.get(0)).header().properties()).isEqualTo(
                BasicProperties.builder().deliveryMode(2).build());
    }

    @Test
    void propertiesRunningPastTheHeaderAreASyntaxError() {
        byte[] payload = of(int16(60), int16(0), int64(0), 0x80, 0x00, 0x05, "ab"); // content-type of 5, 2 present
        assertThat(failure(method(1, DELIVER), Bytes.frame(2, 1, payload)).replyCode())
                .isEqualTo(ReplyCode.SYNTAX_ERROR);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Unknown methods: 503

    @Test
    void aMethodFrameWithAnUnknownClassIdIsCommandInvalid() {
        AmqpCodecException error = failure(Bytes.frame(1, 1, of(int16(61), int16(10))));
        assertThat(error.replyCode()).isEqualTo(ReplyCode.COMMAND_INVALID);
        assertThat(error).hasMessageContaining("61");
    }

    @Test
    void aMethodFrameWithAnUnknownMethodIdIsCommandInvalid() {
        AmqpCodecException error = failure(Bytes.frame(1, 1, of(int16(60), int16(61))));
        assertThat(error.replyCode()).isEqualTo(ReplyCode.COMMAND_INVALID);
        // exchange.unbind-ok is 51, not 41: RabbitMQ's numbering, which 41 must not match.
        assertThat(failure(Bytes.frame(1, 1, of(int16(40), int16(41)))).replyCode())
                .isEqualTo(ReplyCode.COMMAND_INVALID);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Frames out of place: 505

    @Test
    void aContentHeaderOnChannel0IsAnUnexpectedFrame() {
        assertThat(failure(header(0, 0)).replyCode()).isEqualTo(ReplyCode.UNEXPECTED_FRAME);
    }

    @Test
    void aContentBodyOnChannel0IsAnUnexpectedFrame() {
        assertThat(failure(body(0, of("x"))).replyCode()).isEqualTo(ReplyCode.UNEXPECTED_FRAME);
    }

    @Test
    void aContentMethodOnChannel0IsAnUnexpectedFrame() {
        assertThat(failure(method(0, DELIVER)).replyCode()).isEqualTo(ReplyCode.UNEXPECTED_FRAME);
    }

    @Test
    void aContentHeaderWithoutAContentMethodBeforeItIsAnUnexpectedFrame() {
        assertThat(failure(header(1, 0)).replyCode()).isEqualTo(ReplyCode.UNEXPECTED_FRAME);
        assertThat(failure(method(1, new BasicMethod.Ack(1, false)), header(1, 0)).replyCode())
                .isEqualTo(ReplyCode.UNEXPECTED_FRAME);
    }

    @Test
    void aSecondContentHeaderIsAnUnexpectedFrame() {
        assertThat(failure(method(1, DELIVER), header(1, 5), header(1, 5)).replyCode())
                .isEqualTo(ReplyCode.UNEXPECTED_FRAME);
    }

    @Test
    void aContentBodyWithoutAHeaderBeforeItIsAnUnexpectedFrame() {
        assertThat(failure(body(1, of("x"))).replyCode()).isEqualTo(ReplyCode.UNEXPECTED_FRAME);
        assertThat(failure(method(1, DELIVER), body(1, of("x"))).replyCode()).isEqualTo(ReplyCode.UNEXPECTED_FRAME);
    }

    @Test
    void aMethodFrameInTheMiddleOfAContentIsAnUnexpectedFrame() {
        AmqpCodecException afterMethod = failure(method(1, DELIVER), method(1, new BasicMethod.Ack(1, false)));
        assertThat(afterMethod.replyCode()).isEqualTo(ReplyCode.UNEXPECTED_FRAME);

        AmqpCodecException afterBody = failure(method(1, DELIVER), header(1, 10), body(1, of("12345")),
                method(1, DELIVER));
        assertThat(afterBody.replyCode()).isEqualTo(ReplyCode.UNEXPECTED_FRAME);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Bodies above the limit

    @Test
    void aBodyAboveMaxBodySizeGivesContentTooLargeAndTheNextDeliveryOnThatChannelDecodes() {
        CodecLimits limits = CodecLimits.DEFAULTS.withMaxBodySize(16);
        EmbeddedChannel channel = TestChannels.decoding(limits);
        List<Object> out = TestChannels.feed(channel,
                method(1, DELIVER), header(1, 20), body(1, of("0123456789")), body(1, of("abcdefghij")),
                method(1, DELIVER), header(1, 5), body(1, of("hello")));
        try {
            assertThat(out).hasSize(2);
            assertThat(out.get(0)).isEqualTo(new ContentTooLarge(1, DELIVER, 20, 16));
            assertThat(((ContentTooLarge) out.get(0)).describe()).contains("basic.deliver", "20", "16");
            Command next = (Command) out.get(1);
            assertThat(next.method()).isEqualTo(DELIVER);
            assertThat(Bytes.readable(next.body())).containsExactly(of("hello"));
        } finally {
            TestChannels.releaseAll(out);
        }
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void aBodySizeOf2To63OrMoreIsTooLargeNotNegative() {
        EmbeddedChannel channel = TestChannels.decoding();
        byte[] header = Bytes.frame(2, 1, of(int16(60), int16(0), 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
                int16(0)));
        List<Object> out = TestChannels.feed(channel, method(1, DELIVER), header, body(1, of("x")));
        assertThat(out).singleElement().isInstanceOfSatisfying(ContentTooLarge.class, tooLarge -> {
            assertThat(tooLarge.bodySize()).isEqualTo(-1L);
            assertThat(tooLarge.describe()).contains("18446744073709551615");
        });
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    // ---------------------------------------------------------------------------------------------------------
    // After an error

    @Test
    void afterAFrameErrorTheDecoderDiscardsEverythingThatFollows() {
        EmbeddedChannel channel = TestChannels.decoding();
        assertThat(rejects(channel, of(0x08, 0x00, 0x00, int32(0), 0x00)).replyCode())
                .isEqualTo(ReplyCode.FRAME_ERROR);
        assertThat(TestChannels.feed(channel, heartbeat(), method(1, new BasicMethod.Ack(1, false)))).isEmpty();
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    // ---------------------------------------------------------------------------------------------------------

    static byte[] heartbeat() {
        return of(0x08, 0x00, 0x00, int32(0), 0xCE);
    }

    static byte[] method(int channel, Method method) {
        ByteBuf buf = Unpooled.buffer();
        FrameWriter.writeMethodFrame(buf, channel, method);
        return Bytes.drain(buf);
    }

    static byte[] header(int channel, long bodySize) {
        ByteBuf buf = Unpooled.buffer();
        FrameWriter.writeBasicHeaderFrame(buf, channel, bodySize, BasicProperties.EMPTY);
        return Bytes.drain(buf);
    }

    static byte[] body(int channel, byte[] payload) {
        return Bytes.frame(3, channel, payload);
    }

    private static List<Object> decode(byte[]... frames) {
        EmbeddedChannel channel = TestChannels.decoding();
        List<Object> out = TestChannels.feed(channel, frames);
        assertThat(channel.finishAndReleaseAll()).isFalse();
        TestChannels.releaseAll(out); // the tests here look only at methods and headers, which hold no buffers
        return out;
    }

    private static AmqpCodecException failure(byte[]... frames) {
        return failure(TestChannels.decoding(), frames);
    }

    /**
     * Writes {@code frames} one buffer each and returns the codec error the channel raised; releases whatever
     * was decoded before it, then closes the channel and releases what it still held.
     */
    static AmqpCodecException failure(EmbeddedChannel channel, byte[]... frames) {
        AmqpCodecException error = rejects(channel, frames);
        try {
            channel.finishAndReleaseAll();
        } catch (Throwable ignored) {
            // a second error of the same input, already reported by the first
        }
        return error;
    }

    /** Like {@link #failure(EmbeddedChannel, byte[]...)}, but leaves the channel open. */
    static AmqpCodecException rejects(EmbeddedChannel channel, byte[]... frames) {
        Throwable thrown = null;
        List<Object> out = new ArrayList<>();
        for (byte[] frame : frames) {
            try {
                channel.writeInbound(Unpooled.wrappedBuffer(frame));
            } catch (Throwable t) {
                thrown = t;
                break;
            }
            out.addAll(TestChannels.drainInbound(channel));
        }
        out.addAll(TestChannels.drainInbound(channel));
        TestChannels.releaseAll(out);
        assertThat(thrown).as("the input was rejected").isInstanceOf(AmqpCodecException.class);
        return (AmqpCodecException) thrown;
    }

    private static void assertSyntaxErrorWithoutLargeAllocation(byte[] frame) {
        RecordingAllocator allocator = new RecordingAllocator(PooledByteBufAllocator.DEFAULT);
        EmbeddedChannel channel = TestChannels.decoding();
        channel.config().setAllocator(allocator);
        // Sent in two pieces, so that the decoder has to gather them through the channel's allocator.
        AmqpCodecException error = failure(channel, java.util.Arrays.copyOf(frame, 9),
                java.util.Arrays.copyOfRange(frame, 9, frame.length));
        assertThat(error.replyCode()).isEqualTo(ReplyCode.SYNTAX_ERROR);
        assertThat(allocator.largestRequest()).isLessThanOrEqualTo(CodecLimits.MIN_FRAME_SIZE);
    }
}

package dev.warren.amqp.codec.frame;

import dev.warren.amqp.codec.Bytes;
import dev.warren.amqp.codec.Deep;
import dev.warren.amqp.codec.TestChannels;
import dev.warren.amqp.codec.content.BasicProperties;
import dev.warren.amqp.codec.content.ContentHeader;
import dev.warren.amqp.codec.method.BasicMethod;
import dev.warren.amqp.codec.method.ConnectionMethod;
import dev.warren.amqp.codec.method.Method;
import dev.warren.amqp.codec.method.QueueMethod;
import dev.warren.amqp.codec.table.EncodedShortString;
import dev.warren.amqp.codec.table.LongString;
import dev.warren.amqp.codec.table.UnsignedByte;
import dev.warren.amqp.codec.table.UnsignedInt;
import dev.warren.amqp.codec.table.UnsignedShort;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.warren.amqp.codec.Bytes.of;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Byte-exact vectors, written out field by field from the AMQP 0-9-1 specification, checked through Netty's
 * {@link EmbeddedChannel} in both directions: the encoders must produce exactly these bytes, and the decoder
 * ({@link FrameDecoder} and {@link CommandAssembler}) must read them back into the same values.
 */
class WireVectorsTest {

    // ---------------------------------------------------------------------------------------------------------
    // Protocol header

    private static final byte[] PROTOCOL_HEADER_0_9_1 = of(
            'A', 'M', 'Q', 'P',     // "AMQP"
            0x00,                   // protocol id 0
            0x00,                   // major 0
            0x09,                   // minor 9
            0x01);                  // revision 1

    @Test
    void theClientSendsTheProtocolHeaderOf091() {
        assertThat(TestChannels.encode(8192, ProtocolHeader.AMQP_0_9_1)).containsExactly(PROTOCOL_HEADER_0_9_1);
    }

    @Test
    void aBrokerAnsweringWithTheHeaderOf091IsDecodedAsAProtocolHeader() {
        assertThat(decode(PROTOCOL_HEADER_0_9_1)).containsExactly(ProtocolHeader.AMQP_0_9_1);
    }

    @Test
    void aBrokerThatSpeaksOnlyAnOlderVersionAnswersWithItsOwnHeaderWhichIsDecodedNotRejected() {
        byte[] amqp09 = of(
                'A', 'M', 'Q', 'P', // "AMQP"
                0x01,               // protocol id 1 (the pre-0-9-1 layout)
                0x01,               // "major" 1
                0x00,               // "minor" 0 ...
                0x09);              // ... 9: AMQP 0-9
        assertThat(decode(amqp09)).containsExactly(new ProtocolHeader(1, 1, 0, 9));
        assertThat(new ProtocolHeader(1, 1, 0, 9)).isNotEqualTo(ProtocolHeader.AMQP_0_9_1);
    }

    // ---------------------------------------------------------------------------------------------------------
    // connection.start, start-ok, tune, tune-ok, open

    private static final byte[] CONNECTION_START = of(
            0x01,                               // frame type 1: method
            0x00, 0x00,                         // channel 0
            0x00, 0x00, 0x00, 0x61,             // payload size 97
            0x00, 0x0A,                         // class 10: connection
            0x00, 0x0A,                         // method 10: start
            0x00,                               // version-major 0
            0x09,                               // version-minor 9
            0x00, 0x00, 0x00, 0x3C,             // server-properties: a table of 60 bytes
            0x0C, "capabilities",               //   name: shortstr of 12
            'F', 0x00, 0x00, 0x00, 0x15,        //   value: a table of 21 bytes
            0x12, "publisher_confirms",         //     name: shortstr of 18
            't', 0x01,                          //     value: boolean true
            0x07, "product",                    //   name: shortstr of 7
            'S', 0x00, 0x00, 0x00, 0x08,        //   value: long string of 8 bytes
            "RabbitMQ",                         //     its bytes
            0x00, 0x00, 0x00, 0x0E,             // mechanisms: long string of 14 bytes
            "PLAIN AMQPLAIN",                   //   its bytes
            0x00, 0x00, 0x00, 0x05,             // locales: long string of 5 bytes
            "en_US",                            //   its bytes
            0xCE);                              // frame-end

    @Test
    void connectionStart() {
        Map<String, Object> serverProperties = new LinkedHashMap<>();
        serverProperties.put("capabilities", Map.of("publisher_confirms", true));
        serverProperties.put("product", LongString.of("RabbitMQ"));
        ConnectionMethod.Start start = new ConnectionMethod.Start(0, 9, serverProperties,
                LongString.of("PLAIN AMQPLAIN"), LongString.of("en_US"));

        assertMethodVector(0, start, CONNECTION_START);
    }

    private static final byte[] CONNECTION_START_OK = of(
            0x01,                               // frame type 1: method
            0x00, 0x00,                         // channel 0
            0x00, 0x00, 0x00, 0x37,             // payload size 55
            0x00, 0x0A,                         // class 10: connection
            0x00, 0x0B,                         // method 11: start-ok
            0x00, 0x00, 0x00, 0x13,             // client-properties: a table of 19 bytes
            0x07, "product",                    //   name: shortstr of 7
            'S', 0x00, 0x00, 0x00, 0x06,        //   value: long string of 6 bytes
            "Warren",                           //     its bytes
            0x05, "PLAIN",                      // mechanism: shortstr of 5
            0x00, 0x00, 0x00, 0x0C,             // response: long string of 12 bytes
            0x00, "guest", 0x00, "guest",       //   PLAIN: NUL user NUL password
            0x05, "en_US",                      // locale: shortstr of 5
            0xCE);                              // frame-end

    @Test
    void connectionStartOk() {
        ConnectionMethod.StartOk startOk = new ConnectionMethod.StartOk(Map.of("product", "Warren"), "PLAIN",
                LongString.of("\0guest\0guest"), "en_US");

        assertThat(encode(Command.of(0, startOk))).containsExactly(CONNECTION_START_OK);
        // A String value is written as a long string and read back as one.
        assertDecodesTo(CONNECTION_START_OK, Command.of(0, new ConnectionMethod.StartOk(
                Map.of("product", LongString.of("Warren")), "PLAIN", LongString.of("\0guest\0guest"), "en_US")));
    }

    private static final byte[] CONNECTION_TUNE = of(
            0x01,                               // frame type 1: method
            0x00, 0x00,                         // channel 0
            0x00, 0x00, 0x00, 0x0C,             // payload size 12
            0x00, 0x0A,                         // class 10: connection
            0x00, 0x1E,                         // method 30: tune
            0x07, 0xFF,                         // channel-max 2047
            0x00, 0x02, 0x00, 0x00,             // frame-max 131072
            0x00, 0x3C,                         // heartbeat 60 s
            0xCE);                              // frame-end

    @Test
    void connectionTune() {
        assertMethodVector(0, new ConnectionMethod.Tune(2047, 131072, 60), CONNECTION_TUNE);
    }

    private static final byte[] CONNECTION_TUNE_OK = of(
            0x01,                               // frame type 1: method
            0x00, 0x00,                         // channel 0
            0x00, 0x00, 0x00, 0x0C,             // payload size 12
            0x00, 0x0A,                         // class 10: connection
            0x00, 0x1F,                         // method 31: tune-ok
            0x07, 0xFF,                         // channel-max 2047
            0x00, 0x02, 0x00, 0x00,             // frame-max 131072
            0x00, 0x3C,                         // heartbeat 60 s
            0xCE);                              // frame-end

    @Test
    void connectionTuneOk() {
        assertMethodVector(0, new ConnectionMethod.TuneOk(2047, 131072, 60), CONNECTION_TUNE_OK);
    }

    private static final byte[] CONNECTION_OPEN = of(
            0x01,                               // frame type 1: method
            0x00, 0x00,                         // channel 0
            0x00, 0x00, 0x00, 0x08,             // payload size 8
            0x00, 0x0A,                         // class 10: connection
            0x00, 0x28,                         // method 40: open
            0x01, "/",                          // virtual-host: shortstr "/"
            0x00,                               // reserved-1 (capabilities): empty shortstr
            0x00,                               // reserved-2 (insist): bit clear
            0xCE);                              // frame-end

    @Test
    void connectionOpen() {
        assertMethodVector(0, new ConnectionMethod.Open("/"), CONNECTION_OPEN);
    }

    // ---------------------------------------------------------------------------------------------------------
    // basic.publish with header and body; basic.deliver

    private static final BasicProperties TEXT_PERSISTENT =
            BasicProperties.builder().contentType("text/plain").deliveryMode(2).build();

    private static final byte[] BASIC_PUBLISH = of(
            // method frame
            0x01,                               // frame type 1: method
            0x00, 0x01,                         // channel 1
            0x00, 0x00, 0x00, 0x0F,             // payload size 15
            0x00, 0x3C,                         // class 60: basic
            0x00, 0x28,                         // method 40: publish
            0x00, 0x00,                         // reserved-1 (ticket): 0
            0x02, "ex",                         // exchange: shortstr "ex"
            0x04, "jobs",                       // routing-key: shortstr "jobs"
            0x01,                               // bits: mandatory set, immediate clear
            0xCE,                               // frame-end
            // content-header frame
            0x02,                               // frame type 2: header
            0x00, 0x01,                         // channel 1
            0x00, 0x00, 0x00, 0x1A,             // payload size 26
            0x00, 0x3C,                         // class 60: basic
            0x00, 0x00,                         // weight 0
            0x00, 0x00, 0x00, 0x00,             // body size (64 bits) ...
            0x00, 0x00, 0x00, 0x05,             // ... 5
            0x90, 0x00,                         // property flags: content-type (bit 15), delivery-mode (bit 12)
            0x0A, "text/plain",                 // content-type: shortstr of 10
            0x02,                               // delivery-mode: 2, persistent
            0xCE,                               // frame-end
            // content-body frame
            0x03,                               // frame type 3: body
            0x00, 0x01,                         // channel 1
            0x00, 0x00, 0x00, 0x05,             // payload size 5
            "hello",                            // the body
            0xCE);                              // frame-end

    @Test
    void basicPublishFromPublishEncoderWithAnArrayBody() {
        byte[] body = of("xxhelloxx");
        ByteBuf encoded = PublishEncoder.encode(io.netty.buffer.ByteBufAllocator.DEFAULT, 1,
                EncodedShortString.of("ex"), EncodedShortString.of("jobs"), true, TEXT_PERSISTENT, body, 2, 5,
                131072);
        // Written through the pipeline, an encoded publish passes the CommandEncoder untouched.
        assertThat(encode(encoded)).containsExactly(BASIC_PUBLISH);
    }

    @Test
    void basicPublishFromPublishEncoderWithAByteBufBody() {
        ByteBuf body = Unpooled.copiedBuffer(of("hello"));
        ByteBuf encoded = PublishEncoder.encode(io.netty.buffer.ByteBufAllocator.DEFAULT, 1,
                EncodedShortString.of("ex"), EncodedShortString.of("jobs"), true, TEXT_PERSISTENT, body, 131072);
        assertThat(encode(encoded)).containsExactly(BASIC_PUBLISH);
        assertThat(body.refCnt()).as("the encoder took over the body").isZero();
    }

    @Test
    void basicPublishAsACommand() {
        Command publish = new Command(1, new BasicMethod.Publish("ex", "jobs", true, false),
                ContentHeader.basic(5, TEXT_PERSISTENT), Unpooled.copiedBuffer(of("hello")));
        assertThat(encode(publish)).containsExactly(BASIC_PUBLISH);
    }

    @Test
    void basicPublishIsDecodedIntoOneCommand() {
        assertDecodesTo(BASIC_PUBLISH, new Command(1, new BasicMethod.Publish("ex", "jobs", true, false),
                ContentHeader.basic(5, TEXT_PERSISTENT), Unpooled.wrappedBuffer(of("hello"))));
    }

    private static final byte[] BASIC_DELIVER = of(
            // method frame
            0x01,                               // frame type 1: method
            0x00, 0x01,                         // channel 1
            0x00, 0x00, 0x00, 0x1C,             // payload size 28
            0x00, 0x3C,                         // class 60: basic
            0x00, 0x3C,                         // method 60: deliver
            0x06, "ctag-1",                     // consumer-tag: shortstr of 6
            0x00, 0x00, 0x00, 0x00,             // delivery-tag (64 bits) ...
            0x00, 0x00, 0x00, 0x01,             // ... 1
            0x01,                               // bits: redelivered set
            0x02, "ex",                         // exchange: shortstr "ex"
            0x04, "jobs",                       // routing-key: shortstr "jobs"
            0xCE,                               // frame-end
            // content-header frame
            0x02,                               // frame type 2: header
            0x00, 0x01,                         // channel 1
            0x00, 0x00, 0x00, 0x1A,             // payload size 26
            0x00, 0x3C,                         // class 60: basic
            0x00, 0x00,                         // weight 0
            0x00, 0x00, 0x00, 0x00,             // body size (64 bits) ...
            0x00, 0x00, 0x00, 0x03,             // ... 3
            0x00, 0xC0,                         // property flags: message-id (bit 7), timestamp (bit 6)
            0x03, "m-1",                        // message-id: shortstr of 3
            0x00, 0x00, 0x00, 0x00,             // timestamp (64-bit seconds) ...
            0x65, 0x53, 0xF1, 0x00,             // ... 1700000000, 2023-11-14T22:13:20Z
            0xCE,                               // frame-end
            // content-body frame
            0x03,                               // frame type 3: body
            0x00, 0x01,                         // channel 1
            0x00, 0x00, 0x00, 0x03,             // payload size 3
            "hi!",                              // the body
            0xCE);                              // frame-end

    private static final BasicMethod.Deliver DELIVER = new BasicMethod.Deliver("ctag-1", 1, true, "ex", "jobs");
    private static final BasicProperties DELIVER_PROPERTIES = BasicProperties.builder().messageId("m-1")
            .timestamp(Instant.parse("2023-11-14T22:13:20Z")).build();

    @Test
    void basicDeliverWithHeaderAndBodyIsAssembledIntoOneCommand() {
        assertDecodesTo(BASIC_DELIVER, new Command(1, DELIVER, ContentHeader.basic(3, DELIVER_PROPERTIES),
                Unpooled.wrappedBuffer(of("hi!"))));
    }

    @Test
    void basicDeliverIsEncodedFromACommand() {
        assertThat(encode(new Command(1, DELIVER, ContentHeader.basic(3, DELIVER_PROPERTIES),
                Unpooled.copiedBuffer(of("hi!"))))).containsExactly(BASIC_DELIVER);
    }

    // ---------------------------------------------------------------------------------------------------------
    // A body split over three frames

    private static final byte[] DELIVER_IN_THREE_BODY_FRAMES = of(
            // method frame
            0x01,                               // frame type 1: method
            0x00, 0x01,                         // channel 1
            0x00, 0x00, 0x00, 0x1C,             // payload size 28
            0x00, 0x3C,                         // class 60: basic
            0x00, 0x3C,                         // method 60: deliver
            0x06, "ctag-1",                     // consumer-tag: shortstr of 6
            0x00, 0x00, 0x00, 0x00,             // delivery-tag (64 bits) ...
            0x00, 0x00, 0x00, 0x01,             // ... 1
            0x01,                               // bits: redelivered set
            0x02, "ex",                         // exchange: shortstr "ex"
            0x04, "jobs",                       // routing-key: shortstr "jobs"
            0xCE,                               // frame-end
            // content-header frame
            0x02,                               // frame type 2: header
            0x00, 0x01,                         // channel 1
            0x00, 0x00, 0x00, 0x0E,             // payload size 14
            0x00, 0x3C,                         // class 60: basic
            0x00, 0x00,                         // weight 0
            0x00, 0x00, 0x00, 0x00,             // body size (64 bits) ...
            0x00, 0x00, 0x00, 0x0A,             // ... 10
            0x00, 0x00,                         // property flags: none
            0xCE,                               // frame-end
            // content-body frame 1 of 3
            0x03,                               // frame type 3: body
            0x00, 0x01,                         // channel 1
            0x00, 0x00, 0x00, 0x04,             // payload size 4
            "abcd",                             // body bytes 0..3
            0xCE,                               // frame-end
            // content-body frame 2 of 3
            0x03,                               // frame type 3: body
            0x00, 0x01,                         // channel 1
            0x00, 0x00, 0x00, 0x04,             // payload size 4
            "efgh",                             // body bytes 4..7
            0xCE,                               // frame-end
            // content-body frame 3 of 3
            0x03,                               // frame type 3: body
            0x00, 0x01,                         // channel 1
            0x00, 0x00, 0x00, 0x02,             // payload size 2
            "ij",                               // body bytes 8..9
            0xCE);                              // frame-end

    /** With frame-max 12, a body frame carries at most 12 - 8 = 4 bytes. */
    private static final int TINY_FRAME_MAX = 12;

    @Test
    void aBodyInThreeFramesIsAssembledIntoOneCommand() {
        assertDecodesTo(DELIVER_IN_THREE_BODY_FRAMES, new Command(1, DELIVER,
                ContentHeader.basic(10, BasicProperties.EMPTY), Unpooled.wrappedBuffer(of("abcdefghij"))));
    }

    @Test
    void aBodyAboveFrameMaxIsSplitIntoThreeFramesByTheCommandEncoder() {
        Command deliver = new Command(1, DELIVER, ContentHeader.basic(10, BasicProperties.EMPTY),
                Unpooled.copiedBuffer(of("abcdefghij")));
        assertThat(TestChannels.encode(TINY_FRAME_MAX, deliver)).containsExactly(DELIVER_IN_THREE_BODY_FRAMES);
    }

    private static final byte[] PUBLISH_IN_THREE_BODY_FRAMES = of(
            // method frame
            0x01,                               // frame type 1: method
            0x00, 0x02,                         // channel 2
            0x00, 0x00, 0x00, 0x0A,             // payload size 10
            0x00, 0x3C,                         // class 60: basic
            0x00, 0x28,                         // method 40: publish
            0x00, 0x00,                         // reserved-1 (ticket): 0
            0x00,                               // exchange: "" (the default exchange)
            0x01, "q",                          // routing-key: shortstr "q"
            0x00,                               // bits: mandatory and immediate clear
            0xCE,                               // frame-end
            // content-header frame
            0x02,                               // frame type 2: header
            0x00, 0x02,                         // channel 2
            0x00, 0x00, 0x00, 0x0E,             // payload size 14
            0x00, 0x3C,                         // class 60: basic
            0x00, 0x00,                         // weight 0
            0x00, 0x00, 0x00, 0x00,             // body size (64 bits) ...
            0x00, 0x00, 0x00, 0x0A,             // ... 10
            0x00, 0x00,                         // property flags: none
            0xCE,                               // frame-end
            // content-body frames of 4, 4 and 2 bytes
            0x03, 0x00, 0x02, 0x00, 0x00, 0x00, 0x04, "0123", 0xCE,   // type 3, channel 2, size 4, bytes, end
            0x03, 0x00, 0x02, 0x00, 0x00, 0x00, 0x04, "4567", 0xCE,   // type 3, channel 2, size 4, bytes, end
            0x03, 0x00, 0x02, 0x00, 0x00, 0x00, 0x02, "89", 0xCE);    // type 3, channel 2, size 2, bytes, end

    @Test
    void aPublishBodyAboveFrameMaxIsSplitIntoThreeFramesByThePublishEncoder() {
        byte[] body = of("0123456789");
        ByteBuf fromArray = PublishEncoder.encode(io.netty.buffer.ByteBufAllocator.DEFAULT, 2,
                EncodedShortString.EMPTY, EncodedShortString.of("q"), false, BasicProperties.EMPTY, body, 0, 10,
                TINY_FRAME_MAX);
        assertThat(encode(fromArray)).containsExactly(PUBLISH_IN_THREE_BODY_FRAMES);

        ByteBuf fromBuffer = PublishEncoder.encode(io.netty.buffer.ByteBufAllocator.DEFAULT, 2,
                EncodedShortString.EMPTY, EncodedShortString.of("q"), false, BasicProperties.EMPTY,
                Unpooled.copiedBuffer(body), TINY_FRAME_MAX);
        assertThat(encode(fromBuffer)).containsExactly(PUBLISH_IN_THREE_BODY_FRAMES);
    }

    @Test
    void aPublishInThreeBodyFramesIsAssembledIntoOneCommand() {
        assertDecodesTo(PUBLISH_IN_THREE_BODY_FRAMES, new Command(2, new BasicMethod.Publish("", "q", false, false),
                ContentHeader.basic(10, BasicProperties.EMPTY), Unpooled.wrappedBuffer(of("0123456789"))));
    }

    @Test
    void aBodyInThreeFramesIsAssembledWhateverTheReadBoundaries() {
        byte[] vector = DELIVER_IN_THREE_BODY_FRAMES;
        for (int cut = 1; cut < vector.length; cut++) {
            EmbeddedChannel channel = TestChannels.decoding();
            List<Object> out = TestChannels.feed(channel, java.util.Arrays.copyOfRange(vector, 0, cut),
                    java.util.Arrays.copyOfRange(vector, cut, vector.length));
            try {
                assertThat(out).as("cut at %d", cut).hasSize(1);
                Command command = (Command) out.get(0);
                assertThat(Bytes.readable(command.body())).as("cut at %d", cut).containsExactly(of("abcdefghij"));
            } finally {
                TestChannels.releaseAll(out);
                assertThat(channel.finishAndReleaseAll()).isFalse();
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Heartbeat

    private static final byte[] HEARTBEAT = of(
            0x08,                               // frame type 8: heartbeat
            0x00, 0x00,                         // channel 0
            0x00, 0x00, 0x00, 0x00,             // payload size 0
            0xCE);                              // frame-end

    @Test
    void heartbeat() {
        assertThat(encode(HeartbeatFrame.INSTANCE)).containsExactly(HEARTBEAT);
        ByteBuf written = Unpooled.buffer();
        FrameWriter.writeHeartbeat(written);
        assertThat(Bytes.drain(written)).containsExactly(HEARTBEAT);
        assertThat(decode(HEARTBEAT)).containsExactly(HeartbeatFrame.INSTANCE);
    }

    // ---------------------------------------------------------------------------------------------------------
    // A field table holding one value of every field type

    private static final byte[] QUEUE_DECLARE_WITH_EVERY_FIELD_TYPE = of(
            0x01,                               // frame type 1: method
            0x00, 0x01,                         // channel 1
            0x00, 0x00, 0x00, 0x98,             // payload size 152
            0x00, 0x32,                         // class 50: queue
            0x00, 0x0A,                         // method 10: declare
            0x00, 0x00,                         // reserved-1 (ticket): 0
            0x01, "q",                          // queue: shortstr "q"
            0x02,                               // bits: durable (bit 1)
            0x00, 0x00, 0x00, 0x8B,             // arguments: a table of 139 bytes
            0x01, "t", 't', 0x01,               //   "t": boolean true
            0x01, "b", 'b', 0xFF,               //   "b": signed 8-bit -1
            0x01, "B", 'B', 0xFF,               //   "B": unsigned 8-bit 255
            0x01, "s", 's', 0x80, 0x00,         //   "s": signed 16-bit -32768
            0x01, "u", 'u', 0xFF, 0xFF,         //   "u": unsigned 16-bit 65535
            0x01, "I", 'I', 0xFF, 0xFF, 0xFF, 0xFE, //   "I": signed 32-bit -2
            0x01, "i", 'i', 0xFF, 0xFF, 0xFF, 0xFF, //   "i": unsigned 32-bit 4294967295
            0x01, "l", 'l', 0x7F, 0xFF, 0xFF, 0xFF, //   "l": signed 64-bit ...
            0xFF, 0xFF, 0xFF, 0xFF,             //     ... Long.MAX_VALUE
            0x01, "f", 'f', 0x3F, 0xC0, 0x00, 0x00, //   "f": float 1.5
            0x01, "d", 'd', 0x40, 0x09, 0x21, 0xFB, //   "d": double ...
            0x54, 0x44, 0x2D, 0x18,             //     ... pi
            0x01, "D", 'D', 0x02,               //   "D": decimal, scale 2 ...
            0x00, 0x00, 0x30, 0x39,             //     ... unscaled 12345: 123.45
            0x01, "S", 'S', 0x00, 0x00, 0x00, 0x07, //   "S": long string of 7 bytes
            'G', 'r', 0xC3, 0xBC, 0xC3, 0x9F, 'e', //     "Grüße" in UTF-8
            0x01, "x", 'x', 0x00, 0x00, 0x00, 0x03, //   "x": byte array of 3 bytes
            0x01, 0x02, 0x03,                   //     its bytes
            0x01, "A", 'A', 0x00, 0x00, 0x00, 0x07, //   "A": array of 7 bytes
            'I', 0x00, 0x00, 0x00, 0x01,        //     signed 32-bit 1
            't', 0x00,                          //     boolean false
            0x01, "T", 'T', 0x00, 0x00, 0x00, 0x00, //   "T": timestamp ...
            0x65, 0x53, 0xF1, 0x00,             //     ... 1700000000 s
            0x01, "F", 'F', 0x00, 0x00, 0x00, 0x07, //   "F": table of 7 bytes
            0x01, "k", 'I', 0x00, 0x00, 0x00, 0x07, //     "k": signed 32-bit 7
            0x01, "V", 'V',                     //   "V": void
            0xCE);                              // frame-end

    @Test
    void aTableWithEveryFieldTypeIsWrittenByteForByte() {
        Map<String, Object> arguments = new LinkedHashMap<>();
        arguments.put("t", true);
        arguments.put("b", (byte) -1);
        arguments.put("B", new UnsignedByte(255));
        arguments.put("s", (short) -32768);
        arguments.put("u", new UnsignedShort(65535));
        arguments.put("I", -2);
        arguments.put("i", new UnsignedInt(4294967295L));
        arguments.put("l", Long.MAX_VALUE);
        arguments.put("f", 1.5f);
        arguments.put("d", Math.PI);
        arguments.put("D", new BigDecimal("123.45"));
        arguments.put("S", "Grüße");
        arguments.put("x", new byte[] {1, 2, 3});
        arguments.put("A", List.of(1, false));
        arguments.put("T", Instant.ofEpochSecond(1700000000L));
        arguments.put("F", Map.of("k", 7));
        arguments.put("V", null);

        assertThat(encode(Command.of(1, new QueueMethod.Declare("q", false, true, false, false, false, arguments))))
                .containsExactly(QUEUE_DECLARE_WITH_EVERY_FIELD_TYPE);
    }

    @Test
    void aTableWithEveryFieldTypeIsReadWithTheOfficialClientsJavaTypes() {
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("t", true);
        expected.put("b", (byte) -1);
        expected.put("B", 255);
        expected.put("s", (short) -32768);
        expected.put("u", 65535);
        expected.put("I", -2);
        expected.put("i", 4294967295L);
        expected.put("l", Long.MAX_VALUE);
        expected.put("f", 1.5f);
        expected.put("d", Math.PI);
        expected.put("D", new BigDecimal("123.45"));
        expected.put("S", LongString.of("Grüße"));
        expected.put("x", new byte[] {1, 2, 3});
        expected.put("A", List.of(1, false));
        expected.put("T", Instant.ofEpochSecond(1700000000L));
        expected.put("F", Map.of("k", 7));
        expected.put("V", null);

        List<Object> out = decode(QUEUE_DECLARE_WITH_EVERY_FIELD_TYPE);
        assertThat(out).hasSize(1);
        QueueMethod.Declare declare = (QueueMethod.Declare) ((Command) out.get(0)).method();
        assertThat(declare.queue()).isEqualTo("q");
        assertThat(declare.durable()).isTrue();
        assertThat(declare.passive() || declare.exclusive() || declare.autoDelete() || declare.nowait()).isFalse();
        assertThat(declare.arguments().keySet()).as("wire order is kept").containsExactlyElementsOf(expected.keySet());
        expected.forEach((name, value) -> {
            Object actual = declare.arguments().get(name);
            assertThat(Deep.normalize(actual)).as(name).isEqualTo(Deep.normalize(value));
            if (value != null) {
                assertThat(actual).as(name).isInstanceOf(value instanceof Map ? Map.class
                        : value instanceof List ? List.class : value.getClass());
            }
        });
    }

    // ---------------------------------------------------------------------------------------------------------

    /** The method's frame encodes to {@code vector} and {@code vector} decodes to the method. */
    private static void assertMethodVector(int channel, Method method, byte[] vector) {
        assertThat(encode(Command.of(channel, method))).as("encoded").containsExactly(vector);
        assertThat(encode(new MethodFrame(channel, method))).as("encoded as a frame").containsExactly(vector);
        assertDecodesTo(vector, Command.of(channel, method));
    }

    private static byte[] encode(Object message) {
        return TestChannels.encode(131072, message);
    }

    private static List<Object> decode(byte[] bytes) {
        EmbeddedChannel channel = TestChannels.decoding();
        List<Object> out = TestChannels.feed(channel, bytes);
        assertThat(channel.finishAndReleaseAll()).as("nothing left in the channel").isFalse();
        return out;
    }

    /** Decodes {@code vector} into exactly one command equal to {@code expected}; releases both. */
    private static void assertDecodesTo(byte[] vector, Command expected) {
        List<Object> out = decode(vector);
        try {
            assertThat(out).hasSize(1).first().isInstanceOf(Command.class);
            Command actual = (Command) out.get(0);
            assertThat(actual.channel()).isEqualTo(expected.channel());
            assertThat(Deep.normalize(actual.method())).isEqualTo(Deep.normalize(expected.method()));
            assertThat(Deep.normalize(actual.header())).isEqualTo(Deep.normalize(expected.header()));
            if (expected.body() == null) {
                assertThat(actual.body()).isNull();
            } else {
                assertThat(Bytes.readable(actual.body())).containsExactly(Bytes.readable(expected.body()));
            }
        } finally {
            TestChannels.releaseAll(out);
            expected.release();
        }
    }
}

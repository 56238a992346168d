package dev.warren.amqp.codec.content;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.impl.AMQContentHeader;
import com.rabbitmq.client.impl.AMQImpl;
import com.rabbitmq.client.impl.Frame;
import dev.warren.amqp.codec.Bytes;
import dev.warren.amqp.codec.CodecArbitraries;
import dev.warren.amqp.codec.CodecLimits;
import dev.warren.amqp.codec.Deep;
import dev.warren.amqp.codec.OfficialClient;
import dev.warren.amqp.codec.TestChannels;
import dev.warren.amqp.codec.frame.ContentHeaderFrame;
import dev.warren.amqp.codec.frame.FrameWriter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Content headers with basic properties against the official RabbitMQ Java client 5.38.0: Warren's header frame
 * parsed by the official {@link Frame#readFrom} and {@link AMQImpl#readContentHeaderFrom}, and the official
 * {@link AMQContentHeader#toFrame} bytes parsed by Warren's {@link dev.warren.amqp.codec.frame.FrameDecoder}.
 */
class BasicPropertiesInteropTest {

    @Provide
    Arbitrary<BasicProperties> warrenProperties() {
        return CodecArbitraries.basicProperties(
                CodecArbitraries.warrenTables(2, CodecArbitraries.OFFICIAL_TIMESTAMP_RANGE),
                CodecArbitraries.OFFICIAL_TIMESTAMP_RANGE);
    }

    @Provide
    Arbitrary<AMQP.BasicProperties> officialProperties() {
        return CodecArbitraries.basicProperties(OfficialClient.tables(2), CodecArbitraries.OFFICIAL_TIMESTAMP_RANGE)
                .map(BasicPropertiesInteropTest::toOfficial);
    }

    @Property(tries = 800)
    void whatWarrenWritesTheOfficialClientReadsToEqualProperties(
            @ForAll("warrenProperties") BasicProperties properties,
            @ForAll @IntRange(min = 1, max = 0xFFFF) int channel,
            @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long bodySize) throws IOException {
        ByteBuf buf = Unpooled.buffer();
        byte[] bytes;
        try {
            FrameWriter.writeBasicHeaderFrame(buf, channel, bodySize, properties);
            bytes = Bytes.readable(buf);
        } finally {
            buf.release();
        }

        Frame frame = Frame.readFrom(OfficialClient.in(bytes), () -> Integer.MAX_VALUE);
        assertThat(frame.getType()).isEqualTo(AMQP.FRAME_HEADER);
        assertThat(frame.getChannel()).isEqualTo(channel);
        AMQContentHeader header = AMQImpl.readContentHeaderFrom(frame.getInputStream());
        assertThat(header).isInstanceOf(AMQP.BasicProperties.class);
        assertThat(header.getBodySize()).isEqualTo(bodySize);

        assertThat(Deep.normalize(fromOfficial((AMQP.BasicProperties) header)))
                .isEqualTo(Deep.normalize(CodecArbitraries.expectedDecoded(properties)));
    }

    @Property(tries = 800)
    void whatTheOfficialClientWritesWarrenReadsToEqualProperties(
            @ForAll("officialProperties") AMQP.BasicProperties official,
            @ForAll @IntRange(min = 1, max = 0xFFFF) int channel,
            @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long bodySize) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        official.toFrame(channel, bodySize).writeTo(new DataOutputStream(bytes));

        EmbeddedChannel decoder = TestChannels.framesOnly(CodecLimits.DEFAULTS.withMaxFrameSize(1 << 20));
        decoder.pipeline().get(dev.warren.amqp.codec.frame.FrameDecoder.class).setMaxFrameSize(1 << 20);
        List<Object> out = TestChannels.feed(decoder, bytes.toByteArray());
        assertThat(decoder.finishAndReleaseAll()).isFalse();

        assertThat(out).hasSize(1).first().isInstanceOf(ContentHeaderFrame.class);
        ContentHeaderFrame frame = (ContentHeaderFrame) out.get(0);
        assertThat(frame.channel()).isEqualTo(channel);
        assertThat(frame.header().classId()).isEqualTo(60);
        assertThat(frame.header().bodySize()).isEqualTo(bodySize);
        assertThat(Deep.normalize(frame.header().properties())).isEqualTo(Deep.normalize(fromOfficial(official)));
    }

    /** The official client's properties built from the 14 values of {@code p} (headers in its own types). */
    static AMQP.BasicProperties toOfficial(BasicProperties p) {
        return new AMQP.BasicProperties(p.contentType(), p.contentEncoding(), p.headers(),
                p.deliveryMode(), p.priority(), p.correlationId(), p.replyTo(), p.expiration(), p.messageId(),
                p.timestamp() == null ? null : new Date(p.timestamp().getEpochSecond() * 1000), p.type(),
                p.userId(), p.appId(), p.clusterId());
    }

    /** Warren's properties for what the official client holds, with its values as Warren decodes them. */
    @SuppressWarnings("unchecked")
    static BasicProperties fromOfficial(AMQP.BasicProperties o) {
        List<Object> values = new ArrayList<>(java.util.Arrays.asList(o.getContentType(), o.getContentEncoding(),
                o.getHeaders() == null ? null : OfficialClient.toWarren(o.getHeaders()), o.getDeliveryMode(),
                o.getPriority(), o.getCorrelationId(), o.getReplyTo(), o.getExpiration(), o.getMessageId(),
                o.getTimestamp() == null ? null : Instant.ofEpochMilli(o.getTimestamp().getTime()), o.getType(),
                o.getUserId(), o.getAppId(), o.getClusterId()));
        return CodecArbitraries.properties(values);
    }
}

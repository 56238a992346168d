package dev.warren.amqp.codec.frame;

import dev.warren.amqp.codec.Bytes;
import dev.warren.amqp.codec.CodecLimits;
import dev.warren.amqp.codec.TestChannels;
import dev.warren.amqp.codec.content.BasicProperties;
import dev.warren.amqp.codec.content.ContentHeader;
import dev.warren.amqp.codec.method.BasicMethod;
import dev.warren.amqp.codec.method.ConnectionMethod;
import dev.warren.amqp.codec.method.Method;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.warren.amqp.codec.Bytes.of;
import static dev.warren.amqp.codec.frame.HostileBrokerTest.body;
import static dev.warren.amqp.codec.frame.HostileBrokerTest.header;
import static dev.warren.amqp.codec.frame.HostileBrokerTest.heartbeat;
import static dev.warren.amqp.codec.frame.HostileBrokerTest.method;
import static org.assertj.core.api.Assertions.assertThat;

class CommandAssemblerTest {

    private static final Method DELIVER_1 = new BasicMethod.Deliver("c", 1, false, "", "q");
    private static final Method DELIVER_2 = new BasicMethod.Deliver("c", 2, false, "", "q");

    @Test
    void contentsOnDifferentChannelsAreAssembledSideBySide() {
        EmbeddedChannel channel = TestChannels.decoding();
        List<Object> out = TestChannels.feed(channel,
                method(1, DELIVER_1), method(2, DELIVER_2),
                header(2, 6), header(1, 6),
                body(1, of("one")), body(2, of("two")),
                method(3, new BasicMethod.Ack(9, false)), // another channel may speak in between
                body(2, of("TWO")), body(1, of("ONE")));
        try {
            assertThat(out).hasSize(3);
            Command ack = (Command) out.get(0);
            assertThat(ack.channel()).isEqualTo(3);
            Command two = (Command) out.get(1);
            assertThat(two.channel()).isEqualTo(2);
            assertThat(two.method()).isEqualTo(DELIVER_2);
            assertThat(Bytes.readable(two.body())).containsExactly(of("twoTWO"));
            Command one = (Command) out.get(2);
            assertThat(one.channel()).isEqualTo(1);
            assertThat(Bytes.readable(one.body())).containsExactly(of("oneONE"));
        } finally {
            TestChannels.releaseAll(out);
        }
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void aHeartbeatInTheMiddleOfAContentPassesThroughInOrder() {
        EmbeddedChannel channel = TestChannels.decoding();
        List<Object> out = TestChannels.feed(channel, method(1, DELIVER_1), header(1, 2), heartbeat(),
                body(1, of("a")), heartbeat(), body(1, of("b")));
        try {
            assertThat(out).hasSize(3);
            assertThat(out.get(0)).isEqualTo(HeartbeatFrame.INSTANCE);
            assertThat(out.get(1)).isEqualTo(HeartbeatFrame.INSTANCE);
            assertThat(Bytes.readable(((Command) out.get(2)).body())).containsExactly(of("ab"));
        } finally {
            TestChannels.releaseAll(out);
        }
    }

    @Test
    void anEmptyBodyCompletesTheCommandWithItsHeader() {
        EmbeddedChannel channel = TestChannels.decoding();
        List<Object> out = TestChannels.feed(channel, method(1, DELIVER_1), header(1, 0));
        assertThat(out).singleElement().isInstanceOfSatisfying(Command.class, command -> {
            assertThat(command.hasContent()).isTrue();
            assertThat(command.header()).isEqualTo(ContentHeader.basic(0, BasicProperties.EMPTY));
            assertThat(command.body().readableBytes()).isZero();
        });
        TestChannels.releaseAll(out);
    }

    @Test
    void methodsWithoutContentAndProtocolHeadersPassAsTheyCome() {
        EmbeddedChannel channel = TestChannels.decoding();
        List<Object> out = TestChannels.feed(channel, of("AMQP", 0, 0, 9, 1),
                method(0, ConnectionMethod.CloseOk.INSTANCE));
        assertThat(out).containsExactly(ProtocolHeader.AMQP_0_9_1, Command.of(0, ConnectionMethod.CloseOk.INSTANCE));
        assertThat(((Command) out.get(1)).hasContent()).isFalse();
    }

    @Test
    void aBodyInOneFrameIsASliceOfTheReadBufferAndReleasingTheCommandReleasesIt() {
        EmbeddedChannel channel = TestChannels.decoding();
        ByteBuf read = Unpooled.wrappedBuffer(Bytes.of(method(1, DELIVER_1), header(1, 5), body(1, of("hello"))));
        channel.writeInbound(read);
        Command command = channel.readInbound();
        assertThat(read.refCnt()).as("the body holds the read buffer").isEqualTo(1);
        read.setByte(read.capacity() - 2, 'O'); // the last body byte, before the frame-end
        assertThat(command.body().toString(java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("hellO");
        command.release();
        assertThat(read.refCnt()).isZero();
    }

    @Test
    void aBodyInManyLargeFramesIsGatheredWithoutCopying() {
        EmbeddedChannel channel = TestChannels.decoding();
        String a = "a".repeat(5000);
        String b = "b".repeat(5000);
        ByteBuf read = Unpooled.wrappedBuffer(Bytes.of(method(1, DELIVER_1), header(1, 10_000), body(1, of(a)),
                body(1, of(b))));
        channel.writeInbound(read);
        Command command = channel.readInbound();
        try {
            read.setByte(read.capacity() - 2, 'B');
            assertThat(command.body().toString(java.nio.charset.StandardCharsets.US_ASCII))
                    .isEqualTo(a + "b".repeat(4999) + "B");
        } finally {
            command.release();
        }
        assertThat(read.refCnt()).isZero();
    }

    @Test
    void smallBodyFramesAreCopiedTogetherAndDoNotPinTheReadBuffers() {
        // A slice per tiny frame would keep every read buffer alive for a few bytes each: a hostile broker could
        // turn a 64 MiB body into gigabytes of pinned buffers.
        EmbeddedChannel channel = TestChannels.decoding();
        ByteBuf first = Unpooled.wrappedBuffer(Bytes.of(method(1, DELIVER_1), header(1, 6), body(1, of("ab"))));
        ByteBuf second = Unpooled.wrappedBuffer(body(1, of("cd")));
        ByteBuf third = Unpooled.wrappedBuffer(body(1, of("ef")));
        channel.writeInbound(first);
        channel.writeInbound(second);
        assertThat(first.refCnt() + second.refCnt()).as("nothing pinned by the partial body").isZero();
        channel.writeInbound(third);
        Command command = channel.readInbound();
        try {
            assertThat(third.refCnt()).isZero();
            assertThat(command.body().toString(java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("abcdef");
        } finally {
            command.release();
        }
    }

    @Test
    void smallAndLargeFramesKeepTheirOrder() {
        EmbeddedChannel channel = TestChannels.decoding();
        String large = "L".repeat(6000);
        List<Object> out = TestChannels.feed(channel, Bytes.of(method(1, DELIVER_1), header(1, 6004),
                body(1, of("s1")), body(1, of(large)), body(1, of("s2"))));
        try {
            Command command = (Command) out.get(0);
            assertThat(command.body().toString(java.nio.charset.StandardCharsets.US_ASCII))
                    .isEqualTo("s1" + large + "s2");
        } finally {
            TestChannels.releaseAll(out);
        }
    }

    @Test
    void emptyBodyFramesDoNotPileUp() {
        // A broker that sends endless empty body frames must not make the client hold on to each of them.
        EmbeddedChannel channel = TestChannels.decoding();
        List<byte[]> frames = new ArrayList<>();
        frames.add(method(1, DELIVER_1));
        frames.add(header(1, 2));
        frames.add(body(1, of("a")));
        for (int i = 0; i < 10_000; i++) {
            frames.add(body(1, of()));
        }
        frames.add(body(1, of("b")));
        List<Object> out = TestChannels.feed(channel, Bytes.of(frames.toArray()));
        try {
            Command command = (Command) out.get(0);
            assertThat(Bytes.readable(command.body())).containsExactly(of("ab"));
            assertThat(command.body().capacity()).as("the empty frames left nothing behind").isLessThan(1024);
        } finally {
            TestChannels.releaseAll(out);
        }
    }

    @Test
    void closingTheChannelReleasesAHalfReceivedBody() {
        EmbeddedChannel channel = TestChannels.decoding();
        ByteBuf first = Unpooled.wrappedBuffer(Bytes.of(method(1, DELIVER_1), header(1, 20_000),
                body(1, of("1".repeat(5000)))));
        ByteBuf second = Unpooled.wrappedBuffer(body(1, of("2".repeat(5000))));
        channel.writeInbound(first);
        channel.writeInbound(second);
        assertThat(TestChannels.drainInbound(channel)).isEmpty();
        assertThat(first.refCnt() + second.refCnt()).as("held by the partial body").isPositive();
        assertThat(channel.finishAndReleaseAll()).isFalse();
        assertThat(first.refCnt()).isZero();
        assertThat(second.refCnt()).isZero();
    }

    @Test
    void removingTheAssemblerReleasesAHalfReceivedBody() {
        EmbeddedChannel channel = TestChannels.decoding();
        ByteBuf first = Unpooled.wrappedBuffer(Bytes.of(method(1, DELIVER_1), header(1, 20_000),
                body(1, of("1".repeat(5000)))));
        ByteBuf second = Unpooled.wrappedBuffer(body(1, of("2".repeat(5000))));
        channel.writeInbound(first);
        channel.writeInbound(second);
        channel.pipeline().remove(CommandAssembler.class);
        assertThat(first.refCnt()).isZero();
        assertThat(second.refCnt()).isZero();
        channel.finishAndReleaseAll();
    }

    @Test
    void aZeroBodyLimitStillLetsEmptyBodiesThrough() {
        EmbeddedChannel channel = TestChannels.decoding(CodecLimits.DEFAULTS.withMaxBodySize(0));
        List<Object> out = TestChannels.feed(channel, method(1, DELIVER_1), header(1, 0),
                method(1, DELIVER_2), header(1, 1), body(1, of("x")));
        assertThat(out).hasSize(2);
        assertThat(out.get(0)).isInstanceOf(Command.class);
        assertThat(out.get(1)).isEqualTo(new ContentTooLarge(1, DELIVER_2, 1, 0));
        TestChannels.releaseAll(out);
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void aDiscardedBodyReleasesItsFramesAsTheyArrive() {
        EmbeddedChannel channel = TestChannels.decoding(CodecLimits.DEFAULTS.withMaxBodySize(4));
        TestChannels.feed(channel, method(1, DELIVER_1), header(1, 6));
        ByteBuf frame = Unpooled.wrappedBuffer(body(1, of("123")));
        channel.writeInbound(frame);
        assertThat(frame.refCnt()).isZero();
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void getOkAndReturnCarryContentToo() {
        EmbeddedChannel channel = TestChannels.decoding();
        Method getOk = new BasicMethod.GetOk(1, false, "", "q", 0);
        Method returned = new BasicMethod.Return(312, "NO_ROUTE", "x", "rk");
        List<Object> out = TestChannels.feed(channel, method(1, getOk), header(1, 1), body(1, of("g")),
                method(1, returned), header(1, 1), body(1, of("r")));
        try {
            assertThat(out).extracting(o -> ((Command) o).method()).containsExactly(getOk, returned);
        } finally {
            TestChannels.releaseAll(out);
        }
    }
}

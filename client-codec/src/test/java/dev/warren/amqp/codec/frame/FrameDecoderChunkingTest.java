package dev.warren.amqp.codec.frame;

import dev.warren.amqp.codec.Bytes;
import dev.warren.amqp.codec.CodecArbitraries;
import dev.warren.amqp.codec.CodecLimits;
import dev.warren.amqp.codec.Deep;
import dev.warren.amqp.codec.TestChannels;
import dev.warren.amqp.codec.content.BasicProperties;
import dev.warren.amqp.codec.content.ContentHeader;
import dev.warren.amqp.codec.method.Method;
import dev.warren.amqp.codec.method.MethodArbitraries;
import dev.warren.amqp.codec.method.MethodKind;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whole streams of frames, encoded by the {@link CommandEncoder} at random frame-max and fed to {@link FrameDecoder}
 * and {@link CommandAssembler} in random-sized pieces, decode to exactly what was encoded.
 */
class FrameDecoderChunkingTest {

    /** What one step of the stream is: a command without content, one with content, or a heartbeat. */
    sealed interface Item permits Plain, Content, Beat {
    }

    record Plain(int channel, Method method) implements Item {
    }

    record Content(int channel, Method method, BasicProperties properties, byte[] body) implements Item {
        @Override
        public String toString() {
            return "Content[channel=" + channel + ", " + method + ", " + properties + ", body=" + body.length
                    + " bytes]";
        }
    }

    record Beat() implements Item {
    }

    @Provide
    Arbitrary<List<Item>> streams() {
        Arbitrary<Method> plainMethods = Arbitraries.oneOf(Stream.of(MethodKind.values())
                .filter(kind -> !kind.hasContent()).map(MethodArbitraries::of).toList());
        Arbitrary<Method> contentMethods = Arbitraries.oneOf(Stream.of(MethodKind.values())
                .filter(MethodKind::hasContent).map(MethodArbitraries::of).toList());
        Arbitrary<Integer> channels = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.integers().between(1, 3)),
                Tuple.of(1, Arbitraries.integers().between(1, 0xFFFF)));
        Arbitrary<byte[]> bodies = Arbitraries.frequencyOf(
                Tuple.of(3, CodecArbitraries.byteArrays(40)),
                Tuple.of(1, CodecArbitraries.byteArrays(3000)));
        Arbitrary<Item> plain = Combinators.combine(Arbitraries.integers().between(0, 0xFFFF), plainMethods)
                .as(Plain::new);
        Arbitrary<Item> content = Combinators.combine(channels, contentMethods,
                        CodecArbitraries.basicProperties(CodecArbitraries.warrenTables(1, Long.MAX_VALUE),
                                Long.MAX_VALUE), bodies)
                .as(Content::new);
        Arbitrary<Item> beat = Arbitraries.just(new Beat());
        return Arbitraries.frequencyOf(Tuple.of(3, plain), Tuple.of(3, content), Tuple.of(1, beat))
                .list().ofMinSize(1).ofMaxSize(8);
    }

    @Provide
    Arbitrary<Integer> frameMaxes() {
        return Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.integers().between(9, 64)),
                Tuple.of(1, Arbitraries.integers().between(CodecLimits.MIN_FRAME_SIZE, 131072)));
    }

    @Provide
    Arbitrary<List<Integer>> chunkSizes() {
        return Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.integers().between(1, 16)),
                Tuple.of(1, Arbitraries.integers().between(1, 5000)))
                .list().ofMaxSize(20);
    }

    @Property(tries = 400)
    void framesSplitAtAnyBoundaryDecodeToWhatWasEncoded(@ForAll("streams") List<Item> items,
                                                        @ForAll("frameMaxes") int frameMax,
                                                        @ForAll("chunkSizes") List<Integer> chunkSizes,
                                                        @ForAll boolean protocolHeaderFirst) {
        List<Object> messages = new ArrayList<>();
        if (protocolHeaderFirst) {
            messages.add(new ProtocolHeader(0, 0, 9, 1));
        }
        for (Item item : items) {
            if (item instanceof Plain p) {
                messages.add(Command.of(p.channel(), p.method()));
            } else if (item instanceof Content c) {
                messages.add(new Command(c.channel(), c.method(),
                        ContentHeader.basic(c.body().length, c.properties()), Unpooled.copiedBuffer(c.body())));
            } else {
                messages.add(HeartbeatFrame.INSTANCE);
            }
        }
        byte[] stream = TestChannels.encode(frameMax, messages.toArray());

        FrameDecoder decoder = new FrameDecoder(CodecLimits.DEFAULTS.withMaxFrameSize(1 << 22));
        decoder.setMaxFrameSize(1 << 22); // tables in methods may be large; this test is about boundaries
        EmbeddedChannel channel = new EmbeddedChannel(decoder, new CommandAssembler(CodecLimits.DEFAULTS));
        List<Object> out = TestChannels.feed(channel, split(stream, chunkSizes));
        try {
            assertThat(channel.finishAndReleaseAll()).isFalse();
            int offset = protocolHeaderFirst ? 1 : 0;
            assertThat(out).hasSize(items.size() + offset);
            if (protocolHeaderFirst) {
                assertThat(out.get(0)).isEqualTo(ProtocolHeader.AMQP_0_9_1);
            }
            for (int i = 0; i < items.size(); i++) {
                Item item = items.get(i);
                Object actual = out.get(i + offset);
                if (item instanceof Plain p) {
                    Command command = (Command) actual;
                    assertThat(command.channel()).isEqualTo(p.channel());
                    assertThat(command.hasContent()).isFalse();
                    assertThat(Deep.normalize(command.method())).isEqualTo(Deep.normalize(expected(p.method())));
                } else if (item instanceof Content c) {
                    Command command = (Command) actual;
                    assertThat(command.channel()).isEqualTo(c.channel());
                    assertThat(Deep.normalize(command.method())).isEqualTo(Deep.normalize(c.method()));
                    assertThat(Deep.normalize(command.header())).isEqualTo(Deep.normalize(ContentHeader.basic(
                            c.body().length, CodecArbitraries.expectedDecoded(c.properties()))));
                    assertThat(Bytes.readable(command.body())).isEqualTo(c.body());
                } else {
                    assertThat(actual).isEqualTo(HeartbeatFrame.INSTANCE);
                }
            }
        } finally {
            TestChannels.releaseAll(out);
        }
    }

    private static Method expected(Method method) {
        return MethodArbitraries.expectedDecoded(method);
    }

    /** Cuts {@code bytes} into pieces of the given sizes, in turn; the last piece takes the rest. */
    static byte[][] split(byte[] bytes, List<Integer> sizes) {
        List<byte[]> pieces = new ArrayList<>();
        int offset = 0;
        for (int i = 0; offset < bytes.length; i++) {
            int size = sizes.isEmpty() ? bytes.length : sizes.get(i % sizes.size());
            int end = Math.min(bytes.length, offset + size);
            pieces.add(Arrays.copyOfRange(bytes, offset, end));
            offset = end;
        }
        return pieces.toArray(byte[][]::new);
    }
}

package dev.warren.amqp.codec.frame;

import dev.warren.amqp.codec.AmqpCodecException;
import dev.warren.amqp.codec.Bytes;
import dev.warren.amqp.codec.CodecLimits;
import dev.warren.amqp.codec.RecordingAllocator;
import dev.warren.amqp.codec.ReplyCode;
import dev.warren.amqp.codec.content.BasicProperties;
import dev.warren.amqp.codec.content.ContentHeader;
import dev.warren.amqp.codec.method.BasicMethod;
import dev.warren.amqp.codec.method.ChannelMethod;
import dev.warren.amqp.codec.method.ConfirmMethod;
import dev.warren.amqp.codec.method.ConnectionMethod;
import dev.warren.amqp.codec.method.ExchangeMethod;
import dev.warren.amqp.codec.method.Method;
import dev.warren.amqp.codec.method.MethodKind;
import dev.warren.amqp.codec.method.QueueMethod;
import dev.warren.amqp.codec.method.TxMethod;
import dev.warren.amqp.codec.table.LongString;
import dev.warren.amqp.codec.table.UnsignedByte;
import dev.warren.amqp.codec.table.UnsignedInt;
import dev.warren.amqp.codec.table.UnsignedShort;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import io.netty.util.ReferenceCountUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A million random and mutated inputs through {@link FrameDecoder} and {@link CommandAssembler}, every run: each
 * input decodes (and everything it produced is released) or fails with an {@link AmqpCodecException}, never with
 * any other exception, never hangs, never asks the allocator for more than frame-max, and leaves no buffer
 * unreleased.
 *
 * <p>Inputs: fully random bytes; random frames (random type, channel, size and payload); method frames with valid
 * ids and random arguments; content sequences with random sizes; valid streams mutated byte by byte (bit flips,
 * interesting values, length-field corruption, truncation, inserted, deleted and duplicated bytes); valid streams
 * whose frame payloads are mutated with the framing repaired, so the mutation reaches the argument parsers;
 * splices of two streams. Each input is fed whole or in up to four pieces.
 *
 * <p>Reproduce a failure with {@code -Dwarren.fuzz.seed=<seed>}: input {@code i} depends only on the seed and
 * {@code i}. {@code -Dwarren.fuzz.inputs=<n>} changes the count.
 */
class FrameDecoderFuzzTest {

    private static final int INPUTS = Integer.getInteger("warren.fuzz.inputs", 1_000_000);
    /** Small body and nesting limits, so that mutations run into them. */
    private static final CodecLimits LIMITS = new CodecLimits(CodecLimits.MIN_FRAME_SIZE, 100, 8);
    /** The decoder's frame-max before tuning; inputs are no longer, so gathering one never needs more. */
    private static final int FRAME_MAX = CodecLimits.MIN_FRAME_SIZE;

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aMillionRandomAndMutatedInputsEitherDecodeOrFailWithACodecError() {
        long seed = Long.getLong("warren.fuzz.seed", System.nanoTime());
        Harness harness = new Harness();
        long start = System.nanoTime();
        long slowest = 0;
        for (int i = 0; i < INPUTS; i++) {
            Random random = new Random(seed ^ (i * 0x9E3779B97F4A7C15L));
            byte[] input = generate(random);
            byte[][] chunks = split(random, input);
            long before = System.nanoTime();
            String problem = harness.run(chunks);
            slowest = Math.max(slowest, System.nanoTime() - before);
            if (problem != null) {
                throw new AssertionError("fuzz input " + i + " of seed " + seed + " (-Dwarren.fuzz.seed=" + seed
                        + "): " + problem + "\ninput in " + chunks.length + " piece(s): " + Bytes.hex(input));
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Collector c = harness.collector;
        System.out.printf("fuzz: %,d inputs in %.1f s (%,.0f inputs/s), seed %d; slowest input %.1f ms%n"
                        + "fuzz: inputs with a command %,d, a content too large %,d, a heartbeat %,d,"
                        + " a protocol header %,d; commands %,d; errors by reply code %s%n",
                INPUTS, seconds, INPUTS / seconds, seed, slowest / 1e6, harness.inputsWithCommand,
                harness.inputsWithTooLarge, harness.inputsWithHeartbeat, harness.inputsWithHeader, c.commands,
                harness.errorsByCode);

        assertThat(harness.allocator.largestRequest()).as("largest allocation").isLessThanOrEqualTo(FRAME_MAX);
        // The inputs must reach every outcome, or the fuzzer is not testing what it claims.
        assertThat(harness.inputsWithCommand).as("inputs that decoded to a command").isGreaterThan(INPUTS / 20);
        assertThat(harness.inputsWithTooLarge).as("inputs with a body above the limit").isPositive();
        assertThat(harness.inputsWithHeartbeat).isPositive();
        assertThat(harness.inputsWithHeader).isPositive();
        assertThat(harness.errorsByCode).containsKeys(ReplyCode.FRAME_ERROR, ReplyCode.SYNTAX_ERROR,
                ReplyCode.COMMAND_INVALID, ReplyCode.UNEXPECTED_FRAME);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Running one input

    /** One channel whose codec handlers are replaced for every input. */
    private static final class Harness {
        final RecordingAllocator allocator =
                // Leak detection off for these buffers: the harness checks every one of them itself, exactly.
                new RecordingAllocator(new UnpooledByteBufAllocator(false, true));
        final EmbeddedChannel channel = new EmbeddedChannel();
        final Collector collector = new Collector();
        final Map<Integer, Long> errorsByCode = new TreeMap<>();
        long inputsWithCommand;
        long inputsWithTooLarge;
        long inputsWithHeartbeat;
        long inputsWithHeader;

        Harness() {
            channel.config().setAllocator(allocator);
            channel.pipeline().addLast(collector);
        }

        /** Runs one input; returns what went wrong, or null. */
        String run(byte[][] chunks) {
            ChannelPipeline pipeline = channel.pipeline();
            FrameDecoder decoder = new FrameDecoder(LIMITS);
            CommandAssembler assembler = new CommandAssembler(LIMITS);
            pipeline.addFirst(CommandAssembler.NAME, assembler);
            pipeline.addFirst(FrameDecoder.NAME, decoder);
            collector.reset();
            ByteBuf[] buffers = new ByteBuf[chunks.length];
            try {
                for (int i = 0; i < chunks.length; i++) {
                    buffers[i] = Unpooled.wrappedBuffer(chunks[i]);
                    pipeline.fireChannelRead(buffers[i]);
                }
            } catch (Throwable t) {
                return "the pipeline threw " + describe(t);
            } finally {
                // What the decoder still holds is handed on when it is removed; the assembler releases partials.
                pipeline.remove(decoder);
                pipeline.remove(assembler);
            }
            for (Throwable error : collector.errors) {
                AmqpCodecException codecError = codecError(error);
                if (codecError == null) {
                    return "raised " + describe(error);
                }
                errorsByCode.merge(codecError.replyCode(), 1L, Long::sum);
            }
            if (collector.problem != null) {
                return collector.problem;
            }
            for (ByteBuf buffer : buffers) {
                // (An empty input is Unpooled.EMPTY_BUFFER, which is never released.)
                if (buffer != null && buffer != Unpooled.EMPTY_BUFFER && buffer.refCnt() != 0) {
                    return "an input buffer still has " + buffer.refCnt() + " reference(s)";
                }
            }
            List<ByteBuf> unreleased = allocator.unreleased();
            if (!unreleased.isEmpty()) {
                return unreleased.size() + " allocated buffer(s) not released: " + unreleased;
            }
            allocator.reset();
            if (allocator.largestRequest() > FRAME_MAX) {
                return "asked the allocator for " + allocator.largestRequest() + " bytes";
            }
            inputsWithCommand += collector.inputCommands > 0 ? 1 : 0;
            inputsWithTooLarge += collector.inputTooLarge > 0 ? 1 : 0;
            inputsWithHeartbeat += collector.inputHeartbeats > 0 ? 1 : 0;
            inputsWithHeader += collector.inputHeaders > 0 ? 1 : 0;
            return null;
        }

        private static AmqpCodecException codecError(Throwable error) {
            if (error instanceof AmqpCodecException codecError) {
                return codecError;
            }
            if (error instanceof DecoderException && error.getCause() instanceof AmqpCodecException codecError) {
                return codecError;
            }
            return null;
        }

        private static String describe(Throwable t) {
            java.io.StringWriter text = new java.io.StringWriter();
            t.printStackTrace(new java.io.PrintWriter(text));
            return text.toString();
        }
    }

    /** The end of the pipeline: checks, counts and releases what comes out, and keeps the errors. */
    private static final class Collector extends ChannelInboundHandlerAdapter {
        final List<Throwable> errors = new ArrayList<>();
        String problem;
        long commands;
        int inputCommands;
        int inputTooLarge;
        int inputHeartbeats;
        int inputHeaders;

        void reset() {
            errors.clear();
            problem = null;
            inputCommands = 0;
            inputTooLarge = 0;
            inputHeartbeats = 0;
            inputHeaders = 0;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (msg instanceof Command command) {
                    commands++;
                    inputCommands++;
                    if (command.hasContent() && command.body().readableBytes() != command.header().bodySize()) {
                        problem = "a command's body has " + command.body().readableBytes() + " bytes, its header "
                                + "announced " + command.header().bodySize();
                    }
                    if (command.method().hasContent() != command.hasContent()) {
                        problem = "content of " + command.method().kind() + ": " + command.hasContent();
                    }
                } else if (msg instanceof ContentTooLarge tooLarge) {
                    inputTooLarge++;
                    if (Long.compareUnsigned(tooLarge.bodySize(), LIMITS.maxBodySize()) <= 0) {
                        problem = "content too large of " + tooLarge.bodySize() + " bytes";
                    }
                } else if (msg instanceof HeartbeatFrame) {
                    inputHeartbeats++;
                } else if (msg instanceof ProtocolHeader) {
                    inputHeaders++;
                } else if (!(msg instanceof ByteBuf)) { // bytes left in the decoder when it is removed
                    problem = "unexpected message " + msg;
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            errors.add(cause);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Inputs

    static byte[] generate(Random r) {
        int kind = r.nextInt(100);
        byte[] input;
        if (kind < 8) {
            input = randomBytes(r, r.nextInt(r.nextBoolean() ? 16 : 300));
        } else if (kind < 16) {
            input = randomFrames(r);
        } else if (kind < 30) {
            input = randomMethodFrame(r);
        } else if (kind < 40) {
            input = randomContent(r);
        } else if (kind < 70) {
            input = mutate(r, pick(r), 1 + r.nextInt(4));
        } else if (kind < 94) {
            input = mutatePayloads(r, pick(r));
        } else {
            input = Bytes.of(mutate(r, pick(r), r.nextInt(2)), mutate(r, pick(r), r.nextInt(2)));
        }
        return input.length <= FRAME_MAX ? input : Arrays.copyOf(input, FRAME_MAX);
    }

    /** The input whole (half the time) or cut into two to four pieces. */
    static byte[][] split(Random r, byte[] input) {
        if (input.length < 2 || r.nextBoolean()) {
            return new byte[][] {input};
        }
        int pieces = 2 + r.nextInt(Math.min(3, input.length - 1));
        int[] cuts = r.ints(pieces - 1, 1, input.length).sorted().distinct().toArray();
        byte[][] chunks = new byte[cuts.length + 1][];
        int from = 0;
        for (int i = 0; i < cuts.length; i++) {
            chunks[i] = Arrays.copyOfRange(input, from, cuts[i]);
            from = cuts[i];
        }
        chunks[cuts.length] = Arrays.copyOfRange(input, from, input.length);
        return chunks;
    }

    private static byte[] pick(Random r) {
        return SEEDS.get(r.nextInt(SEEDS.size()));
    }

    static byte[] randomBytes(Random r, int length) {
        byte[] bytes = new byte[length];
        r.nextBytes(bytes);
        return bytes;
    }

    /** Bytes that are mostly zero: lengths and flags that are small, strings that are empty. */
    static byte[] sparseBytes(Random r, int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            int roll = r.nextInt(8);
            bytes[i] = (byte) (roll < 4 ? 0 : roll < 6 ? r.nextInt(8) : r.nextInt(256));
        }
        return bytes;
    }

    private static final int[] FRAME_TYPES = {1, 2, 3, 8};

    /** One to three frames of random type, channel, declared size and payload. */
    static byte[] randomFrames(Random r) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int n = 1 + r.nextInt(3); n > 0; n--) {
            int type = r.nextInt(10) == 0 ? r.nextInt(256) : FRAME_TYPES[r.nextInt(4)];
            int channel = r.nextInt(4) == 0 ? r.nextInt(65536) : r.nextInt(3);
            byte[] payload = r.nextBoolean() ? sparseBytes(r, r.nextInt(40)) : randomBytes(r, r.nextInt(100));
            long size = r.nextInt(8) == 0 ? interesting32(r, payload.length) : payload.length;
            out.writeBytes(Bytes.of(type, Bytes.int16(channel), Bytes.int32(size), payload));
            out.write(r.nextInt(16) == 0 ? r.nextInt(256) : Frame.FRAME_END);
        }
        return out.toByteArray();
    }

    private static final MethodKind[] KINDS = MethodKind.values();

    /** A well-framed method frame with valid ids and random arguments. */
    static byte[] randomMethodFrame(Random r) {
        MethodKind kind = KINDS[r.nextInt(KINDS.length)];
        byte[] arguments = r.nextBoolean() ? sparseBytes(r, r.nextInt(60)) : randomBytes(r, r.nextInt(60));
        byte[] payload = Bytes.of(Bytes.int16(kind.classId()), Bytes.int16(kind.methodId()), arguments);
        return Bytes.frame(Frame.METHOD, r.nextInt(3), payload);
    }

    /** A content method, a header with a random body size, and body frames of random sizes. */
    static byte[] randomContent(Random r) {
        int channel = r.nextInt(3);
        long bodySize = r.nextInt(10) == 0 ? interesting32(r, 100) : r.nextInt(200);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(methodFrame(channel, new BasicMethod.Deliver("c", r.nextLong(), r.nextBoolean(), "", "q")));
        out.writeBytes(headerFrame(channel, bodySize, r.nextBoolean() ? BasicProperties.EMPTY : PROPERTIES));
        long left = bodySize + (r.nextInt(4) == 0 ? r.nextInt(5) - 2 : 0);
        while (left > 0 && out.size() < FRAME_MAX) {
            int size = (int) Math.min(left, r.nextInt(4) == 0 ? 1 : 1 + r.nextInt(80));
            out.writeBytes(Bytes.frame(Frame.BODY, r.nextInt(8) == 0 ? r.nextInt(3) : channel,
                    randomBytes(r, size)));
            left -= size;
        }
        if (r.nextBoolean()) {
            out.writeBytes(methodFrame(channel, new BasicMethod.Ack(1, false)));
        }
        return out.toByteArray();
    }

    /** One to four byte-level mutations. */
    static byte[] mutate(Random r, byte[] input, int mutations) {
        byte[] bytes = input;
        for (int i = 0; i < mutations; i++) {
            bytes = mutateOnce(r, bytes);
        }
        return bytes;
    }

    private static final int[] INTERESTING_BYTES = {0x00, 0x01, 0x02, 0x03, 0x08, 0x7F, 0x80, 0xFF, 0xCE, 'A', 'F',
            'S', 'x', 'T', 'V', 'D', 0xC0, 0xED, 0xF4};

    static byte[] mutateOnce(Random r, byte[] b) {
        if (b.length == 0) {
            return randomBytes(r, 1 + r.nextInt(8));
        }
        int at = r.nextInt(b.length);
        switch (r.nextInt(9)) {
            case 0 -> { // flip a bit
                byte[] copy = b.clone();
                copy[at] ^= (byte) (1 << r.nextInt(8));
                return copy;
            }
            case 1 -> { // a random byte
                byte[] copy = b.clone();
                copy[at] = (byte) r.nextInt(256);
                return copy;
            }
            case 2 -> { // an interesting byte
                byte[] copy = b.clone();
                copy[at] = (byte) INTERESTING_BYTES[r.nextInt(INTERESTING_BYTES.length)];
                return copy;
            }
            case 3 -> { // truncate
                return Arrays.copyOf(b, at);
            }
            case 4 -> { // insert random bytes
                return Bytes.of(Arrays.copyOf(b, at), randomBytes(r, 1 + r.nextInt(16)),
                        Arrays.copyOfRange(b, at, b.length));
            }
            case 5 -> { // delete a range
                int end = Math.min(b.length, at + 1 + r.nextInt(16));
                return Bytes.of(Arrays.copyOf(b, at), Arrays.copyOfRange(b, end, b.length));
            }
            case 6 -> { // corrupt a 32-bit length field
                if (b.length < 4) {
                    return b;
                }
                int index = r.nextInt(b.length - 3);
                byte[] copy = b.clone();
                long old = Integer.toUnsignedLong(((copy[index] & 0xFF) << 24) | ((copy[index + 1] & 0xFF) << 16)
                        | ((copy[index + 2] & 0xFF) << 8) | (copy[index + 3] & 0xFF));
                System.arraycopy(Bytes.int32(interesting32(r, old)), 0, copy, index, 4);
                return copy;
            }
            case 7 -> { // corrupt a 16-bit field (ids, channel, short lengths)
                if (b.length < 2) {
                    return b;
                }
                int index = r.nextInt(b.length - 1);
                byte[] copy = b.clone();
                int[] values = {0, 1, 0xFFFF, 0x8000, 10, 20, 60, 85, 90, r.nextInt(65536)};
                System.arraycopy(Bytes.int16(values[r.nextInt(values.length)]), 0, copy, index, 2);
                return copy;
            }
            default -> { // duplicate a range somewhere else
                int end = Math.min(b.length, at + 1 + r.nextInt(32));
                byte[] range = Arrays.copyOfRange(b, at, end);
                int to = r.nextInt(b.length + 1);
                return Bytes.of(Arrays.copyOf(b, to), range, Arrays.copyOfRange(b, to, b.length));
            }
        }
    }

    static long interesting32(Random r, long current) {
        long[] values = {0, 1, 0x7FFF_FFFFL, 0x8000_0000L, 0xFFFF_FFFFL, FRAME_MAX - 8, FRAME_MAX - 7,
                FRAME_MAX, 65535, current + 1, Math.max(0, current - 1), r.nextInt() & 0xFFFF_FFFFL};
        return values[r.nextInt(values.length)] & 0xFFFF_FFFFL;
    }

    /** Mutates the payloads of one or two frames and repairs their size and frame-end. */
    static byte[] mutatePayloads(Random r, byte[] stream) {
        List<byte[]> frames = frames(stream);
        for (int n = 1 + r.nextInt(2); n > 0; n--) {
            int index = r.nextInt(frames.size());
            byte[] frame = frames.get(index);
            if (frame.length < Frame.OVERHEAD) {
                continue; // the protocol header
            }
            byte[] payload = Arrays.copyOfRange(frame, Frame.HEADER_SIZE, frame.length - 1);
            byte[] mutated = mutate(r, payload, 1 + r.nextInt(3));
            int type = frame[0] & 0xFF;
            int channel = ((frame[1] & 0xFF) << 8) | (frame[2] & 0xFF);
            if (r.nextInt(10) == 0) {
                channel = r.nextInt(3);
            }
            frames.set(index, Bytes.frame(type, channel, mutated));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        frames.forEach(out::writeBytes);
        return out.toByteArray();
    }

    /** A valid stream cut into its frames (and the protocol header, if it starts with one). */
    static List<byte[]> frames(byte[] stream) {
        List<byte[]> frames = new ArrayList<>();
        int offset = 0;
        if (stream.length >= 8 && stream[0] == 'A') {
            frames.add(Arrays.copyOf(stream, 8));
            offset = 8;
        }
        while (offset < stream.length) {
            int size = ((stream[offset + 3] & 0xFF) << 24) | ((stream[offset + 4] & 0xFF) << 16)
                    | ((stream[offset + 5] & 0xFF) << 8) | (stream[offset + 6] & 0xFF);
            int end = offset + Frame.OVERHEAD + size;
            frames.add(Arrays.copyOfRange(stream, offset, end));
            offset = end;
        }
        return frames;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Valid streams to mutate

    private static final BasicProperties PROPERTIES = BasicProperties.builder()
            .contentType("application/json").contentEncoding("gzip").headers(everyType(2))
            .deliveryMode(2).priority(5).correlationId("c-1").replyTo("amq.rabbitmq.reply-to").expiration("60000")
            .messageId("m-1").timestamp(Instant.ofEpochSecond(1_700_000_000L)).type("t").userId("guest")
            .appId("app").clusterId("cluster").build();

    private static final List<byte[]> SEEDS = seeds();

    /** A table with one value of every field type, and {@code depth} more levels of tables and arrays in it. */
    private static Map<String, Object> everyType(int depth) {
        Map<String, Object> table = new LinkedHashMap<>();
        table.put("t", true);
        table.put("b", (byte) -3);
        table.put("B", new UnsignedByte(200));
        table.put("s", (short) -300);
        table.put("u", new UnsignedShort(60000));
        table.put("I", -70000);
        table.put("i", new UnsignedInt(3_000_000_000L));
        table.put("l", -5_000_000_000L);
        table.put("f", 1.25f);
        table.put("d", -2.5e300);
        table.put("D", new BigDecimal("-12.345"));
        table.put("S", "Grüße 😀");
        table.put("x", new byte[] {1, 2, 3});
        table.put("T", Instant.ofEpochSecond(1_700_000_000L));
        table.put("V", null);
        if (depth > 0) {
            table.put("F", everyType(depth - 1));
            table.put("A", List.of(1, "two", everyType(depth - 1)));
        }
        return table;
    }

    /** Tables nested {@code levels} deep, counting the outer one. */
    private static Map<String, Object> nested(int levels) {
        Map<String, Object> table = Map.of();
        for (int i = 1; i < levels; i++) {
            table = Map.of("n", i % 2 == 0 ? table : List.of(table));
        }
        return table;
    }

    static List<byte[]> seeds() {
        List<byte[]> seeds = new ArrayList<>();
        byte[] protocolHeader = Bytes.of("AMQP", 0, 0, 9, 1);
        seeds.add(Bytes.of(protocolHeader, methodFrame(0, new ConnectionMethod.Start(0, 9, everyType(2),
                LongString.of("PLAIN AMQPLAIN"), LongString.of("en_US")))));
        seeds.add(Bytes.of(methodFrame(0, new ConnectionMethod.Tune(2047, 131072, 60)),
                methodFrame(0, new ConnectionMethod.TuneOk(2047, 131072, 60)),
                methodFrame(0, new ConnectionMethod.Open("/")), methodFrame(0, ConnectionMethod.OpenOk.INSTANCE)));
        seeds.add(Bytes.of(methodFrame(0, new ConnectionMethod.Close(320, "CONNECTION_FORCED - Grüße", 0, 0)),
                methodFrame(0, ConnectionMethod.CloseOk.INSTANCE)));
        seeds.add(Bytes.of(methodFrame(0, new ConnectionMethod.Blocked("low on memory")),
                methodFrame(0, ConnectionMethod.Unblocked.INSTANCE),
                methodFrame(0, new ConnectionMethod.UpdateSecret(LongString.of("token"), "refresh")),
                heartbeat(), heartbeat()));
        seeds.add(Bytes.of(methodFrame(1, ChannelMethod.OpenOk.INSTANCE), methodFrame(1, new ChannelMethod.Flow(true)),
                methodFrame(1, new ChannelMethod.Close(406, "PRECONDITION_FAILED", 50, 10)),
                methodFrame(1, ChannelMethod.CloseOk.INSTANCE)));
        seeds.add(Bytes.of(methodFrame(1, new QueueMethod.DeclareOk("amq.gen-1", 5, 1)),
                methodFrame(1, new QueueMethod.Declare("q", false, true, false, false, false, everyType(1))),
                methodFrame(1, new ExchangeMethod.Declare("x", "topic", false, true, false, false, false,
                        Map.of("alternate-exchange", "ae")))));
        seeds.add(Bytes.of(methodFrame(1, BasicMethod.QosOk.INSTANCE), methodFrame(1, new BasicMethod.ConsumeOk("c")),
                methodFrame(1, new BasicMethod.Ack(42, true)), methodFrame(1, new BasicMethod.Nack(43, false, true)),
                methodFrame(1, ConfirmMethod.SelectOk.INSTANCE), methodFrame(1, TxMethod.CommitOk.INSTANCE),
                methodFrame(1, new BasicMethod.Cancel("c", false))));
        seeds.add(content(1, new BasicMethod.Deliver("ctag", 1, false, "ex", "rk"), PROPERTIES, Bytes.of("hello"),
                1000));
        seeds.add(content(2, new BasicMethod.Deliver("ctag", 2, true, "", "q"), BasicProperties.EMPTY,
                Bytes.of("a body in three frames"), 16));
        seeds.add(Bytes.of(content(1, new BasicMethod.GetOk(7, false, "", "q", 3), BasicProperties.persistentText(),
                new byte[0], 1000), methodFrame(1, BasicMethod.GetEmpty.INSTANCE)));
        seeds.add(content(1, new BasicMethod.Return(312, "NO_ROUTE", "ex", "rk"), BasicProperties.EMPTY,
                Bytes.of("returned"), 1000));
        // A body of 150 bytes, above the limit of 100, and the next delivery
        seeds.add(Bytes.of(content(1, new BasicMethod.Deliver("c", 3, false, "", "q"), BasicProperties.EMPTY,
                new byte[150], 90), content(1, new BasicMethod.Deliver("c", 4, false, "", "q"),
                BasicProperties.EMPTY, Bytes.of("next"), 1000)));
        // Deliveries on two channels, their frames interleaved
        byte[] one = content(1, new BasicMethod.Deliver("c", 5, false, "", "q"), BasicProperties.EMPTY,
                Bytes.of("channel one"), 12);
        byte[] two = content(2, new BasicMethod.Deliver("c", 6, false, "", "q"), BasicProperties.EMPTY,
                Bytes.of("channel two"), 12);
        List<byte[]> a = frames(one);
        List<byte[]> b = frames(two);
        ByteArrayOutputStream interleaved = new ByteArrayOutputStream();
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            if (i < a.size()) {
                interleaved.writeBytes(a.get(i));
            }
            if (i < b.size()) {
                interleaved.writeBytes(b.get(i));
            }
        }
        seeds.add(interleaved.toByteArray());
        // Nesting at the limit of 8, and one beyond
        seeds.add(methodFrame(0, new ConnectionMethod.Start(0, 9, nested(LIMITS.maxNestingDepth()),
                LongString.EMPTY, LongString.EMPTY)));
        seeds.add(content(1, new BasicMethod.Deliver("c", 7, false, "", "q"),
                BasicProperties.builder().headers(nested(LIMITS.maxNestingDepth() + 1)).build(), Bytes.of("x"), 100));
        for (byte[] seed : seeds) {
            if (seed.length > FRAME_MAX) {
                throw new IllegalStateException("seed of " + seed.length + " bytes");
            }
        }
        return List.copyOf(seeds);
    }

    static byte[] heartbeat() {
        ByteBuf buf = Unpooled.buffer();
        FrameWriter.writeHeartbeat(buf);
        return Bytes.drain(buf);
    }

    static byte[] methodFrame(int channel, Method method) {
        ByteBuf buf = Unpooled.buffer();
        FrameWriter.writeMethodFrame(buf, channel, method);
        return Bytes.drain(buf);
    }

    static byte[] headerFrame(int channel, long bodySize, BasicProperties properties) {
        ByteBuf buf = Unpooled.buffer();
        FrameWriter.writeContentHeaderFrame(buf, channel, ContentHeader.basic(bodySize, properties));
        return Bytes.drain(buf);
    }

    /** A content method with its header and body frames at the given frame-max. */
    static byte[] content(int channel, Method method, BasicProperties properties, byte[] body, int frameMax) {
        ByteBuf buf = Unpooled.buffer();
        FrameWriter.writeMethodFrame(buf, channel, method);
        FrameWriter.writeContentHeaderFrame(buf, channel, ContentHeader.basic(body.length, properties));
        FrameWriter.writeBodyFrames(buf, channel, body, 0, body.length, frameMax);
        return Bytes.drain(buf);
    }
}

package dev.warren.amqp.codec.method;

import dev.warren.amqp.codec.CodecArbitraries;
import dev.warren.amqp.codec.table.LongString;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

import static dev.warren.amqp.codec.method.MethodKind.*;

/**
 * One generator per {@link MethodKind}, each filling every argument over its whole wire range. The round-trip test
 * checks that this map has a generator for every kind, so a method added to the codec cannot go untested.
 */
public final class MethodArbitraries {

    private MethodArbitraries() {
    }

    private static final Map<MethodKind, Arbitrary<? extends Method>> BY_KIND = build(CodecArbitraries.tables());

    /** The generators, by kind. */
    public static Map<MethodKind, Arbitrary<? extends Method>> byKind() {
        return BY_KIND;
    }

    /** Any method of any kind, every kind equally likely. */
    public static Arbitrary<Method> methods() {
        List<Arbitrary<Method>> all = new ArrayList<>();
        for (MethodKind kind : MethodKind.values()) {
            all.add(of(kind));
        }
        return Arbitraries.oneOf(all);
    }

    /** Methods of one kind. */
    @SuppressWarnings("unchecked")
    public static Arbitrary<Method> of(MethodKind kind) {
        Arbitrary<? extends Method> arbitrary = BY_KIND.get(kind);
        if (arbitrary == null) {
            throw new IllegalStateException("no generator for " + kind);
        }
        return (Arbitrary<Method>) arbitrary;
    }

    private static Arbitrary<String> shortstr() {
        return CodecArbitraries.shortStrings();
    }

    private static Arbitrary<LongString> longstr() {
        return CodecArbitraries.longStrings();
    }


    private static Arbitrary<Integer> octet() {
        return Arbitraries.integers().between(0, 0xFF);
    }

    private static Arbitrary<Integer> ushort() {
        return Arbitraries.integers().between(0, 0xFFFF);
    }

    private static Arbitrary<Long> ulong() {
        return Arbitraries.longs().between(0, 0xFFFF_FFFFL);
    }

    private static Arbitrary<Long> longlong() {
        return Arbitraries.longs();
    }

    private static Arbitrary<Boolean> bit() {
        return Arbitraries.of(true, false);
    }

    private static <T> Arbitrary<T> bits(Function<Integer, T> fromMask, int count) {
        return Arbitraries.integers().between(0, (1 << count) - 1).map(fromMask::apply);
    }

    private static boolean b(int mask, int bit) {
        return (mask & (1 << bit)) != 0;
    }

    /** Generators by kind whose table arguments come from {@code tables}. */
    public static Map<MethodKind, Arbitrary<? extends Method>> build(Arbitrary<Map<String, Object>> tables) {
        Supplier<Arbitrary<Map<String, Object>>> table = () -> tables;
        Map<MethodKind, Arbitrary<? extends Method>> m = new EnumMap<>(MethodKind.class);

        m.put(CONNECTION_START, Combinators.combine(octet(), octet(), table.get(), longstr(), longstr())
                .as(ConnectionMethod.Start::new));
        m.put(CONNECTION_START_OK, Combinators.combine(table.get(), shortstr(), longstr(), shortstr())
                .as(ConnectionMethod.StartOk::new));
        m.put(CONNECTION_SECURE, longstr().map(ConnectionMethod.Secure::new));
        m.put(CONNECTION_SECURE_OK, longstr().map(ConnectionMethod.SecureOk::new));
        m.put(CONNECTION_TUNE, Combinators.combine(ushort(), ulong(), ushort()).as(ConnectionMethod.Tune::new));
        m.put(CONNECTION_TUNE_OK, Combinators.combine(ushort(), ulong(), ushort()).as(ConnectionMethod.TuneOk::new));
        m.put(CONNECTION_OPEN, shortstr().map(ConnectionMethod.Open::new));
        m.put(CONNECTION_OPEN_OK, Arbitraries.just(ConnectionMethod.OpenOk.INSTANCE));
        m.put(CONNECTION_CLOSE, Combinators.combine(ushort(), shortstr(), ushort(), ushort())
                .as(ConnectionMethod.Close::new));
        m.put(CONNECTION_CLOSE_OK, Arbitraries.just(ConnectionMethod.CloseOk.INSTANCE));
        m.put(CONNECTION_BLOCKED, shortstr().map(ConnectionMethod.Blocked::new));
        m.put(CONNECTION_UNBLOCKED, Arbitraries.just(ConnectionMethod.Unblocked.INSTANCE));
        m.put(CONNECTION_UPDATE_SECRET, Combinators.combine(longstr(), shortstr())
                .as(ConnectionMethod.UpdateSecret::new));
        m.put(CONNECTION_UPDATE_SECRET_OK, Arbitraries.just(ConnectionMethod.UpdateSecretOk.INSTANCE));

        m.put(CHANNEL_OPEN, Arbitraries.just(ChannelMethod.Open.INSTANCE));
        m.put(CHANNEL_OPEN_OK, Arbitraries.just(ChannelMethod.OpenOk.INSTANCE));
        m.put(CHANNEL_FLOW, bit().map(ChannelMethod.Flow::new));
        m.put(CHANNEL_FLOW_OK, bit().map(ChannelMethod.FlowOk::new));
        m.put(CHANNEL_CLOSE, Combinators.combine(ushort(), shortstr(), ushort(), ushort())
                .as(ChannelMethod.Close::new));
        m.put(CHANNEL_CLOSE_OK, Arbitraries.just(ChannelMethod.CloseOk.INSTANCE));

        m.put(ACCESS_REQUEST, Combinators.combine(shortstr(), Arbitraries.integers().between(0, 31))
                .as((realm, x) -> new AccessMethod.Request(realm, b(x, 0), b(x, 1), b(x, 2), b(x, 3), b(x, 4))));
        m.put(ACCESS_REQUEST_OK, ushort().map(AccessMethod.RequestOk::new));

        m.put(EXCHANGE_DECLARE, Combinators.combine(shortstr(), shortstr(), Arbitraries.integers().between(0, 31),
                        table.get())
                .as((exchange, type, x, arguments) -> new ExchangeMethod.Declare(exchange, type, b(x, 0), b(x, 1),
                        b(x, 2), b(x, 3), b(x, 4), arguments)));
        m.put(EXCHANGE_DECLARE_OK, Arbitraries.just(ExchangeMethod.DeclareOk.INSTANCE));
        m.put(EXCHANGE_DELETE, Combinators.combine(shortstr(), bit(), bit()).as(ExchangeMethod.Delete::new));
        m.put(EXCHANGE_DELETE_OK, Arbitraries.just(ExchangeMethod.DeleteOk.INSTANCE));
        m.put(EXCHANGE_BIND, Combinators.combine(shortstr(), shortstr(), shortstr(), bit(), table.get())
                .as(ExchangeMethod.Bind::new));
        m.put(EXCHANGE_BIND_OK, Arbitraries.just(ExchangeMethod.BindOk.INSTANCE));
        m.put(EXCHANGE_UNBIND, Combinators.combine(shortstr(), shortstr(), shortstr(), bit(), table.get())
                .as(ExchangeMethod.Unbind::new));
        m.put(EXCHANGE_UNBIND_OK, Arbitraries.just(ExchangeMethod.UnbindOk.INSTANCE));

        m.put(QUEUE_DECLARE, Combinators.combine(shortstr(), Arbitraries.integers().between(0, 31), table.get())
                .as((queue, x, arguments) -> new QueueMethod.Declare(queue, b(x, 0), b(x, 1), b(x, 2), b(x, 3),
                        b(x, 4), arguments)));
        m.put(QUEUE_DECLARE_OK, Combinators.combine(shortstr(), ulong(), ulong()).as(QueueMethod.DeclareOk::new));
        m.put(QUEUE_BIND, Combinators.combine(shortstr(), shortstr(), shortstr(), bit(), table.get())
                .as(QueueMethod.Bind::new));
        m.put(QUEUE_BIND_OK, Arbitraries.just(QueueMethod.BindOk.INSTANCE));
        m.put(QUEUE_PURGE, Combinators.combine(shortstr(), bit()).as(QueueMethod.Purge::new));
        m.put(QUEUE_PURGE_OK, ulong().map(QueueMethod.PurgeOk::new));
        m.put(QUEUE_DELETE, Combinators.combine(shortstr(), bits(x -> x, 3))
                .as((queue, x) -> new QueueMethod.Delete(queue, b(x, 0), b(x, 1), b(x, 2))));
        m.put(QUEUE_DELETE_OK, ulong().map(QueueMethod.DeleteOk::new));
        m.put(QUEUE_UNBIND, Combinators.combine(shortstr(), shortstr(), shortstr(), table.get())
                .as(QueueMethod.Unbind::new));
        m.put(QUEUE_UNBIND_OK, Arbitraries.just(QueueMethod.UnbindOk.INSTANCE));

        m.put(BASIC_QOS, Combinators.combine(ulong(), ushort(), bit()).as(BasicMethod.Qos::new));
        m.put(BASIC_QOS_OK, Arbitraries.just(BasicMethod.QosOk.INSTANCE));
        m.put(BASIC_CONSUME, Combinators.combine(shortstr(), shortstr(), bits(x -> x, 4), table.get())
                .as((queue, tag, x, arguments) -> new BasicMethod.Consume(queue, tag, b(x, 0), b(x, 1), b(x, 2),
                        b(x, 3), arguments)));
        m.put(BASIC_CONSUME_OK, shortstr().map(BasicMethod.ConsumeOk::new));
        m.put(BASIC_CANCEL, Combinators.combine(shortstr(), bit()).as(BasicMethod.Cancel::new));
        m.put(BASIC_CANCEL_OK, shortstr().map(BasicMethod.CancelOk::new));
        m.put(BASIC_PUBLISH, Combinators.combine(shortstr(), shortstr(), bit(), bit()).as(BasicMethod.Publish::new));
        m.put(BASIC_RETURN, Combinators.combine(ushort(), shortstr(), shortstr(), shortstr())
                .as(BasicMethod.Return::new));
        m.put(BASIC_DELIVER, Combinators.combine(shortstr(), longlong(), bit(), shortstr(), shortstr())
                .as(BasicMethod.Deliver::new));
        m.put(BASIC_GET, Combinators.combine(shortstr(), bit()).as(BasicMethod.Get::new));
        m.put(BASIC_GET_OK, Combinators.combine(longlong(), bit(), shortstr(), shortstr(), ulong())
                .as(BasicMethod.GetOk::new));
        m.put(BASIC_GET_EMPTY, Arbitraries.just(BasicMethod.GetEmpty.INSTANCE));
        m.put(BASIC_ACK, Combinators.combine(longlong(), bit()).as(BasicMethod.Ack::new));
        m.put(BASIC_REJECT, Combinators.combine(longlong(), bit()).as(BasicMethod.Reject::new));
        m.put(BASIC_RECOVER_ASYNC, bit().map(BasicMethod.RecoverAsync::new));
        m.put(BASIC_RECOVER, bit().map(BasicMethod.Recover::new));
        m.put(BASIC_RECOVER_OK, Arbitraries.just(BasicMethod.RecoverOk.INSTANCE));
        m.put(BASIC_NACK, Combinators.combine(longlong(), bit(), bit()).as(BasicMethod.Nack::new));

        m.put(CONFIRM_SELECT, bit().map(ConfirmMethod.Select::new));
        m.put(CONFIRM_SELECT_OK, Arbitraries.just(ConfirmMethod.SelectOk.INSTANCE));

        m.put(TX_SELECT, Arbitraries.just(TxMethod.Select.INSTANCE));
        m.put(TX_SELECT_OK, Arbitraries.just(TxMethod.SelectOk.INSTANCE));
        m.put(TX_COMMIT, Arbitraries.just(TxMethod.Commit.INSTANCE));
        m.put(TX_COMMIT_OK, Arbitraries.just(TxMethod.CommitOk.INSTANCE));
        m.put(TX_ROLLBACK, Arbitraries.just(TxMethod.Rollback.INSTANCE));
        m.put(TX_ROLLBACK_OK, Arbitraries.just(TxMethod.RollbackOk.INSTANCE));
        return Collections.unmodifiableMap(m);
    }

    /** The method with every table replaced by what the decoder gives back for it. */
    public static Method expectedDecoded(Method method) {
        RecordComponent[] components = method.getClass().getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        try {
            for (int i = 0; i < components.length; i++) {
                Object value = components[i].getAccessor().invoke(method);
                values[i] = value instanceof Map<?, ?> ? CodecArbitraries.expectedDecoded(value) : value;
                types[i] = components[i].getType();
            }
            Constructor<?> canonical = method.getClass().getDeclaredConstructor(types);
            return (Method) canonical.newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}

package dev.warren.amqp.codec.method;

import io.netty.buffer.ByteBuf;

/**
 * An AMQP 0-9-1 method, with RabbitMQ's extensions: 66 immutable records, grouped by class in sealed interfaces.
 * {@link #kind()} gives the facts about a method (class and method id, whether it is synchronous, whether content
 * follows it, which methods answer it) from the single table in {@link MethodKind}; switching over the kind is
 * exhaustive. (The ids are deliberately not methods of this interface: connection.close and channel.close have
 * arguments named class-id and method-id, the method the close blames.)
 *
 * <p>Records omit the fields the specification reserves or deprecates (the {@code ticket} and
 * {@code reserved-*} fields); encoders write their default values and decoders skip them.
 */
public sealed interface Method permits ConnectionMethod, ChannelMethod, AccessMethod, ExchangeMethod, QueueMethod,
        BasicMethod, TxMethod, ConfirmMethod {

    /** The facts about this method. */
    MethodKind kind();

    /** Writes the method's arguments, not its class and method ids. */
    void encodeArguments(ByteBuf out);

    /** Whether the sender waits for one of {@link MethodKind#responses()} before the next synchronous method. */
    default boolean isSynchronous() {
        return kind().isSynchronous();
    }

    /** Whether a content header and body frames follow this method. */
    default boolean hasContent() {
        return kind().hasContent();
    }

    /** Writes class id, method id and arguments: the payload of a method frame. */
    default void encode(ByteBuf out) {
        MethodKind kind = kind();
        out.writeShort(kind.classId());
        out.writeShort(kind.methodId());
        encodeArguments(out);
    }
}

package dev.warren.amqp.client;

/**
 * What became of one message of {@link Channel#publishAll}: confirmed (or, without confirm mode, written), or
 * failed with a {@link PublishNackedException}, {@link MessageReturnedException}, {@link ChannelClosedException}
 * or another error.
 *
 * @param message the message
 * @param error   {@code null} on success
 */
public record PublishOutcome(OutboundMessage message, Throwable error) {

    public boolean isSuccess() {
        return error == null;
    }
}

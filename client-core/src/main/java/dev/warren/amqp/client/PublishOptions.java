package dev.warren.amqp.client;

/**
 * Bounds on publishing, per channel: how many publishes may await the broker's confirm in confirm mode, and how
 * many may wait in the channel's queue when that bound is reached, the socket's write buffer is full or the
 * broker has blocked the connection. A publish that finds the queue full fails at once with a
 * {@link LimitExceededException}; it never blocks the calling thread.
 *
 * @param maxUnconfirmed how many publishes may be unconfirmed at once in confirm mode (default 1024)
 * @param queueCapacity  how many publishes may wait to be written (default 8192)
 */
public record PublishOptions(int maxUnconfirmed, int queueCapacity) {

    public PublishOptions {
        if (maxUnconfirmed < 1) {
            throw new IllegalArgumentException("maxUnconfirmed must be at least 1, was " + maxUnconfirmed);
        }
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("queueCapacity must be at least 1, was " + queueCapacity);
        }
    }

    public static PublishOptions defaults() {
        return new PublishOptions(1024, 8192);
    }

    public PublishOptions withMaxUnconfirmed(int value) {
        return new PublishOptions(value, queueCapacity);
    }

    public PublishOptions withQueueCapacity(int value) {
        return new PublishOptions(maxUnconfirmed, value);
    }
}

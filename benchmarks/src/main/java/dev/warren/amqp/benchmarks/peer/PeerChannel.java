package dev.warren.amqp.benchmarks.peer;

/** What the peer remembers about one open AMQP channel. Event loop only. */
final class PeerChannel {

    final int number;

    /** Whether a basic.publish was read and its content header not yet. */
    boolean contentExpected;
    /** Body bytes of the publish being read that have not arrived yet. */
    long bodyRemaining;

    /** Whether confirm.select was received: publishes from then on are counted and acked. */
    boolean confirmMode;
    /** Publishes since confirm.select: the delivery tag of the latest one. */
    long published;
    /** The highest publish tag acked so far. */
    long confirmed;
    /** Whether the channel is in the connection's list of channels with publishes to ack after this read. */
    boolean confirmPending;

    /**
     * basic.qos prefetch-count; 0 is no limit. It bounds the unacknowledged deliveries of the whole channel, whatever
     * the global flag: the same as RabbitMQ for one consumer per channel, which is what benchmarks use.
     */
    int prefetchCount;
    /** The delivery tag the next basic.deliver on this channel gets. */
    long nextDeliveryTag = 1;
    /** Deliveries to manual-ack consumers not settled yet, tracked only while a prefetch limit applies. */
    final OutstandingDeliveries outstanding = new OutstandingDeliveries();

    PeerChannel(int number) {
        this.number = number;
    }

    /** Whether a consumer with these acknowledgement semantics may be sent one more delivery. */
    boolean hasCredit(boolean noAck) {
        return noAck || prefetchCount == 0 || outstanding.unsettled() < prefetchCount;
    }

    /** Takes the next delivery tag, tracking it when the client must ack it within a prefetch limit. */
    long nextDelivery(boolean noAck) {
        long tag = nextDeliveryTag++;
        if (!noAck && prefetchCount > 0) {
            outstanding.add(tag);
        }
        return tag;
    }
}

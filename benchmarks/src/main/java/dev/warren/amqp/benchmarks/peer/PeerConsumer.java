package dev.warren.amqp.benchmarks.peer;

import io.netty.buffer.ByteBuf;

/** A basic.consume the source pushes deliveries to. Event loop only. */
final class PeerConsumer {

    final PeerChannel channel;
    final String tag;
    private final boolean noAck;
    private final DeliveryFrames frames;

    PeerConsumer(PeerChannel channel, String tag, boolean noAck, DeliveryFrames frames) {
        this.channel = channel;
        this.tag = tag;
        this.noAck = noAck;
        this.frames = frames;
    }

    boolean hasCredit() {
        return channel.hasCredit(noAck);
    }

    int deliverySize() {
        return frames.size();
    }

    void deliver(ByteBuf out, long sentNanos) {
        frames.write(out, channel.nextDelivery(noAck), sentNanos);
    }
}

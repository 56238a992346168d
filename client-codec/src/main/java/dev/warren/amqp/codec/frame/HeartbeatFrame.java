package dev.warren.amqp.codec.frame;

/** A heartbeat frame: always on channel 0, no payload. */
public record HeartbeatFrame() implements Frame {

    public static final HeartbeatFrame INSTANCE = new HeartbeatFrame();

    @Override
    public int channel() {
        return 0;
    }
}

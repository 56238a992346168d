package dev.warren.amqp.codec.frame;

/** One AMQP frame, as the {@link FrameDecoder} reads it. */
public sealed interface Frame permits MethodFrame, ContentHeaderFrame, ContentBodyFrame, HeartbeatFrame {

    /** Frame type octet of a method frame. */
    int METHOD = 1;
    /** Frame type octet of a content-header frame. */
    int HEADER = 2;
    /** Frame type octet of a content-body frame. */
    int BODY = 3;
    /** Frame type octet of a heartbeat frame. */
    int HEARTBEAT = 8;
    /** The octet that ends every frame. */
    int FRAME_END = 0xCE;
    /** Type, channel and size: the bytes before a frame's payload. */
    int HEADER_SIZE = 7;
    /** Header and frame-end: what a frame adds to its payload. */
    int OVERHEAD = 8;

    /** The channel the frame belongs to; 0 is the connection itself. */
    int channel();
}

package dev.warren.amqp.codec.frame;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.DefaultByteBufHolder;

/**
 * A content-body frame. Its payload is a retained slice of the buffer it was read from, not a copy: whoever
 * receives the frame owns one reference and must release it.
 */
public final class ContentBodyFrame extends DefaultByteBufHolder implements Frame {

    private final int channel;

    public ContentBodyFrame(int channel, ByteBuf payload) {
        super(payload);
        Channels.check(channel);
        this.channel = channel;
    }

    @Override
    public int channel() {
        return channel;
    }

    @Override
    public ContentBodyFrame replace(ByteBuf content) {
        return new ContentBodyFrame(channel, content);
    }

    @Override
    public ContentBodyFrame retain() {
        super.retain();
        return this;
    }

    @Override
    public ContentBodyFrame touch(Object hint) {
        super.touch(hint);
        return this;
    }

    @Override
    public String toString() {
        return "ContentBodyFrame[channel=" + channel + ", bytes=" + content().readableBytes() + ']';
    }
}

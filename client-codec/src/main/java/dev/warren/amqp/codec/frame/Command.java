package dev.warren.amqp.codec.frame;

import dev.warren.amqp.codec.content.ContentHeader;
import dev.warren.amqp.codec.method.Method;
import io.netty.buffer.ByteBuf;
import io.netty.util.ReferenceCounted;

import java.util.Objects;

/**
 * A whole AMQP command: a method and, when the method carries content, its header and complete body. The body of
 * an inbound command is a retained slice of the read buffers (a composite when it came in several frames); the
 * receiver owns one reference and must {@link #release()} the command. A command without content holds no
 * buffer, and releasing it does nothing.
 *
 * @param channel the channel number; 0 for the connection
 * @param method  the method
 * @param header  the content header, or {@code null} when the method carries no content
 * @param body    the content body, or {@code null} when the method carries no content
 */
public record Command(int channel, Method method, ContentHeader header, ByteBuf body) implements ReferenceCounted {

    public Command {
        Channels.check(channel);
        Objects.requireNonNull(method, "method");
        if ((header == null) != (body == null)) {
            throw new IllegalArgumentException("a command has both a content header and a body, or neither");
        }
    }

    /** A command without content. */
    public static Command of(int channel, Method method) {
        return new Command(channel, method, null, null);
    }

    public boolean hasContent() {
        return body != null;
    }

    @Override
    public int refCnt() {
        return body == null ? 1 : body.refCnt();
    }

    @Override
    public Command retain() {
        if (body != null) {
            body.retain();
        }
        return this;
    }

    @Override
    public Command retain(int increment) {
        if (body != null) {
            body.retain(increment);
        }
        return this;
    }

    @Override
    public Command touch() {
        if (body != null) {
            body.touch();
        }
        return this;
    }

    @Override
    public Command touch(Object hint) {
        if (body != null) {
            body.touch(hint);
        }
        return this;
    }

    @Override
    public boolean release() {
        return body != null && body.release();
    }

    @Override
    public boolean release(int decrement) {
        return body != null && body.release(decrement);
    }

    @Override
    public String toString() {
        return "Command[channel=" + channel + ", " + method
                + (body == null ? "" : ", " + header + ", body=" + body.readableBytes() + " bytes") + ']';
    }
}

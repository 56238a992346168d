package dev.warren.amqp.codec.frame;

import dev.warren.amqp.codec.content.ContentHeader;

import java.util.Objects;

/** A content-header frame: class, body size and properties of the content that follows a method. */
public record ContentHeaderFrame(int channel, ContentHeader header) implements Frame {
    public ContentHeaderFrame {
        Objects.requireNonNull(header, "header");
        Channels.check(channel);
    }
}

package dev.warren.amqp.codec;

import io.netty.handler.codec.DecoderException;

/**
 * Inbound bytes that break the AMQP 0-9-1 wire format. It carries the reply code the connection must be closed
 * with ({@link ReplyCode#FRAME_ERROR}, {@link ReplyCode#SYNTAX_ERROR}, {@link ReplyCode#COMMAND_INVALID} or
 * {@link ReplyCode#UNEXPECTED_FRAME}), so the connection can tell the peer why before it goes.
 */
public final class AmqpCodecException extends DecoderException {

    private static final long serialVersionUID = 1L;

    private final int replyCode;

    public AmqpCodecException(int replyCode, String message) {
        super(message);
        this.replyCode = replyCode;
    }

    /** The AMQP reply code for the connection.close this error calls for. */
    public int replyCode() {
        return replyCode;
    }

    /** 501: a frame that is malformed as a frame (size, type, frame-end, channel). */
    public static AmqpCodecException frameError(String message) {
        return new AmqpCodecException(ReplyCode.FRAME_ERROR, message);
    }

    /** 502: a frame whose fields hold illegal values (lengths, UTF-8, field types, nesting). */
    public static AmqpCodecException syntaxError(String message) {
        return new AmqpCodecException(ReplyCode.SYNTAX_ERROR, message);
    }

    /** 503: a method this protocol does not define. */
    public static AmqpCodecException commandInvalid(String message) {
        return new AmqpCodecException(ReplyCode.COMMAND_INVALID, message);
    }

    /** 505: a frame that is well formed but not allowed where it arrived. */
    public static AmqpCodecException unexpectedFrame(String message) {
        return new AmqpCodecException(ReplyCode.UNEXPECTED_FRAME, message);
    }

    @Override
    public String getMessage() {
        return replyCode + " " + ReplyCode.name(replyCode) + ": " + super.getMessage();
    }
}

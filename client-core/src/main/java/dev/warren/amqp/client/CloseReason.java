package dev.warren.amqp.client;

import dev.warren.amqp.codec.ReplyCode;
import dev.warren.amqp.codec.method.MethodKind;

/**
 * Why a connection or channel closed: the reply code and text of the close, the method that caused it when the
 * broker named one, who initiated it, and the underlying failure when there was one.
 *
 * @param replyCode  the AMQP reply code (200 for a normal close; 0 when the socket failed without a close)
 * @param replyText  the reply text
 * @param causedBy   the method the close blames, or {@code null} when none was named
 * @param initiator  who closed it
 * @param cause      the underlying failure (an I/O error, a timeout, a codec error), or {@code null}
 */
public record CloseReason(int replyCode, String replyText, MethodKind causedBy, CloseInitiator initiator,
                          Throwable cause) {

    /** A normal close by the application. */
    public static CloseReason normal(String text) {
        return new CloseReason(ReplyCode.SUCCESS, text, null, CloseInitiator.CLIENT, null);
    }

    /** Whether this was a normal (200) close. */
    public boolean isNormal() {
        return replyCode == ReplyCode.SUCCESS;
    }

    public boolean isInitiatedByServer() {
        return initiator == CloseInitiator.SERVER;
    }

    /** One line, such as {@code 404 NOT_FOUND "no queue 'q'" caused by queue.declare, closed by the server}. */
    public String describe() {
        StringBuilder s = new StringBuilder();
        if (replyCode != 0) {
            s.append(replyCode).append(' ').append(ReplyCode.name(replyCode)).append(' ');
        }
        s.append('"').append(replyText).append('"');
        if (causedBy != null) {
            s.append(" caused by ").append(causedBy.amqpName());
        }
        s.append(switch (initiator) {
            case SERVER -> ", closed by the server";
            case CLIENT -> ", closed by the client";
            case TRANSPORT -> ", connection lost";
        });
        if (cause != null && initiator != CloseInitiator.SERVER) {
            s.append(" (").append(cause).append(')');
        }
        return s.toString();
    }
}

package dev.warren.amqp.client.internal;

import java.io.IOException;

/** The broker sent nothing for two heartbeat intervals; the connection is considered lost. */
final class MissedHeartbeatException extends IOException {

    private static final long serialVersionUID = 1L;

    MissedHeartbeatException(String message) {
        super(message);
    }
}

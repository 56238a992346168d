package dev.warren.amqp.client;

/**
 * The life of a connection.
 *
 * <pre>
 *   CONNECTING ──(socket up)──▶ HANDSHAKING ──(open-ok)──▶ OPEN ◀──(unblocked)──┐
 *       │                           │                      │  └──(blocked)──▶ BLOCKED
 *       │                           │                      │                    │
 *       │                           │                 close() or a              │
 *       │                           │                 server close              │
 *       │                           │                      ▼                    │
 *       │                           │                   CLOSING ◀───────────────┘
 *       │                           │                      │
 *       └──(no address reachable)───┴──(failure)──────────▶└──(close-ok, socket gone)──▶ CLOSED
 * </pre>
 *
 * <p>BLOCKED is OPEN while the broker has stopped reading publishes (connection.blocked, for example on a memory
 * alarm): methods other than publish still work, publishes wait. A lost socket, a missed heartbeat or a protocol
 * error from any state leads straight to CLOSED. CLOSED is final: a connection is never reopened.
 */
public enum ConnectionState {
    /** Dialing the addresses in order. */
    CONNECTING,
    /** TLS and the AMQP handshake: protocol header, start, secure, tune, open. */
    HANDSHAKING,
    /** Open for use. */
    OPEN,
    /** Open, but the broker does not read publishes now. */
    BLOCKED,
    /** connection.close sent or received, waiting for the exchange to finish. */
    CLOSING,
    /** Closed; see {@link Connection#closeReason()}. */
    CLOSED;

    /** Whether channels can be opened and methods sent. */
    public boolean isOpen() {
        return this == OPEN || this == BLOCKED;
    }
}

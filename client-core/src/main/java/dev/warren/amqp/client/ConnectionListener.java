package dev.warren.amqp.client;

/**
 * Receives a connection's events. Called in order, off the event loop, on the resources' callback executor; an
 * exception thrown here is logged and does not affect the connection.
 */
public interface ConnectionListener {

    /** The state changed. */
    default void onStateChange(ConnectionState from, ConnectionState to) {
    }

    /** The broker stopped reading publishes (connection.blocked), for the given reason. */
    default void onBlocked(String reason) {
    }

    /** The broker reads publishes again (connection.unblocked). */
    default void onUnblocked() {
    }

    /** The connection closed; called once. */
    default void onClose(CloseReason reason) {
    }
}

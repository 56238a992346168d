package dev.warren.amqp.client;

/** Who ended a connection or channel. */
public enum CloseInitiator {
    /** The broker sent connection.close or channel.close. */
    SERVER,
    /** The application, or Warren on its behalf (a protocol error from the broker, a timeout), closed it. */
    CLIENT,
    /** The socket failed or closed without a close handshake, or the peer stopped sending heartbeats. */
    TRANSPORT
}

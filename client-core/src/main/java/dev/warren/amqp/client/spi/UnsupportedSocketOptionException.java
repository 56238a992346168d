package dev.warren.amqp.client.spi;

import dev.warren.amqp.client.AmqpException;

/**
 * A socket option the transport in use cannot apply, or that the kernel refused. The connect fails with it instead of
 * going on without the option; the message names the option and the transport, and says why.
 */
public class UnsupportedSocketOptionException extends AmqpException {

    private static final long serialVersionUID = 1L;

    private final String option;
    private final String transport;

    public UnsupportedSocketOptionException(String option, String transport, String why) {
        this(option, transport, why, null);
    }

    public UnsupportedSocketOptionException(String option, String transport, String why, Throwable cause) {
        super("socket option " + option + " cannot be applied on the " + transport + " transport: " + why, cause);
        this.option = option;
        this.transport = transport;
    }

    /** The option, as named in the message: {@code SO_REUSEPORT}, a Netty option's name, or a raw setsockopt. */
    public String option() {
        return option;
    }

    /** The transport's name: {@code nio}, {@code epoll} or {@code io_uring}. */
    public String transport() {
        return transport;
    }
}

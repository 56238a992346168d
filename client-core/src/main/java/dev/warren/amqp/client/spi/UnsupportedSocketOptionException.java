package dev.warren.amqp.client.spi;

import dev.warren.amqp.client.AmqpException;

/** A socket option the transport in use cannot apply. The message names the option and the transport. */
public class UnsupportedSocketOptionException extends AmqpException {

    private static final long serialVersionUID = 1L;

    public UnsupportedSocketOptionException(String option, String transport, String why) {
        super("socket option " + option + " cannot be applied on the " + transport + " transport: " + why);
    }
}

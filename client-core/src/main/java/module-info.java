/**
 * Warren's client: the public API ({@code dev.warren.amqp.client}), the transport and dialer SPI
 * ({@code dev.warren.amqp.client.spi}), and the NIO transport. Everything under {@code internal} is private.
 */
module dev.warren.amqp.client {
    requires transitive dev.warren.amqp.codec;
    requires transitive io.netty.transport;
    requires transitive io.netty.handler;
    requires io.netty.resolver;
    requires jdk.net;
    requires org.slf4j;

    exports dev.warren.amqp.client;
    exports dev.warren.amqp.client.spi;

    uses dev.warren.amqp.client.spi.TransportProvider;
}

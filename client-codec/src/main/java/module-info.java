/** The AMQP 0-9-1 wire format: frames, methods, content and field tables. No I/O, no client logic. */
module dev.warren.amqp.codec {
    requires transitive io.netty.buffer;
    requires transitive io.netty.common;
    requires transitive io.netty.codec;
    requires transitive io.netty.transport;

    exports dev.warren.amqp.codec;
    exports dev.warren.amqp.codec.frame;
    exports dev.warren.amqp.codec.method;
    exports dev.warren.amqp.codec.content;
    exports dev.warren.amqp.codec.table;
}

package dev.warren.amqp.benchmarks.peer;

import dev.warren.amqp.codec.frame.ProtocolHeader;
import dev.warren.amqp.codec.method.ConnectionMethod;
import dev.warren.amqp.codec.table.LongString;
import io.netty.buffer.ByteBuf;

import java.util.LinkedHashMap;
import java.util.Map;

/** What the peer offers in the handshake: the capabilities clients look for, and generous tuning. */
final class Handshake {

    static final String PRODUCT = "warren-benchmark-peer";
    static final int CHANNEL_MAX = 2047;
    static final int FRAME_MAX = 131072;
    static final int HEARTBEAT_SECONDS = 60;

    static final ConnectionMethod.Start START = new ConnectionMethod.Start(0, 9, serverProperties(),
            LongString.of("PLAIN AMQPLAIN"), LongString.of("en_US"));
    static final ConnectionMethod.Tune TUNE = new ConnectionMethod.Tune(CHANNEL_MAX, FRAME_MAX, HEARTBEAT_SECONDS);

    private Handshake() {
    }

    /** Whether the 8 bytes at the reader index are the AMQP 0-9-1 protocol header. Does not move the index. */
    static boolean isAmqp091Header(ByteBuf in) {
        int at = in.readerIndex();
        return in.getInt(at) == ('A' << 24 | 'M' << 16 | 'Q' << 8 | 'P')
                && in.getInt(at + 4) == (ProtocolHeader.AMQP_0_9_1.protocolId() << 24
                | ProtocolHeader.AMQP_0_9_1.major() << 16 | ProtocolHeader.AMQP_0_9_1.minor() << 8
                | ProtocolHeader.AMQP_0_9_1.revision());
    }

    private static Map<String, Object> serverProperties() {
        Map<String, Object> capabilities = new LinkedHashMap<>();
        for (String capability : new String[] {"publisher_confirms", "exchange_exchange_bindings", "basic.nack",
                "consumer_cancel_notify", "connection.blocked", "authentication_failure_close",
                "per_consumer_qos", "direct_reply_to"}) {
            capabilities.put(capability, Boolean.TRUE);
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("product", LongString.of(PRODUCT));
        properties.put("version", LongString.of("0.1"));
        properties.put("platform", LongString.of("Java " + Runtime.version().feature() + ", Netty"));
        properties.put("information", LongString.of("A benchmark peer: publishes are discarded, deliveries are"
                + " synthetic."));
        properties.put("capabilities", capabilities);
        return properties;
    }
}

package dev.warren.amqp.client;

import dev.warren.amqp.codec.table.FieldTables;
import dev.warren.amqp.codec.table.LongString;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A SASL mechanism for the connection.start-ok / secure / secure-ok exchange. Warren has PLAIN, AMQPLAIN, EXTERNAL
 * and ANONYMOUS; implement this interface for others. Implementations are called on the connection's event loop
 * and must not block.
 */
public interface SaslMechanism {

    /** PLAIN (RFC 4616): {@code \0username\0password}. */
    SaslMechanism PLAIN = new SaslMechanism() {
        @Override
        public String name() {
            return "PLAIN";
        }

        @Override
        public byte[] initialResponse(String username, String password) {
            return ("\0" + username + "\0" + password).getBytes(StandardCharsets.UTF_8);
        }
    };

    /** AMQPLAIN: a field table with LOGIN and PASSWORD, without its length prefix. */
    SaslMechanism AMQPLAIN = new SaslMechanism() {
        @Override
        public String name() {
            return "AMQPLAIN";
        }

        @Override
        public byte[] initialResponse(String username, String password) {
            Map<String, Object> table = new LinkedHashMap<>();
            table.put("LOGIN", LongString.of(username));
            table.put("PASSWORD", LongString.of(password));
            ByteBuf buffer = Unpooled.buffer();
            try {
                FieldTables.writeTable(buffer, table);
                buffer.skipBytes(4);
                byte[] bytes = new byte[buffer.readableBytes()];
                buffer.readBytes(bytes);
                return bytes;
            } finally {
                buffer.release();
            }
        }
    };

    /** EXTERNAL: the identity comes from elsewhere, typically the TLS client certificate; the response is empty. */
    SaslMechanism EXTERNAL = new SaslMechanism() {
        @Override
        public String name() {
            return "EXTERNAL";
        }

        @Override
        public byte[] initialResponse(String username, String password) {
            return new byte[0];
        }
    };

    /** ANONYMOUS (RFC 4505): no credentials; brokers must enable it explicitly. */
    SaslMechanism ANONYMOUS = new SaslMechanism() {
        @Override
        public String name() {
            return "ANONYMOUS";
        }

        @Override
        public byte[] initialResponse(String username, String password) {
            return new byte[0];
        }
    };

    /** The mechanism's name as brokers list it in connection.start, e.g. {@code PLAIN}. */
    String name();

    /** The response sent in connection.start-ok. */
    byte[] initialResponse(String username, String password);

    /**
     * The response to a connection.secure challenge. The built-in mechanisms never receive one, and fail the
     * handshake if they do.
     */
    default byte[] challengeResponse(byte[] challenge, String username, String password) {
        throw new AuthenticationException("SASL mechanism " + name() + " does not expect a challenge");
    }

    /** The built-in mechanism with this name (case-insensitive), or {@code null}. */
    static SaslMechanism named(String name) {
        return switch (name.toUpperCase(java.util.Locale.ROOT)) {
            case "PLAIN" -> PLAIN;
            case "AMQPLAIN" -> AMQPLAIN;
            case "EXTERNAL" -> EXTERNAL;
            case "ANONYMOUS" -> ANONYMOUS;
            default -> null;
        };
    }
}

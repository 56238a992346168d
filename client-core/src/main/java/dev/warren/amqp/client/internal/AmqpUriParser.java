package dev.warren.amqp.client.internal;

import dev.warren.amqp.client.Address;
import dev.warren.amqp.client.ConnectionOptions;
import dev.warren.amqp.client.SaslMechanism;
import dev.warren.amqp.client.TlsOptions;

import java.io.ByteArrayOutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses AMQP URIs after RabbitMQ's URI specification, extended with comma-separated host lists. Every error
 * names the part of the URI at fault; the password never appears in a message.
 */
public final class AmqpUriParser {

    private static final List<String> PARAMETERS = List.of("heartbeat", "connection_timeout", "channel_max",
            "frame_max", "auth_mechanism", "verify", "server_name_indication", "cacertfile", "certfile", "keyfile");

    private AmqpUriParser() {
    }

    public static ConnectionOptions.Builder parse(String uri, ConnectionOptions.Builder builder) {
        if (uri == null || uri.isBlank()) {
            throw new IllegalArgumentException("the AMQP URI is empty");
        }
        int schemeEnd = uri.indexOf("://");
        if (schemeEnd < 0) {
            throw new IllegalArgumentException("the AMQP URI must start with amqp:// or amqps://: " + redact(uri));
        }
        String scheme = uri.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
        boolean tls;
        if (scheme.equals("amqp")) {
            tls = false;
        } else if (scheme.equals("amqps")) {
            tls = true;
        } else {
            throw new IllegalArgumentException("unknown URI scheme '" + scheme + "' (use amqp or amqps): "
                    + redact(uri));
        }
        String rest = uri.substring(schemeEnd + 3);
        String query = null;
        int queryStart = rest.indexOf('?');
        if (queryStart >= 0) {
            query = rest.substring(queryStart + 1);
            rest = rest.substring(0, queryStart);
        }
        if (rest.indexOf('#') >= 0) {
            throw new IllegalArgumentException("an AMQP URI has no fragment: " + redact(uri));
        }
        String path = null;
        int pathStart = rest.indexOf('/');
        if (pathStart >= 0) {
            path = rest.substring(pathStart + 1);
            rest = rest.substring(0, pathStart);
        }
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            String userInfo = rest.substring(0, at);
            rest = rest.substring(at + 1);
            int colon = userInfo.indexOf(':');
            String user = decode(colon >= 0 ? userInfo.substring(0, colon) : userInfo, "user name");
            builder.username(user);
            if (colon >= 0) {
                builder.password(decode(userInfo.substring(colon + 1), "password"));
            }
        }
        builder.addresses(parseHosts(rest, tls ? Address.DEFAULT_TLS_PORT : Address.DEFAULT_PORT, uri));
        if (path != null && !path.isEmpty()) {
            if (path.indexOf('/') >= 0) {
                throw new IllegalArgumentException("the vhost in the URI path must be one segment (write '/' as "
                        + "%2F): " + redact(uri));
            }
            builder.virtualHost(decode(path, "vhost"));
        } else {
            builder.virtualHost("/");
        }
        TlsOptions tlsOptions = tls ? TlsOptions.defaults() : null;
        if (query != null && !query.isEmpty()) {
            tlsOptions = applyQuery(query, builder, tlsOptions, uri);
        }
        builder.tls(tlsOptions);
        return builder;
    }

    private static List<Address> parseHosts(String hosts, int defaultPort, String uri) {
        List<Address> addresses = new ArrayList<>();
        if (hosts.isEmpty()) {
            addresses.add(new Address("localhost", defaultPort));
            return addresses;
        }
        for (String hostPort : hosts.split(",", -1)) {
            if (hostPort.isEmpty()) {
                throw new IllegalArgumentException("empty host in the URI's host list: " + redact(uri));
            }
            String host;
            String port = null;
            if (hostPort.startsWith("[")) {
                int close = hostPort.indexOf(']');
                if (close < 0) {
                    throw new IllegalArgumentException("unclosed '[' in IPv6 host '" + hostPort + "'");
                }
                host = hostPort.substring(1, close);
                String after = hostPort.substring(close + 1);
                if (!after.isEmpty()) {
                    if (!after.startsWith(":")) {
                        throw new IllegalArgumentException("unexpected '" + after + "' after IPv6 host '" + host
                                + "'");
                    }
                    port = after.substring(1);
                }
            } else {
                int colon = hostPort.lastIndexOf(':');
                if (colon >= 0) {
                    host = hostPort.substring(0, colon);
                    port = hostPort.substring(colon + 1);
                } else {
                    host = hostPort;
                }
            }
            host = decode(host, "host");
            if (host.isEmpty()) {
                throw new IllegalArgumentException("empty host in '" + hostPort + "'");
            }
            int portNumber = defaultPort;
            if (port != null && !port.isEmpty()) {
                portNumber = parseInt(port, "port", 1, 65535);
            }
            addresses.add(new Address(host, portNumber));
        }
        return addresses;
    }

    private static TlsOptions applyQuery(String query, ConnectionOptions.Builder builder, TlsOptions tls,
                                         String uri) {
        List<SaslMechanism> mechanisms = new ArrayList<>();
        Path caFile = null;
        Path certFile = null;
        Path keyFile = null;
        Boolean verify = null;
        String sni = null;
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String key = decode(equals >= 0 ? pair.substring(0, equals) : pair, "query parameter name");
            String value = equals >= 0 ? decode(pair.substring(equals + 1), "query parameter " + key) : "";
            switch (key) {
                case "heartbeat" -> builder.heartbeat(parseInt(value, "heartbeat", 0, 65535));
                case "connection_timeout" -> builder.connectTimeout(Duration.ofMillis(
                        parseInt(value, "connection_timeout", 1, Integer.MAX_VALUE)));
                case "channel_max" -> builder.channelMax(parseInt(value, "channel_max", 0, 65535));
                case "frame_max" -> builder.frameMax(parseInt(value, "frame_max", 0, Integer.MAX_VALUE));
                case "auth_mechanism" -> {
                    SaslMechanism mechanism = SaslMechanism.named(value);
                    if (mechanism == null) {
                        throw new IllegalArgumentException("unknown auth_mechanism '" + value
                                + "' (known: plain, amqplain, external, anonymous)");
                    }
                    mechanisms.add(mechanism);
                }
                case "verify" -> {
                    if (value.equals("verify_peer")) {
                        verify = true;
                    } else if (value.equals("verify_none")) {
                        verify = false;
                    } else {
                        throw new IllegalArgumentException("verify must be verify_peer or verify_none, was '"
                                + value + "'");
                    }
                }
                case "server_name_indication" -> sni = requireValue(value, key);
                case "cacertfile" -> caFile = Path.of(requireValue(value, key));
                case "certfile" -> certFile = Path.of(requireValue(value, key));
                case "keyfile" -> keyFile = Path.of(requireValue(value, key));
                default -> throw new IllegalArgumentException("unknown URI query parameter '" + key
                        + "' (known: " + String.join(", ", PARAMETERS) + ")");
            }
        }
        if (!mechanisms.isEmpty()) {
            builder.saslMechanisms(mechanisms);
        }
        boolean tlsParameters = caFile != null || certFile != null || keyFile != null || verify != null
                || sni != null;
        if (tlsParameters && tls == null) {
            throw new IllegalArgumentException("TLS query parameters (verify, server_name_indication, cacertfile, "
                    + "certfile, keyfile) need an amqps:// URI: " + redact(uri));
        }
        if (tls != null) {
            if ((certFile == null) != (keyFile == null)) {
                throw new IllegalArgumentException("certfile and keyfile must be given together");
            }
            if (caFile != null) {
                tls = tls.withCaCertificate(caFile);
            }
            if (certFile != null) {
                tls = tls.withClientCertificate(certFile, keyFile);
            }
            if (verify != null) {
                tls = tls.withVerifyPeer(verify);
            }
            if (sni != null) {
                tls = tls.withServerNameIndication(sni);
            }
        }
        return tls;
    }

    private static String requireValue(String value, String key) {
        if (value.isEmpty()) {
            throw new IllegalArgumentException("query parameter " + key + " needs a value");
        }
        return value;
    }

    private static int parseInt(String value, String name, int min, int max) {
        long parsed;
        try {
            parsed = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, was '" + value + "'");
        }
        if (parsed < min || parsed > max) {
            throw new IllegalArgumentException(name + " must be " + min + ".." + max + ", was " + value);
        }
        return (int) parsed;
    }

    /** Percent-decodes as UTF-8, strictly: a '+' stays a '+', a malformed escape is an error. */
    static String decode(String text, String what) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                if (i + 2 >= text.length()) {
                    throw new IllegalArgumentException("incomplete percent-escape in the " + what);
                }
                int hi = Character.digit(text.charAt(i + 1), 16);
                int lo = Character.digit(text.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new IllegalArgumentException("malformed percent-escape '" + text.substring(i, i + 3)
                            + "' in the " + what);
                }
                bytes.write(hi * 16 + lo);
                i += 2;
            } else {
                byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(utf8, 0, utf8.length);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("the percent-decoded " + what + " is not valid UTF-8");
        }
    }

    /** The URI with its password replaced, for error messages. */
    static String redact(String uri) {
        int schemeEnd = uri.indexOf("://");
        int at = uri.lastIndexOf('@', uri.indexOf('/', schemeEnd + 3) < 0 ? uri.length()
                : uri.indexOf('/', schemeEnd + 3));
        if (schemeEnd < 0 || at < 0) {
            return uri;
        }
        int colon = uri.indexOf(':', schemeEnd + 3);
        if (colon < 0 || colon > at) {
            return uri;
        }
        return uri.substring(0, colon + 1) + "****" + uri.substring(at);
    }
}

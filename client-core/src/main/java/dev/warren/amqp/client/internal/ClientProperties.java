package dev.warren.amqp.client.internal;

import dev.warren.amqp.client.ConnectionOptions;

import java.util.LinkedHashMap;
import java.util.Map;

/** The client-properties table sent in connection.start-ok. */
final class ClientProperties {

    static final String VERSION = version();

    private ClientProperties() {
    }

    static Map<String, Object> of(ConnectionOptions options, String connectionName) {
        Map<String, Object> capabilities = new LinkedHashMap<>();
        capabilities.put("publisher_confirms", true);
        capabilities.put("exchange_exchange_bindings", true);
        capabilities.put("basic.nack", true);
        capabilities.put("consumer_cancel_notify", true);
        capabilities.put("connection.blocked", true);
        capabilities.put("authentication_failure_close", true);

        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("product", "Warren");
        properties.put("version", VERSION);
        properties.put("platform", "Java " + System.getProperty("java.version") + " ("
                + System.getProperty("java.vm.name") + ")");
        properties.put("information", "https://github.com/warren-amqp/warren");
        properties.put("capabilities", capabilities);
        properties.put("connection_name", connectionName);
        properties.putAll(options.clientProperties());
        return properties;
    }

    private static String version() {
        String version = ClientProperties.class.getPackage().getImplementationVersion();
        return version != null ? version : "0.1.0-SNAPSHOT";
    }
}

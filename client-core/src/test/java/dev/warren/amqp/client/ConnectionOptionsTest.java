package dev.warren.amqp.client;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConnectionOptionsTest {

    @Test
    void plainUriGivesHostPortCredentialsAndDefaultVhost() {
        ConnectionOptions options = ConnectionOptions.fromUri("amqp://alice:secret@broker.example:5673");
        assertThat(options.addresses()).containsExactly(new Address("broker.example", 5673));
        assertThat(options.username()).isEqualTo("alice");
        assertThat(options.password()).isEqualTo("secret");
        assertThat(options.virtualHost()).isEqualTo("/");
        assertThat(options.tls()).isNull();
    }

    @Test
    void defaultPortsAre5672And5671() {
        assertThat(ConnectionOptions.fromUri("amqp://h").addresses()).containsExactly(new Address("h", 5672));
        ConnectionOptions tls = ConnectionOptions.fromUri("amqps://h");
        assertThat(tls.addresses()).containsExactly(new Address("h", 5671));
        assertThat(tls.tls()).isNotNull();
        assertThat(tls.tls().verifyHostname()).isTrue();
    }

    @Test
    void emptyPathMeansDefaultVhostAndPercent2fMeansSlash() {
        assertThat(ConnectionOptions.fromUri("amqp://h/").virtualHost()).isEqualTo("/");
        assertThat(ConnectionOptions.fromUri("amqp://h/%2f").virtualHost()).isEqualTo("/");
        assertThat(ConnectionOptions.fromUri("amqp://h/%2F").virtualHost()).isEqualTo("/");
        assertThat(ConnectionOptions.fromUri("amqp://h/prod").virtualHost()).isEqualTo("prod");
        assertThat(ConnectionOptions.fromUri("amqp://h/a%2fb").virtualHost()).isEqualTo("a/b");
    }

    @Test
    void userPasswordAndVhostArePercentDecodedAsUtf8() {
        ConnectionOptions options = ConnectionOptions.fromUri("amqp://us%40er:p%3Ass%2Fw%C3%B6rd@h/v%20h");
        assertThat(options.username()).isEqualTo("us@er");
        assertThat(options.password()).isEqualTo("p:ss/wörd");
        assertThat(options.virtualHost()).isEqualTo("v h");
    }

    @Test
    void queryParametersAreApplied() {
        ConnectionOptions options = ConnectionOptions.fromUri("amqp://h?heartbeat=7&connection_timeout=1500"
                + "&channel_max=100&frame_max=16384&auth_mechanism=amqplain&auth_mechanism=plain");
        assertThat(options.requestedHeartbeat()).isEqualTo(7);
        assertThat(options.connectTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(options.requestedChannelMax()).isEqualTo(100);
        assertThat(options.requestedFrameMax()).isEqualTo(16384);
        assertThat(options.saslMechanisms()).containsExactly(SaslMechanism.AMQPLAIN, SaslMechanism.PLAIN);
    }

    @Test
    void tlsParametersBuildTlsOptions() {
        ConnectionOptions options = ConnectionOptions.fromUri("amqps://h?cacertfile=/tmp/ca.pem"
                + "&certfile=/tmp/c.pem&keyfile=/tmp/k.pem&server_name_indication=sni.example&verify=verify_peer");
        TlsOptions tls = options.tls();
        assertThat(tls.caCertificateFile()).isEqualTo(Path.of("/tmp/ca.pem"));
        assertThat(tls.certificateFile()).isEqualTo(Path.of("/tmp/c.pem"));
        assertThat(tls.keyFile()).isEqualTo(Path.of("/tmp/k.pem"));
        assertThat(tls.serverNameIndication()).isEqualTo("sni.example");
        assertThat(tls.verifyPeer()).isTrue();
        assertThat(ConnectionOptions.fromUri("amqps://h?verify=verify_none").tls().verifyPeer()).isFalse();
        assertThat(ConnectionOptions.fromUri("amqps://h?verify=verify_none").tls().verifyHostname()).isFalse();
    }

    @Test
    void severalHostsAreTriedInOrderAndIpv6LiteralsWork() {
        ConnectionOptions options = ConnectionOptions.fromUri("amqp://u:p@h1,h2:5674,[::1]:5675,[fe80::1]/v");
        assertThat(options.addresses()).containsExactly(new Address("h1", 5672), new Address("h2", 5674),
                new Address("::1", 5675), new Address("fe80::1", 5672));
        assertThat(options.addresses().get(2).toString()).isEqualTo("[::1]:5675");
    }

    @Test
    void malformedUrisAreRejectedNamingTheProblem() {
        assertThatThrownBy(() -> ConnectionOptions.fromUri("http://h")).hasMessageContaining("scheme 'http'");
        assertThatThrownBy(() -> ConnectionOptions.fromUri("h:5672")).hasMessageContaining("amqp://");
        assertThatThrownBy(() -> ConnectionOptions.fromUri("amqp://h:70000")).hasMessageContaining("port")
                .hasMessageContaining("70000");
        assertThatThrownBy(() -> ConnectionOptions.fromUri("amqp://h:abc")).hasMessageContaining("port");
        assertThatThrownBy(() -> ConnectionOptions.fromUri("amqp://h?heartbeat=-1")).hasMessageContaining("heartbeat");
        assertThatThrownBy(() -> ConnectionOptions.fromUri("amqp://h?heartbeat=70000"))
                .hasMessageContaining("heartbeat");
        assertThatThrownBy(() -> ConnectionOptions.fromUri("amqp://h?frame_max=100")).hasMessageContaining("frame_max");
        assertThatThrownBy(() -> ConnectionOptions.fromUri("amqp://h?channel_max=x"))
                .hasMessageContaining("channel_max");
        assertThatThrownBy(() -> ConnectionOptions.fromUri("amqp://h?bogus=1")).hasMessageContaining("'bogus'");
        assertThatThrownBy(() -> ConnectionOptions.fromUri("amqp://h?auth_mechanism=kerberos"))
                .hasMessageContaining("kerberos");
        assertThatThrownBy(() -> ConnectionOptions.fromUri("amqp://h/a/b")).hasMessageContaining("vhost");
        assertThatThrownBy(() -> ConnectionOptions.fromUri("amqp://h/%zz")).hasMessageContaining("%zz");
        assertThatThrownBy(() -> ConnectionOptions.fromUri("amqp://h?cacertfile=/x"))
                .hasMessageContaining("amqps");
        assertThatThrownBy(() -> ConnectionOptions.fromUri("amqp://h,,h2")).hasMessageContaining("empty host");
    }

    @Test
    void thePasswordNeverAppearsInToStringOrErrors() {
        ConnectionOptions options = ConnectionOptions.fromUri("amqp://user:topsecret@h/v");
        assertThat(options.toString()).doesNotContain("topsecret").contains("user");
        assertThatThrownBy(() -> ConnectionOptions.fromUri("amqp://user:topsecret@h/v/w"))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("topsecret"));
    }

    @Test
    void builderRejectsOutOfRangeValues() {
        ConnectionOptions.Builder builder = ConnectionOptions.builder();
        assertThatThrownBy(() -> builder.heartbeat(-1)).hasMessageContaining("heartbeat");
        assertThatThrownBy(() -> builder.channelMax(65536)).hasMessageContaining("channel_max");
        assertThatThrownBy(() -> builder.frameMax(4096)).hasMessageContaining("frame_max");
        assertThatThrownBy(() -> builder.rpcTimeout(Duration.ZERO)).hasMessageContaining("rpcTimeout");
        assertThatThrownBy(() -> builder.addresses(List.of())).hasMessageContaining("address");
        assertThatThrownBy(() -> builder.maxBodySize(-1)).hasMessageContaining("maxBodySize");
    }

    @Test
    void optionsAreImmutableAndDerivable() {
        ConnectionOptions base = ConnectionOptions.fromUri("amqp://h?heartbeat=5");
        ConnectionOptions derived = base.toBuilder().connectionName("billing").heartbeat(9).build();
        assertThat(base.requestedHeartbeat()).isEqualTo(5);
        assertThat(base.connectionName()).isNull();
        assertThat(derived.requestedHeartbeat()).isEqualTo(9);
        assertThat(derived.connectionName()).isEqualTo("billing");
        assertThat(derived.addresses()).isEqualTo(base.addresses());
    }
}

package dev.warren.amqp.epoll;

import dev.warren.amqp.client.AmqpClient;
import dev.warren.amqp.client.ClientResources;
import dev.warren.amqp.client.Connection;
import dev.warren.amqp.client.ConnectionOptions;
import dev.warren.amqp.client.SocketOptions;
import dev.warren.amqp.client.TlsOptions;
import dev.warren.amqp.testing.RabbitNode;
import dev.warren.amqp.testing.TestCertificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A custom dialer through SOCKS5 to a TLS listener: the proxy relays opaque bytes, and Warren adds TLS (with the
 * broker's certificate checked against 127.0.0.1) and the AMQP pipeline on top of the channel the dialer returns.
 * Runs against a node of its own, since the shared broker has no TLS listener.
 */
class DialerTlsEpollIT {

    @TempDir
    static Path dir;

    private static TestCertificates certs;
    private static RabbitNode node;
    private static Socks5Server proxy;

    @BeforeAll
    static void start() {
        certs = TestCertificates.generate(dir.resolve("certs"), "warren-dialer-tls");
        node = RabbitNode.builder().namePrefix("dialtls").tls(certs, false).start();
        proxy = Socks5Server.start();
    }

    @AfterAll
    static void stop() {
        if (proxy != null) {
            proxy.close();
        }
        if (node != null) {
            node.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "io_uring", "nio"})
    void tlsAndAmqpRunOnTopOfTheDialersSocks5Channel(String transport) {
        int before = proxy.connectRequests().size();
        try (ClientResources resources = ClientResources.builder().transport(transport).ioThreads(1)
                .callbackThreads(1).build();
             Connection connection = Await.result(AmqpClient.connect(ConnectionOptions.builder()
                     .address("127.0.0.1", node.amqpsPort())
                     .tls(TlsOptions.defaults().withCaCertificate(certs.caCertificate()))
                     .connectionName("DialerTlsEpollIT-" + transport)
                     .resources(resources)
                     .socketOptions(SocketOptions.builder()
                             .dialer(DialerEpollIT.socks5(proxy.address(), new CopyOnWriteArrayList<>()))
                             .build())
                     .build()))) {
            assertThat(Await.result(Await.result(connection.openChannel()).queueDeclare()).queue())
                    .startsWith("amq.gen-");
            assertThat(proxy.connectRequests().subList(before, proxy.connectRequests().size()))
                    .containsExactly("127.0.0.1:" + node.amqpsPort());
            assertThat(((InetSocketAddress) connection.socket().remoteAddress()).getPort())
                    .isEqualTo(proxy.address().getPort());
        }
    }
}

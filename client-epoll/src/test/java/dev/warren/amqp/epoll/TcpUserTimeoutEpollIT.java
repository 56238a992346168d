package dev.warren.amqp.epoll;

import dev.warren.amqp.client.AmqpClient;
import dev.warren.amqp.client.Channel;
import dev.warren.amqp.client.ClientResources;
import dev.warren.amqp.client.CloseReason;
import dev.warren.amqp.client.Connection;
import dev.warren.amqp.client.ConnectionOptions;
import dev.warren.amqp.client.SocketOptions;
import dev.warren.amqp.codec.content.BasicProperties;
import dev.warren.amqp.testing.RequiresBroker;
import dev.warren.amqp.testing.TestBroker;
import io.netty.channel.epoll.EpollChannelOption;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * TCP_USER_TIMEOUT: with heartbeats off, behind a relay whose packets are dropped (with tc, so that nothing is
 * acknowledged), with unacknowledged data in flight, the connection fails within about the user timeout. A second
 * connection without the option, through the same dead path, is still open then: without TCP_USER_TIMEOUT the kernel
 * would keep retransmitting for about 15 minutes.
 */
@RequiresBroker
class TcpUserTimeoutEpollIT {

    /** A loopback address no one else uses, so that dropping its packets disturbs nobody. */
    private static final String DEAD_ADDRESS = "127.77.0.1";
    private static final Duration USER_TIMEOUT = Duration.ofSeconds(2);

    private static final TestBroker BROKER = TestBroker.get();
    private static TcpRelay relay;

    @BeforeAll
    static void start() {
        relay = TcpRelay.start(DEAD_ADDRESS, BROKER.host(), BROKER.port());
    }

    @AfterAll
    static void stop() {
        if (relay != null) {
            relay.close();
        }
    }

    @SuppressWarnings("try") // the packet drop is in force for the block
    @ParameterizedTest(name = "{0}, TCP_USER_TIMEOUT set as {1}")
    @CsvSource({"epoll, typed", "io_uring, typed", "io_uring, EpollChannelOption"})
    void aConnectionWithUnacknowledgedDataFailsWithinTheUserTimeout(String transport, String how) throws Exception {
        String why = PacketDrop.unavailableBecause();
        if (why != null) {
            System.out.println("[SKIPPED] TCP_USER_TIMEOUT test: " + why);
        }
        assumeTrue(why == null, why);
        SocketOptions.Builder withTimeout = SocketOptions.builder();
        if (how.equals("typed")) {
            withTimeout.tcpUserTimeout(USER_TIMEOUT);
        } else {
            withTimeout.channelOption(EpollChannelOption.TCP_USER_TIMEOUT, (int) USER_TIMEOUT.toMillis());
        }
        try (ClientResources resources = ClientResources.builder().transport(transport).ioThreads(1)
                .callbackThreads(1).build()) {
            ConnectionOptions.Builder options = ConnectionOptions.fromUri(BROKER.uri()).toBuilder()
                    .address(relay.host(), relay.port())
                    .heartbeat(0)
                    .connectionName("TcpUserTimeoutEpollIT-" + transport)
                    .resources(resources);
            Connection guarded = Await.result(AmqpClient.connect(options.socketOptions(withTimeout.build()).build()));
            Connection unguarded = Await.result(AmqpClient.connect(options.socketOptions(SocketOptions.defaults())
                    .build()));
            try {
                assertThat(guarded.heartbeat()).isZero();
                assertThat(guarded.socket().option("TCP_USER_TIMEOUT")).contains((int) USER_TIMEOUT.toMillis());
                Channel guardedChannel = Await.result(guarded.openChannel());
                Channel unguardedChannel = Await.result(unguarded.openChannel());
                long failedAfterMillis;
                try (PacketDrop drop = PacketDrop.on(DEAD_ADDRESS, relay.port())) {
                    byte[] body = new byte[64 * 1024];
                    long start = System.nanoTime();
                    guardedChannel.publish("", "nowhere", BasicProperties.EMPTY, body);
                    unguardedChannel.publish("", "nowhere", BasicProperties.EMPTY, body);
                    Thread.sleep(300);
                    // Segments sent and not acknowledged, as tcp_info tells (not a local drop kept as unsent).
                    assertThat(guarded.socket().tcpInfo().unacked()).as("segments in flight").isPositive();
                    CloseReason reason = guarded.closeFuture().get(USER_TIMEOUT.toMillis() * 5, TimeUnit.MILLISECONDS);
                    failedAfterMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                    assertThat(reason.isNormal()).isFalse();
                    assertThat(String.valueOf(reason.cause()) + " " + reason.replyText())
                            .containsIgnoringCase("timed out");
                    assertThat(unguarded.isOpen()).as("the connection without TCP_USER_TIMEOUT").isTrue();
                    assertThat(unguarded.socket().tcpInfo().retransmits()).as("still retransmitting").isPositive();
                }
                System.out.println(transport + "/" + how + ": failed " + failedAfterMillis + " ms after the publish");
                assertThat(failedAfterMillis).isBetween(USER_TIMEOUT.toMillis() - 500, USER_TIMEOUT.toMillis() + 3000);
            } finally {
                // Wait for both closes before the resources shut down under them.
                unguarded.closeAsync(200, "test over", Duration.ofMillis(500)).get(5, TimeUnit.SECONDS);
                guarded.closeAsync(200, "test over", Duration.ofMillis(500)).get(5, TimeUnit.SECONDS);
            }
        }
    }
}

package dev.warren.amqp.epoll;

import dev.warren.amqp.client.AmqpClient;
import dev.warren.amqp.client.ClientResources;
import dev.warren.amqp.client.ConnectFailedException;
import dev.warren.amqp.client.ConnectionOptions;
import io.netty.channel.ConnectTimeoutException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The connect timeout on every transport: a SYN that is dropped on the way (not refused) fails the connect after the
 * timeout asked for, not after the kernel's two minutes of SYN retries.
 */
class ConnectTimeoutEpollIT {

    /** Nothing listens here, and every packet to it is dropped, so a connect neither succeeds nor is refused. */
    private static final String DEAD_ADDRESS = "127.77.0.2";
    private static final int DEAD_PORT = 9;

    @SuppressWarnings("try") // the packet drop is in force for the block
    @ParameterizedTest
    @ValueSource(strings = {"epoll", "io_uring", "nio"})
    void aConnectToAnAddressThatDropsSynsFailsAfterTheConnectTimeout(String transport) {
        String why = PacketDrop.unavailableBecause();
        if (why != null) {
            System.out.println("[SKIPPED] connect timeout test: " + why);
        }
        assumeTrue(why == null, why);
        Duration timeout = Duration.ofMillis(800);
        try (ClientResources resources = ClientResources.builder().transport(transport).ioThreads(1)
                .callbackThreads(1).build();
             PacketDrop drop = PacketDrop.on(DEAD_ADDRESS, DEAD_PORT)) {
            long start = System.nanoTime();
            Throwable failure = Await.failure(AmqpClient.connect(ConnectionOptions.builder()
                    .address(DEAD_ADDRESS, DEAD_PORT).connectTimeout(timeout).resources(resources).build()));
            long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
            assertThat(failure).isInstanceOf(ConnectFailedException.class)
                    .hasMessageContaining("connect timed out after 800 ms")
                    .hasRootCauseInstanceOf(ConnectTimeoutException.class);
            assertThat(elapsedMillis).isBetween(timeout.toMillis() - 50, timeout.toMillis() + 1500);
        }
    }
}

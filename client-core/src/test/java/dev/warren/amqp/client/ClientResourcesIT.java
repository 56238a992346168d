package dev.warren.amqp.client;

import dev.warren.amqp.testing.RequiresBroker;
import dev.warren.amqp.testing.TestBroker;
import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.EventLoopGroup;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@RequiresBroker
class ClientResourcesIT {

    private static ConnectionOptions.Builder options() {
        return ConnectionOptions.fromUri(TestBroker.get().uri()).toBuilder();
    }

    private static Set<String> warrenThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith("warren-")).collect(Collectors.toSet());
    }

    @Test
    void manyConnectionsShareOneEventLoopGroupThatIsShutDownOnce() {
        ClientResources resources = ClientResources.builder().ioThreads(2).callbackThreads(2).build();
        try {
            List<Connection> connections = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                connections.add(Await.result(AmqpClient.connect(options().resources(resources).build())));
            }
            for (Connection connection : connections) {
                assertThat(connection.resources()).isSameAs(resources);
                Await.result(connection.closeAsync());
            }
            // Closing connections leaves shared resources running for the next one.
            assertThat(resources.isShutdown()).isFalse();
            try (Connection again = Await.result(AmqpClient.connect(options().resources(resources).build()))) {
                assertThat(again.isOpen()).isTrue();
            }
        } finally {
            resources.close();
        }
        assertThat(resources.isShutdown()).isTrue();
        assertThat(resources.eventLoopGroup().isTerminated()).isTrue();
        AmqpException error = Await.failure(AmqpClient.connect(options().resources(resources).build()),
                AmqpException.class);
        assertThat(error.getMessage()).contains("shut down");
    }

    @Test
    void aConnectionWithoutSharedResourcesReleasesItsThreadsWhenItCloses() {
        Set<String> before = warrenThreads();
        Connection connection = Await.result(AmqpClient.connect(options().build()));
        Await.result(Await.result(connection.openChannel()).queueDeclare());
        Await.result(connection.closeAsync());
        Await.until("the connection's own threads stop", Duration.ofSeconds(10), () -> {
            Set<String> now = warrenThreads();
            now.removeAll(before);
            return now.isEmpty();
        });
    }

    @Test
    void anEventLoopGroupOfTheWrongKindIsRejectedClearly() {
        EventLoopGroup local = new DefaultEventLoopGroup(1);
        try {
            assertThatThrownBy(() -> ClientResources.builder().eventLoopGroup(local).build())
                    .isInstanceOf(AmqpException.class).hasMessageContaining("DefaultEventLoopGroup");
            assertThatThrownBy(() -> ClientResources.builder().transport("nio").eventLoopGroup(local).build())
                    .isInstanceOf(AmqpException.class).hasMessageContaining("nio");
        } finally {
            local.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    @Test
    void anUnknownTransportIsNamed() {
        AmqpException error = Await.failure(AmqpClient.connect(options().transport("carrier-pigeon").build()),
                AmqpException.class);
        assertThat(error.getMessage()).contains("carrier-pigeon").contains("nio");
    }
}

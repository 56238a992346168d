package dev.warren.amqp.client;

import dev.warren.amqp.testing.RequiresBroker;
import dev.warren.amqp.testing.TestBroker;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

@RequiresBroker
class BlockingIT {

    @Test
    void blockingHelpersThrowOnAnEventLoopThread() {
        try (Connection connection = Await.result(AmqpClient.connect(TestBroker.get().uri()))) {
            Channel channel = Await.result(connection.openChannel());
            // A callback of a Warren future runs on the event loop: a blocking call there must fail, not hang.
            CompletableFuture<Throwable> seen = channel.queueDeclare().handle((ok, error) -> {
                try {
                    channel.close();
                    return null;
                } catch (Throwable t) {
                    return t;
                }
            });
            Throwable thrown = Await.result(seen);
            assertThat(thrown).isInstanceOf(IllegalStateException.class).hasMessageContaining("event loop")
                    .hasMessageContaining("never block");
            assertThat(channel.isOpen()).isTrue();
        }
    }
}

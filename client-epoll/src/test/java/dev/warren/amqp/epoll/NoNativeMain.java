package dev.warren.amqp.epoll;

import dev.warren.amqp.client.AmqpClient;
import dev.warren.amqp.client.Connection;
import dev.warren.amqp.client.ConnectionOptions;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Run by {@link TransportSelectionEpollIT} in a JVM of its own where Netty's native transports cannot load
 * ({@code -Dio.netty.transport.noNative=true}): connects once with the default transport and once asking for each
 * native one, and prints one line per attempt.
 */
public final class NoNativeMain {

    private NoNativeMain() {
    }

    public static void main(String[] args) throws Exception {
        String uri = args[0];
        try (Connection connection = AmqpClient.connect(ConnectionOptions.fromUri(uri)).get(20, TimeUnit.SECONDS)) {
            System.out.println("default=" + connection.socket().transport());
        }
        for (String transport : new String[] {"epoll", "io_uring"}) {
            try {
                AmqpClient.connect(ConnectionOptions.fromUri(uri).toBuilder().transport(transport).build())
                        .get(20, TimeUnit.SECONDS).close();
                System.out.println(transport + "=connected");
            } catch (ExecutionException e) {
                System.out.println(transport + "=failed: " + e.getCause().getMessage().replace('\n', ' '));
            }
        }
        System.exit(0);
    }
}

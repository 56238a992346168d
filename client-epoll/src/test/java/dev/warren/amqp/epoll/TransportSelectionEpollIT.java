package dev.warren.amqp.epoll;

import dev.warren.amqp.client.AmqpClient;
import dev.warren.amqp.client.AmqpException;
import dev.warren.amqp.client.ClientResources;
import dev.warren.amqp.client.Connection;
import dev.warren.amqp.client.ConnectionOptions;
import dev.warren.amqp.client.spi.Transport;
import dev.warren.amqp.client.spi.TransportProvider;
import dev.warren.amqp.testing.RequiresBroker;
import dev.warren.amqp.testing.TestBroker;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.local.LocalIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Which transport runs a connection: epoll by default when client-epoll is on the class path and its native library
 * loads, NIO otherwise; a named transport that cannot load fails the connect with its cause; a user's event-loop
 * group of the wrong kind is refused with a clear error.
 */
@RequiresBroker
class TransportSelectionEpollIT {

    private static final TestBroker BROKER = TestBroker.get();

    @Test
    void serviceLoaderFindsBothNativeTransportsAndEpollIsTheDefault() {
        List<Transport> found = ServiceLoader.load(TransportProvider.class).stream()
                .flatMap(provider -> provider.get().transports().stream()).toList();
        assertThat(found).extracting(Transport::name).containsExactly("epoll", "io_uring");
        assertThat(EpollTransport.INSTANCE.priority()).isGreaterThan(IoUringTransport.INSTANCE.priority());
        assertThat(EpollTransport.INSTANCE.isAvailable()).as("epoll: %s", EpollTransport.INSTANCE
                .unavailabilityCause()).isTrue();
        assertThat(IoUringTransport.INSTANCE.isAvailable()).as("io_uring: %s", IoUringTransport.INSTANCE
                .unavailabilityCause()).isTrue();
        try (Connection connection = Await.result(AmqpClient.connect(BROKER.uri()))) {
            assertThat(connection.socket().transport()).isEqualTo("epoll");
            assertThat(connection.resources().eventLoopGroup().next().getClass().getName())
                    .isEqualTo("io.netty.channel.SingleThreadIoEventLoop");
        }
    }

    @Test
    void eachTransportRunsOnAUserGroupOfItsKindAndRefusesAnotherKind() {
        for (Transport transport : List.of(EpollTransport.INSTANCE, IoUringTransport.INSTANCE)) {
            EventLoopGroup group = transport.newEventLoopGroup(1, new DefaultThreadFactory("user-" + transport, true));
            try {
                try (ClientResources resources = ClientResources.builder().eventLoopGroup(group).build();
                     Connection connection = Await.result(AmqpClient.connect(ConnectionOptions.fromUri(BROKER.uri())
                             .toBuilder().resources(resources).build()))) {
                    assertThat(resources.transport().name()).isEqualTo(transport.name());
                    assertThat(connection.socket().transport()).isEqualTo(transport.name());
                }
                String other = transport == EpollTransport.INSTANCE ? "io_uring" : "epoll";
                assertThatThrownBy(() -> ClientResources.builder().eventLoopGroup(group).transport(other).build())
                        .isInstanceOf(AmqpException.class)
                        .hasMessageContaining("cannot run channels of the " + other + " transport")
                        .hasMessageContaining("it is a group for " + transport.name());
                assertThatThrownBy(() -> ClientResources.builder().eventLoopGroup(group).transport("nio").build())
                        .isInstanceOf(AmqpException.class)
                        .hasMessageContaining("cannot run channels of the nio transport");
            } finally {
                group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            }
        }
        EventLoopGroup local = new MultiThreadIoEventLoopGroup(1, LocalIoHandler.newFactory());
        try {
            assertThatThrownBy(() -> ClientResources.builder().eventLoopGroup(local).build())
                    .isInstanceOf(AmqpException.class)
                    .hasMessageContaining("no transport Warren knows can run on the event-loop group")
                    .hasMessageContaining("MultiThreadIoEventLoopGroup");
        } finally {
            local.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    @Test
    void withoutTheNativeLibraryNioIsTheDefaultAndANamedNativeTransportFailsWithItsCause() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        SockProbe.Run run = SockProbe.run(List.of(java.toString(), "-Dio.netty.transport.noNative=true",
                "-cp", System.getProperty("java.class.path"), NoNativeMain.class.getName(), BROKER.uri()));
        List<String> lines = run.output().lines().filter(line -> line.contains("=")).toList();
        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(lines).as(run.output()).contains("default=nio");
        assertThat(lines).as(run.output()).anySatisfy(line -> assertThat(line)
                .startsWith("epoll=failed: transport epoll is not available here")
                .contains("noNative"));
        assertThat(lines).as(run.output()).anySatisfy(line -> assertThat(line)
                .startsWith("io_uring=failed: transport io_uring is not available here"));
    }
}

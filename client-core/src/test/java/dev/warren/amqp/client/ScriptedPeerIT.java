package dev.warren.amqp.client;

import dev.warren.amqp.codec.content.BasicProperties;
import dev.warren.amqp.codec.frame.Command;
import dev.warren.amqp.codec.method.BasicMethod;
import dev.warren.amqp.codec.method.ChannelMethod;
import dev.warren.amqp.codec.method.MethodKind;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Behaviour RabbitMQ cannot be made to show, against a scripted peer: server-sent channel.flow (RabbitMQ 3.x no
 * longer sends it), replies nobody asked for, replies that never come, a close-ok that never comes.
 */
class ScriptedPeerIT {

    @Test
    void channelFlowIsAnsweredAndPublishesWaitWhileItIsOff() throws Exception {
        try (ScriptedPeer peer = new ScriptedPeer();
             Connection connection = Await.result(AmqpClient.connect(ConnectionOptions.builder()
                     .address("127.0.0.1", peer.port()).build()))) {
            Channel channel = Await.result(connection.openChannel());
            peer.send(channel.number(), new ChannelMethod.Flow(false));
            Command answer = peer.next();
            assertThat(answer.method()).isEqualTo(new ChannelMethod.FlowOk(false));
            assertThat(answer.channel()).isEqualTo(channel.number());

            CompletableFuture<Void> held = channel.publish("", "q", BasicProperties.EMPTY, new byte[] {1, 2, 3});
            assertThat(peer.poll(500)).as("nothing is written while the flow is off").isNull();
            assertThat(held).isNotDone();
            assertThat(channel.queuedPublishes()).isEqualTo(1);

            peer.send(channel.number(), new ChannelMethod.Flow(true));
            assertThat(peer.next().method()).isEqualTo(new ChannelMethod.FlowOk(true));
            Command publish = peer.next();
            try {
                assertThat(publish.method().kind()).isEqualTo(MethodKind.BASIC_PUBLISH);
                assertThat(((BasicMethod.Publish) publish.method()).routingKey()).isEqualTo("q");
                assertThat(publish.body().readableBytes()).isEqualTo(3);
            } finally {
                publish.release();
            }
            Await.result(held);
            answer.release();
        }
    }

    @Test
    void aReplyTheClientDidNotAskForClosesTheConnectionWithUnexpectedFrame() throws Exception {
        try (ScriptedPeer peer = new ScriptedPeer()) {
            Connection connection = Await.result(AmqpClient.connect(ConnectionOptions.builder()
                    .address("127.0.0.1", peer.port()).build()));
            Channel channel = Await.result(connection.openChannel());
            peer.send(channel.number(), BasicMethod.QosOk.INSTANCE);
            Command close = peer.next();
            try {
                assertThat(close.method().kind()).isEqualTo(MethodKind.CONNECTION_CLOSE);
                assertThat(((dev.warren.amqp.codec.method.ConnectionMethod.Close) close.method()).replyCode())
                        .isEqualTo(505);
            } finally {
                close.release();
            }
            CloseReason reason = Await.result(connection.closeFuture());
            assertThat(reason.replyCode()).isEqualTo(505);
            assertThat(reason.initiator()).isEqualTo(CloseInitiator.CLIENT);
            assertThat(reason.replyText()).contains("basic.qos-ok");
        }
    }

    @Test
    void anRpcWithoutAReplyTimesOutAndItsLateReplyDoesNotConfuseTheNextOne() throws Exception {
        try (ScriptedPeer peer = new ScriptedPeer();
             Connection connection = Await.result(AmqpClient.connect(ConnectionOptions.builder()
                     .address("127.0.0.1", peer.port()).rpcTimeout(java.time.Duration.ofMillis(300)).build()))) {
            Channel channel = Await.result(connection.openChannel());
            long start = System.nanoTime();
            AmqpTimeoutException timeout = Await.failure(channel.queueDeclare("first", QueueOptions.defaults()),
                    AmqpTimeoutException.class);
            assertThat(java.time.Duration.ofNanos(System.nanoTime() - start))
                    .isBetween(java.time.Duration.ofMillis(250), java.time.Duration.ofSeconds(3));
            assertThat(timeout.getMessage()).contains("queue.declare").contains("300 ms");
            peer.next().release();
            CompletableFuture<dev.warren.amqp.codec.method.QueueMethod.DeclareOk> second =
                    channel.queueDeclare("second", QueueOptions.defaults());
            peer.next().release();
            // The late reply to the first declare, then the reply to the second.
            peer.send(channel.number(), new dev.warren.amqp.codec.method.QueueMethod.DeclareOk("first", 0, 0));
            peer.send(channel.number(), new dev.warren.amqp.codec.method.QueueMethod.DeclareOk("second", 0, 0));
            assertThat(Await.result(second).queue()).isEqualTo("second");
            assertThat(channel.isOpen()).isTrue();
            assertThat(connection.isOpen()).isTrue();
        }
    }

    @Test
    void aCloseOkThatNeverComesEndsTheConnectionAfterTheCloseTimeout() throws Exception {
        try (ScriptedPeer peer = new ScriptedPeer()) {
            peer.ignoreConnectionClose();
            Connection connection = Await.result(AmqpClient.connect(ConnectionOptions.builder()
                    .address("127.0.0.1", peer.port()).closeTimeout(java.time.Duration.ofMillis(400)).build()));
            long start = System.nanoTime();
            CloseReason reason = Await.result(connection.closeAsync());
            assertThat(java.time.Duration.ofNanos(System.nanoTime() - start))
                    .isBetween(java.time.Duration.ofMillis(350), java.time.Duration.ofSeconds(3));
            assertThat(reason.isNormal()).isTrue();
            assertThat(connection.state()).isEqualTo(ConnectionState.CLOSED);
            peer.next().release();
        }
    }
}

package dev.warren.amqp.testing;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RabbitClusterIT {

    @Test
    void aNodeJoinsAnotherNodesClusterAndSeesItsQueues() throws Exception {
        CompletableFuture<RabbitNode> memberStarted =
                CompletableFuture.supplyAsync(() -> RabbitNode.builder().namePrefix("it-member").start());
        try (RabbitNode seed = RabbitNode.builder().namePrefix("it-seed").start();
             RabbitNode member = memberStarted.join()) {

            member.joinCluster(seed);

            String status = seed.rabbitmqctl("cluster_status", "--formatter", "json");
            String running = status.substring(status.indexOf("\"running_nodes\""));
            running = running.substring(0, running.indexOf(']'));
            assertThat(running).contains(seed.nodeName(), member.nodeName());

            ConnectionFactory factory = new ConnectionFactory();
            factory.setHost("127.0.0.1");
            factory.setPort(seed.amqpPort());
            factory.setAutomaticRecoveryEnabled(false);
            try (Connection connection = factory.newConnection()) {
                Channel channel = connection.createChannel();
                channel.queueDeclare("it-quorum", true, false, false, Map.of("x-queue-type", "quorum"));
            }
            assertThat(member.rabbitmqctl("list_queues", "--quiet", "--no-table-headers", "name", "type"))
                    .as("the queue declared on the seed, listed by the member")
                    .contains("it-quorum\tquorum");
        } finally {
            memberStarted.thenAccept(RabbitNode::close);
        }
    }
}

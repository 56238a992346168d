package dev.warren.amqp.client;

import org.reactivestreams.tck.TestEnvironment;
import org.reactivestreams.tck.flow.FlowPublisherVerification;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;
import reactor.adapter.JdkFlowAdapter;
import reactor.core.publisher.Flux;

import java.util.concurrent.Flow;

/**
 * The Reactive Streams TCK for the outcomes of {@link Channel#publishAll}, on a channel in confirm mode. The
 * messages go to the default exchange with a routing key no queue has, so the broker confirms and drops them.
 * {@code createFlowPublisher(n)} publishes {@code n} messages from a Reactor {@code Flux.range}, which emits only
 * what is requested, so the test that asks for {@code Integer.MAX_VALUE} (and cancels after a few) works.
 */
public class PublishAllTckIT extends FlowPublisherVerification<PublishOutcome> {

    private Connection connection;
    private Channel channel;
    private String nowhere;

    public PublishAllTckIT() {
        super(new TestEnvironment(2_000, 250), 1_000);
    }

    @BeforeClass
    public void connect() {
        TckSupport.requireBroker(PublishAllTckIT.class);
        connection = PubSub.connect("PublishAllTckIT");
        channel = PubSub.channel(connection);
        Await.result(channel.confirmSelect());
        nowhere = PubSub.unique("tck-nowhere");
    }

    @AfterClass(alwaysRun = true)
    public void close() throws InterruptedException {
        if (connection != null) {
            connection.close();
        }
        TckSupport.assertNoLeaks(PublishAllTckIT.class);
    }

    @Override
    public Flow.Publisher<PublishOutcome> createFlowPublisher(long elements) {
        Flux<OutboundMessage> messages = Flux.range(0, (int) elements)
                .map(i -> OutboundMessage.of("", nowhere, PubSub.bytes("message-" + i)));
        return channel.publishAll(JdkFlowAdapter.publisherToFlowPublisher(messages));
    }

    @Override
    public Flow.Publisher<PublishOutcome> createFailedFlowPublisher() {
        // An upstream that fails at once: the outcome stream signals onSubscribe, then the upstream's error.
        return channel.publishAll(JdkFlowAdapter.publisherToFlowPublisher(
                Flux.error(new IllegalStateException("the upstream failed"))));
    }

    @Override
    public long maxElementsFromPublisher() {
        return Integer.MAX_VALUE;
    }
}

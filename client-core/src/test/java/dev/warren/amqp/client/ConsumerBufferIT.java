package dev.warren.amqp.client;

import dev.warren.amqp.testing.RequiresBroker;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A callback consumer whose handler lags holds at most its bound of deliveries in memory: the connection stops
 * reading, TCP holds the broker back, and the rest of the messages stay in the queue until the handler catches up.
 */
@RequiresBroker
class ConsumerBufferIT {

    private static final int MESSAGES = 4000;
    private static final int BODY_BYTES = 8 * 1024;

    @Test
    void aStalledAutoAckConsumerLeavesTheBacklogInTheBroker() throws InterruptedException {
        String queue = PubSub.unique("consumer-buffer");
        // A 2 s heartbeat: the stall below lasts longer than two intervals, and the paused connection must live.
        try (Connection setup = PubSub.connect("ConsumerBufferIT-setup");
             Connection consuming = PubSub.connect(PubSub.options("ConsumerBufferIT-consumer").heartbeat(2))) {
            Channel admin = PubSub.channel(setup);
            Await.result(admin.queueDeclare(queue, QueueOptions.defaults()));
            try {
                PubSub.awaitAll(PubSub.publishMany(admin, queue, MESSAGES, i -> new byte[BODY_BYTES]),
                        Duration.ofSeconds(60));
                Await.until("all messages ready", Duration.ofSeconds(30),
                        () -> PubSub.ready(admin, queue) == MESSAGES);

                CountDownLatch gate = new CountDownLatch(1);
                AtomicInteger handled = new AtomicInteger();
                ConsumeOptions options = ConsumeOptions.autoAck().withMaxBufferedDeliveries(100);
                Await.result(PubSub.channel(consuming).consume(queue, options, delivery -> {
                    // The callback executor's thread, not an event loop: waiting here is the lagging handler.
                    if (!gate.await(60, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("the test never opened the gate");
                    }
                    handled.incrementAndGet();
                }));

                Thread.sleep(5000);
                long left = PubSub.ready(admin, queue);
                assertThat(left).as("messages the broker still holds while the handler is stalled")
                        .isGreaterThan(0);
                assertThat(consuming.isOpen()).as("connection open after a stall of 2.5 heartbeat intervals")
                        .isTrue();

                gate.countDown();
                Await.until("every message handled", Duration.ofSeconds(60), () -> handled.get() == MESSAGES);
                assertThat(PubSub.ready(admin, queue)).isZero();
                assertThat(consuming.isOpen()).isTrue();
            } finally {
                Await.result(admin.queueDelete(queue, false, false));
            }
        }
    }

    @Test
    void theBoundMustLeaveRoomForAPauseAndAResume() {
        assertThatThrownBy(() -> ConsumeOptions.autoAck().withMaxBufferedDeliveries(1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxBufferedDeliveries");
        assertThatThrownBy(() -> ConsumeOptions.autoAck().withMaxBufferedDeliveries(-1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(ConsumeOptions.manualAck().maxBufferedDeliveries()).as("no bound unless asked for").isZero();
    }

    @Test
    void closingAConnectionWhoseReadingIsPausedDoesNotWaitForTheHandler() throws InterruptedException {
        String queue = PubSub.unique("consumer-buffer-close");
        try (Connection setup = PubSub.connect("ConsumerBufferIT-setup")) {
            Channel admin = PubSub.channel(setup);
            Await.result(admin.queueDeclare(queue, QueueOptions.defaults()));
            CountDownLatch gate = new CountDownLatch(1);
            try {
                PubSub.awaitAll(PubSub.publishMany(admin, queue, MESSAGES, i -> new byte[BODY_BYTES]),
                        Duration.ofSeconds(60));
                Connection consuming = PubSub.connect(PubSub.options("ConsumerBufferIT-close")
                        .closeTimeout(Duration.ofSeconds(20)));
                Await.result(PubSub.channel(consuming).consume(queue,
                        ConsumeOptions.autoAck().withMaxBufferedDeliveries(10), delivery -> {
                            if (!gate.await(60, TimeUnit.SECONDS)) {
                                throw new IllegalStateException("the test never opened the gate");
                            }
                        }));
                Await.until("reading paused, the broker holding the rest", Duration.ofSeconds(30),
                        () -> PubSub.ready(admin, queue) > 0 && PubSub.ready(admin, queue) < MESSAGES);
                Thread.sleep(500);

                long started = System.nanoTime();
                CloseReason reason = Await.result(consuming.closeAsync(), Duration.ofSeconds(30));
                long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
                assertThat(tookMillis).as("close-ok read despite the paused consumer, not the 20 s close timeout")
                        .isLessThan(10_000);
                assertThat(reason.replyCode()).isEqualTo(200);
            } finally {
                gate.countDown();
                Await.result(admin.queueDelete(queue, false, false));
            }
        }
    }
}

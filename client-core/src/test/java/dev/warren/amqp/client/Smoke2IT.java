package dev.warren.amqp.client;

import dev.warren.amqp.codec.content.BasicProperties;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class Smoke2IT {
    @Test
    void publishConfirmConsume() throws Exception {
        Connection c = AmqpClient.connect("amqp://guest:guest@127.0.0.1:5672/").get(10, TimeUnit.SECONDS);
        Channel ch = c.openChannel().get(10, TimeUnit.SECONDS);
        String q = ch.queueDeclare().get(10, TimeUnit.SECONDS).queue();
        ch.confirmSelect();
        int n = 100_000;
        long t0 = System.nanoTime();
        CompletableFuture<?>[] fs = new CompletableFuture<?>[n];
        for (int i = 0; i < n; i++) {
            fs[i] = ch.publish("", q, BasicProperties.EMPTY, ("m" + i).getBytes());
            if (ch.queuedPublishes() > 4000) ch.publishCapacity().get(10, TimeUnit.SECONDS);
        }
        CompletableFuture.allOf(fs).get(60, TimeUnit.SECONDS);
        System.out.println("published+confirmed " + n + " in " + (System.nanoTime() - t0) / 1e6 + " ms");
        assertThat(ch.queueDeclarePassive(q).get(10, TimeUnit.SECONDS).messageCount()).isEqualTo(n);
        var got = ch.basicGet(q, false).get(10, TimeUnit.SECONDS);
        System.out.println("get: " + got + " " + new String(got.get().body()) + " left=" + got.get().messageCount());
        got.get().reject(true);
        CountDownLatch latch = new CountDownLatch(n);
        AtomicLong count = new AtomicLong();
        Channel cc = c.openChannel().get(10, TimeUnit.SECONDS);
        t0 = System.nanoTime();
        cc.consume(q, ConsumeOptions.manualAck().prefetch(500), d -> { count.incrementAndGet(); d.ack(); latch.countDown(); }).get(10, TimeUnit.SECONDS);
        assertThat(latch.await(60, TimeUnit.SECONDS)).isTrue();
        System.out.println("consumed " + n + " in " + (System.nanoTime() - t0) / 1e6 + " ms");
        c.closeAsync().get(10, TimeUnit.SECONDS);
    }
}

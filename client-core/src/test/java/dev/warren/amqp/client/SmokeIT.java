package dev.warren.amqp.client;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class SmokeIT {
    @Test
    void connectDeclareClose() throws Exception {
        Connection c = AmqpClient.connect("amqp://guest:guest@127.0.0.1:5672/").get(10, TimeUnit.SECONDS);
        System.out.println(c + " " + c.serverProperties().get("version") + " fm=" + c.frameMax() + " cm=" + c.channelMax() + " hb=" + c.heartbeat());
        Channel ch = c.openChannel().get(10, TimeUnit.SECONDS);
        var ok = ch.queueDeclare().get(10, TimeUnit.SECONDS);
        System.out.println(ok);
        var ok2 = ch.queueDeclarePassive(ok.queue()).get(10, TimeUnit.SECONDS);
        assertThat(ok2.queue()).isEqualTo(ok.queue());
        try {
            ch.queueDeclarePassive("nope-" + System.nanoTime()).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            System.out.println("expected: " + e.getCause());
        }
        assertThat(ch.isOpen()).isFalse();
        Channel ch2 = c.openChannel().get(10, TimeUnit.SECONDS);
        System.out.println(ch2);
        System.out.println(c.closeAsync().get(10, TimeUnit.SECONDS));
    }
}

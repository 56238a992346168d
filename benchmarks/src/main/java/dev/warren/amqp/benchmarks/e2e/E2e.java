package dev.warren.amqp.benchmarks.e2e;

import java.nio.charset.StandardCharsets;

/** What the end-to-end benchmarks share: the message, the batch sizes and the routing key. */
final class E2e {

    static final int BODY_SIZE = 16;
    /** Messages per invocation of the throughput benchmarks; the score is per message. */
    static final int BATCH = 1000;
    /** Confirmed publishes per invocation: the unconfirmed window of the confirm benchmarks. */
    static final int CONFIRM_WINDOW = 100;
    /** No queue is bound with it: RabbitMQ drops these messages, which keeps the broker's work per message low. */
    static final String UNROUTABLE_KEY = "warren.jmh.unroutable";

    private E2e() {
    }

    static byte[] body() {
        byte[] body = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        if (body.length != BODY_SIZE) {
            throw new AssertionError(body.length);
        }
        return body;
    }

    /**
     * Closes each of {@code resources} that is not null, in order, even when one fails; throws the first failure
     * with the others suppressed.
     */
    static void closeAll(AutoCloseable... resources) throws Exception {
        Exception failure = null;
        for (AutoCloseable resource : resources) {
            if (resource != null) {
                try {
                    resource.close();
                } catch (Exception e) {
                    if (failure == null) {
                        failure = e;
                    } else {
                        failure.addSuppressed(e);
                    }
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Closes what a failed setup opened; what fails in closing is added to {@code failure}. */
    static void closeAfterFailure(Throwable failure, AutoCloseable... resources) {
        try {
            closeAll(resources);
        } catch (Exception e) {
            failure.addSuppressed(e);
        }
    }
}

package dev.warren.amqp.benchmarks.perf;

import java.util.concurrent.locks.LockSupport;

/**
 * One producer's publish loop, run on a platform thread of its own: it publishes {@link Scenario#messageCount()}
 * messages (or until asked to stop), paced when the scenario sets a rate, each with its publish time in the body.
 * Subclasses publish one message with their client, reusing one body array.
 */
abstract class ProducerLoop implements Runnable {

    private final Scenario scenario;
    protected final Metrics metrics;
    protected final RunFailures failures;
    /** The body of every message; rewritten with each message's timestamp, so only the producer thread uses it. */
    protected final byte[] body;
    private volatile boolean stopRequested;
    private volatile boolean loopEnded;
    private volatile Thread thread;

    ProducerLoop(Scenario scenario, Metrics metrics, RunFailures failures) {
        this.scenario = scenario;
        this.metrics = metrics;
        this.failures = failures;
        this.body = new byte[scenario.messageSize()];
    }

    @Override
    public final void run() {
        thread = Thread.currentThread();
        RatePacer pacer = scenario.ratePerProducer() > 0 ? new RatePacer(scenario.ratePerProducer()) : null;
        long limit = scenario.messageCount();
        try {
            for (long sent = 0; (limit == 0 || sent < limit) && !stopRequested; sent++) {
                if (pacer != null && !pacer.awaitNext(this::stopRequested)) {
                    break;
                }
                if (!publishOne()) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            failures.record(e);
        } finally {
            loopEnded = true;
        }
    }

    /**
     * Publishes one message: waits for room if the client needs to, then stamps {@link #body} (with
     * {@link BodyTimestamps#stamp}) and publishes it. Returns false when the loop must end: a stop was requested
     * while waiting, or the channel is gone (the failure recorded).
     */
    protected abstract boolean publishOne() throws InterruptedException;

    /** Publishes handed to the client and not yet confirmed, failed or (without confirms) written. */
    protected abstract int outstanding();

    protected final boolean stopRequested() {
        return stopRequested;
    }

    /** The loop has ended and nothing it published is still outstanding. */
    final boolean isDone() {
        return loopEnded && outstanding() == 0;
    }

    final boolean loopEnded() {
        return loopEnded;
    }

    /** Ends the loop after the current message; wakes the thread if it is parked by the pacer. */
    final void requestStop() {
        stopRequested = true;
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }
}

package dev.warren.amqp.benchmarks.perf;

import java.time.Duration;

/** Placeholder until the driver lands. */
final class WarrenDriver implements ClientDriver {

    WarrenDriver() {
    }

    @Override
    public void start(Scenario scenario, Metrics metrics) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    @Override
    public boolean producersDone() {
        throw new UnsupportedOperationException("not implemented yet");
    }

    @Override
    public void stopProducers(Duration timeout) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    @Override
    public void close() {
    }
}

package dev.warren.amqp.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Read-only queries of the shared local broker, for checking from the broker's side what a test did. */
final class Rabbitmqctl {

    private Rabbitmqctl() {
    }

    static boolean available() {
        try {
            run("status");
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Runs {@code rabbitmqctl -q args...} with a 30 s timeout and returns its output. */
    static String run(String... args) {
        List<String> command = new ArrayList<>(List.of("rabbitmqctl", "-q"));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("rabbitmqctl did not finish in 30 s: " + command);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(command + " failed: " + output);
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run rabbitmqctl: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}

package dev.warren.amqp.benchmarks.perf;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Optional;
import java.util.Set;

/**
 * Recognises a failure to reach the broker or peer among whatever a client library throws (Warren wraps it in a
 * ConnectFailedException, the official client throws it as is, Netty annotates it with the address), so that the
 * tool can say it in one line instead of a stack trace.
 */
public final class ConnectError {

    private ConnectError() {
    }

    /** The reason the connection could not be opened, when {@code error} or anything it wraps says so. */
    public static Optional<String> find(Throwable error) {
        Deque<Throwable> pending = new ArrayDeque<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        pending.add(error);
        while (!pending.isEmpty()) {
            Throwable t = pending.poll();
            if (!seen.add(t)) {
                continue;
            }
            if (t instanceof ConnectException || t instanceof UnknownHostException
                    || t instanceof NoRouteToHostException || t instanceof SocketTimeoutException) {
                return Optional.of(reason(t));
            }
            if (t.getCause() != null) {
                pending.add(t.getCause());
            }
            Collections.addAll(pending, t.getSuppressed());
        }
        return Optional.empty();
    }

    /** The operating system's words for a connect failure, without the address Netty appends. */
    static String reason(Throwable t) {
        if (t instanceof UnknownHostException) {
            return "unknown host";
        }
        String message = t.getMessage();
        if (message == null || message.isBlank()) {
            return t.getClass().getSimpleName();
        }
        String prefix = "failed: ";
        int failed = message.indexOf(prefix);
        if (message.startsWith("finishConnect") && failed >= 0) {
            message = message.substring(failed + prefix.length());
        }
        int address = message.indexOf(": ");
        return address > 0 ? message.substring(0, address) : message;
    }

    /** {@code cannot connect to 127.0.0.1:5999 (Connection refused)}. */
    public static String line(Endpoint endpoint, String reason) {
        return "cannot connect to " + endpoint + " (" + reason + ")";
    }
}

package dev.warren.amqp.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Collection;

/**
 * Picks TCP ports on 127.0.0.1 that are free right now, for servers started as separate processes that cannot be
 * told to bind port 0 and report back. Another process may take the port before it is used; with ports from the
 * ephemeral range that is rare enough for tests.
 */
final class FreePorts {

    /** The dist ports RabbitMQ's CLI tools use for themselves: a node listening there would push them aside. */
    private static final int CLI_DIST_PORT_MIN = 35672;
    private static final int CLI_DIST_PORT_MAX = 35682;

    private FreePorts() {
    }

    /** Returns a free port that is not one of {@code taken} (ports already chosen but not yet bound). */
    static int pick(Collection<Integer> taken) {
        for (int attempt = 0; attempt < 20; attempt++) {
            int port;
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot find a free port on 127.0.0.1", e);
            }
            if ((port < CLI_DIST_PORT_MIN || port > CLI_DIST_PORT_MAX) && !taken.contains(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port outside " + CLI_DIST_PORT_MIN + "-" + CLI_DIST_PORT_MAX
                + " and " + taken);
    }
}

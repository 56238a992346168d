package dev.warren.amqp.epoll;

import java.util.ArrayList;
import java.util.List;

/**
 * Silently drops every IPv4 packet to or from one address and port on the loopback device, like a network that
 * lost the path: nothing is acknowledged, so data sent stays in flight (unlike a proxy that merely stops reading,
 * whose kernel still acknowledges into its buffers). Uses only iproute2: a {@code clsact} qdisc on {@code lo} with
 * two {@code u32} filters whose {@code mirred} action redirects the matching packets to an {@code ifb} device that
 * is kept down, where they are dropped. The filters sit on the ingress side: a packet dropped on egress is a local
 * drop the sending TCP learns about (it keeps the data as not sent, so nothing is unacknowledged), while one dropped
 * on ingress left the sender normally and is lost on the way, as on a real network. Needs root. Everything it adds is removed again on {@link #close()} (and by a
 * shutdown hook), and nothing else on {@code lo} is touched: the filters match only this address and port, which
 * should be one no one else uses (such as a relay on 127.77.0.1).
 */
final class PacketDrop implements AutoCloseable {

    private final String device;
    private final int preference;
    private final boolean ownsQdisc;
    private final Thread cleanupHook;
    private boolean closed;

    private PacketDrop(String address, int port) {
        long pid = ProcessHandle.current().pid();
        device = "wdrop" + (pid % 100_000);
        preference = 40_000 + (int) (pid % 10_000) * 2;
        must(List.of("ip", "link", "add", device, "type", "ifb")); // created down, and left down
        SockProbe.Run qdisc = SockProbe.run(List.of("tc", "qdisc", "add", "dev", "lo", "clsact"));
        ownsQdisc = qdisc.exit() == 0;
        if (!ownsQdisc && !SockProbe.run(List.of("tc", "qdisc", "show", "dev", "lo")).output().contains("clsact")) {
            SockProbe.run(List.of("ip", "link", "del", device));
            throw new IllegalStateException("cannot add a clsact qdisc to lo: " + qdisc.output());
        }
        cleanupHook = new Thread(this::remove, "packet-drop-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanupHook);
        try {
            filter(preference, "dst", address, "dport", port);
            filter(preference + 1, "src", address, "sport", port);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Starts dropping packets to and from {@code address:port} on lo. */
    static PacketDrop on(String address, int port) {
        return new PacketDrop(address, port);
    }

    /** Why packets cannot be dropped here, or {@code null}. */
    static String unavailableBecause() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return "dropping packets with tc needs root";
        }
        SockProbe.Run tc = SockProbe.run(List.of("tc", "-V"));
        if (tc.exit() != 0) {
            return "tc (iproute2) is not installed: " + tc.output();
        }
        return null;
    }

    private void filter(int pref, String addressField, String address, String portField, int port) {
        must(List.of("tc", "filter", "add", "dev", "lo", "ingress", "pref", Integer.toString(pref), "protocol", "ip",
                "u32", "match", "ip", addressField, address + "/32", "match", "ip", portField,
                Integer.toString(port), "0xffff", "action", "mirred", "egress", "redirect", "dev", device));
    }

    private static void must(List<String> command) {
        SockProbe.Run run = SockProbe.run(command);
        if (run.exit() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + run.output());
        }
    }

    private synchronized void remove() {
        if (closed) {
            return;
        }
        closed = true;
        List<String> problems = new ArrayList<>();
        for (int pref : new int[] {preference, preference + 1}) {
            SockProbe.run(List.of("tc", "filter", "del", "dev", "lo", "ingress", "pref", Integer.toString(pref)));
        }
        if (ownsQdisc) {
            String left = SockProbe.run(List.of("tc", "filter", "show", "dev", "lo", "egress")).output()
                    + SockProbe.run(List.of("tc", "filter", "show", "dev", "lo", "ingress")).output();
            if (left.isBlank()) { // nobody else put filters there meanwhile
                SockProbe.Run run = SockProbe.run(List.of("tc", "qdisc", "del", "dev", "lo", "clsact"));
                if (run.exit() != 0) {
                    problems.add(run.output());
                }
            }
        }
        SockProbe.Run link = SockProbe.run(List.of("ip", "link", "del", device));
        if (link.exit() != 0) {
            problems.add(link.output());
        }
        if (!problems.isEmpty()) {
            System.err.println("PacketDrop cleanup: " + problems);
        }
    }

    @Override
    public void close() {
        remove();
        try {
            Runtime.getRuntime().removeShutdownHook(cleanupHook);
        } catch (IllegalStateException | NullPointerException ignored) {
            // shutting down already, or the hook was never added
        }
    }
}

package dev.warren.amqp.epoll;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Reads a socket's options from outside the JVM, independently of Warren, Netty and the JDK: {@code sockprobe.c}
 * (a test resource, compiled with gcc on first use) duplicates this JVM's socket descriptor with
 * {@code pidfd_getfd(2)} and calls {@code getsockopt(2)} on it; {@code ss} (iproute2) shows what the kernel's
 * socket diagnostics report (keep-alive timer, buffer sizes, congestion control, TOS, tcp_info).
 */
final class SockProbe {

    private static Path binary;
    private static String unavailable;

    private SockProbe() {
    }

    /** Why the probe cannot run here, or {@code null} when it can. */
    static synchronized String unavailableBecause() {
        compile();
        return unavailable;
    }

    private static synchronized void compile() {
        if (binary != null || unavailable != null) {
            return;
        }
        try {
            Path dir = Files.createDirectories(Path.of("target", "sockprobe"));
            Path source = dir.resolve("sockprobe.c");
            try (InputStream in = SockProbe.class.getResourceAsStream("sockprobe.c")) {
                Files.copy(in, source, StandardCopyOption.REPLACE_EXISTING);
            }
            Path out = dir.resolve("sockprobe");
            Run run = run(List.of("gcc", "-O2", "-Wall", "-o", out.toString(), source.toString()));
            if (run.exit != 0) {
                unavailable = "gcc could not build sockprobe.c: " + run.output;
                return;
            }
            // pidfd_getfd needs PTRACE_MODE_ATTACH on this JVM: check on a socket of our own.
            try (java.net.ServerSocket server = new java.net.ServerSocket(0, 1,
                    java.net.InetAddress.getLoopbackAddress());
                 java.net.Socket client = new java.net.Socket(server.getInetAddress(), server.getLocalPort())) {
                Run check = run(List.of(out.toString(), Long.toString(ProcessHandle.current().pid()),
                        Integer.toString(client.getLocalPort()), "0", "1:3"));
                if (check.exit != 0 || !check.output.contains("1:3=1")) {
                    unavailable = "sockprobe cannot read this JVM's sockets (pidfd_getfd needs ptrace rights): "
                            + check.output;
                    return;
                }
            }
            binary = out;
        } catch (IOException e) {
            unavailable = "sockprobe unavailable: " + e;
        }
    }

    /**
     * getsockopt from another process on the connected TCP socket with these ports. Each spec is
     * {@code LEVEL:OPTNAME} (an int), {@code LEVEL:OPTNAME:sLEN} (a name) or {@code LEVEL:OPTNAME:xLEN} (hex bytes);
     * the result maps each spec to what getsockopt returned, plus {@code domain} (the address family).
     */
    static Map<String, String> getsockopt(int localPort, int peerPort, String... specs) {
        compile();
        if (binary == null) {
            throw new IllegalStateException(unavailable);
        }
        List<String> command = new ArrayList<>(List.of(binary.toString(),
                Long.toString(ProcessHandle.current().pid()), Integer.toString(localPort),
                Integer.toString(peerPort)));
        command.addAll(List.of(specs));
        Run run = run(command);
        if (run.exit != 0) {
            throw new AssertionError("sockprobe " + command + " failed (" + run.exit + "): " + run.output);
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : run.output.split("\n")) {
            if (line.startsWith("fd=")) {
                values.put("domain", line.substring(line.indexOf("domain=") + 7).trim());
            } else if (line.contains("=")) {
                values.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1).trim());
            }
        }
        return values;
    }

    /** The spec for an int option. */
    static String spec(int level, int optname) {
        return level + ":" + optname;
    }

    /**
     * What {@code ss -tieonm --tos} says about the connected socket with these ports, on one line: keep-alive timer,
     * {@code skmem:(...,rb...,tb...)}, congestion control, {@code tos:}, {@code tclass:}, rtt, cwnd.
     */
    static String ss(int localPort, int peerPort) {
        Run run = run(List.of("ss", "-H", "-tieonm", "--tos", "state", "established",
                "( sport = :" + localPort + " and dport = :" + peerPort + " )"));
        if (run.exit != 0) {
            throw new AssertionError("ss failed: " + run.output);
        }
        return run.output.replace('\n', ' ').replace('\t', ' ').trim();
    }

    record Run(int exit, String output) {
    }

    static Run run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(command + " did not finish within 20 s");
            }
            return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Run(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}

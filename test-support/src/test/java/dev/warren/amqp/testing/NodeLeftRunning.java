package dev.warren.amqp.testing;

/**
 * Run in a child JVM by {@link RabbitNodeCleanupIT}: starts a node, prints its folder and the Erlang VM's pid, and
 * then either exits without closing the node ({@code exit}) or waits to be killed ({@code wait}).
 */
public final class NodeLeftRunning {

    private NodeLeftRunning() {
    }

    public static void main(String[] args) throws Exception {
        RabbitNode node = RabbitNode.builder().namePrefix("it-orphan").start();
        String pid = java.nio.file.Files.readString(node.baseDir().resolve("rabbitmq.pid")).strip();
        System.out.println("NODE " + node.baseDir() + " " + pid);
        System.out.flush();
        if ("exit".equals(args[0])) {
            System.exit(0); // without node.close(): the shutdown hook must clean up
        }
        Thread.sleep(120_000); // to be killed with SIGKILL well before this ends
    }
}

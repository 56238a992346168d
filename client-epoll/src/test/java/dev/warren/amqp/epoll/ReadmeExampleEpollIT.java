package dev.warren.amqp.epoll;

import dev.warren.amqp.testing.RequiresBroker;
import dev.warren.amqp.testing.TestBroker;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The example that opens the README's "Socket options and custom dialers" section, exactly as written there: taken
 * from README.md between its marker comments, compiled with the JDK's javac against this module's class path (with
 * {@code -Werror}), and run against the broker.
 */
@RequiresBroker
class ReadmeExampleEpollIT {

    private static final Path README = Path.of("..", "README.md");
    private static final String START = "<!-- readme-example:start";
    private static final String END = "<!-- readme-example:end -->";

    static String example() throws Exception {
        String readme = Files.readString(README);
        int start = readme.indexOf(START);
        int end = readme.indexOf(END);
        assertThat(start).as("marker %s in %s", START, README.toAbsolutePath()).isNotNegative();
        assertThat(end).as("marker %s", END).isGreaterThan(start);
        String block = readme.substring(readme.indexOf('\n', start) + 1, end).strip();
        assertThat(block).startsWith("```java").endsWith("```");
        String code = block.substring("```java".length(), block.length() - 3);
        assertThat(readme.substring(0, start)).as("the example opens the section")
                .endsWith("## Socket options and custom dialers\n\n"
                        + "The founding scenario: `SO_REUSEPORT` on an AMQP connection, and a check that the socket "
                        + "really holds it.\n\n");
        return code;
    }

    @Test
    void theReadmesFoundingExampleCompilesRunsAndFindsSoReusePortOnTheSocket() throws Exception {
        TestBroker broker = TestBroker.get();
        boolean sameBroker = broker.host().equals("127.0.0.1") && broker.port() == 5672
                && broker.username().equals("guest") && !broker.tls();
        if (!sameBroker) {
            System.out.println("[SKIPPED] the README example talks to amqp://guest:guest@127.0.0.1:5672/, "
                    + "but the test broker is " + broker);
        }
        assumeTrue(sameBroker, "the README example needs the broker at 127.0.0.1:5672");

        String source = "import dev.warren.amqp.client.*;\n\n"
                + "public class ReadmeExample {\n    public static void run() throws Exception {\n"
                + example() + "\n    }\n}\n";
        Path dir = Files.createDirectories(Path.of("target", "readme-example"));
        Path file = dir.resolve("ReadmeExample.java");
        Files.writeString(file, source);
        // javac of the JDK running the tests, as a user would compile the example.
        Path javac = Path.of(System.getProperty("java.home"), "bin", "javac");
        SockProbe.Run compiled = SockProbe.run(List.of(javac.toString(), "-Xlint:all", "-Werror",
                "-classpath", System.getProperty("java.class.path"), "-d", dir.toString(), file.toString()));
        assertThat(compiled.exit()).as("%s\n%s", compiled.output(), source).isZero();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = System.out;
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()},
                getClass().getClassLoader())) {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            loader.loadClass("ReadmeExample").getMethod("run").invoke(null);
        } finally {
            System.setOut(out);
        }
        String line = printed.toString(StandardCharsets.UTF_8).strip();
        out.println("README example printed: " + line);
        assertThat(line).startsWith("epoll /127.0.0.1:").endsWith(" holds SO_REUSEPORT");
    }
}

package dev.warren.amqp.benchmarks.perf;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of a JVM the tool starts for itself (a client run or a benchmark peer): the same java binary and
 * class path as this one, the heap and JVM flags it was given, and a few settings every measurement wants.
 *
 * <p>Garbage collector: unless this JVM was given one, children use the parallel collector. Its young collections
 * are short stop-the-world pauses with no concurrent work stealing one of the few cores, so CPU per message shows the
 * client rather than the collector's background threads; both clients get the same one.
 */
final class ChildJvm {

    static final String DEFAULT_GC = "-XX:+UseParallelGC";
    /** Leak detection samples buffers and records stack traces; it has no place in a measurement. */
    static final String LEAK_DETECTION_DISABLED = "-Dio.netty.leakDetection.level=disabled";

    private ChildJvm() {
    }

    static List<String> command(List<String> extraJvmOptions, List<String> toolArguments) {
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        List<String> options = new ArrayList<>(inheritedOptions(ManagementFactory.getRuntimeMXBean().getInputArguments()));
        options.addAll(extraJvmOptions);
        if (options.stream().noneMatch(ChildJvm::choosesGc)) {
            options.add(0, DEFAULT_GC);
        }
        command.addAll(options);
        command.add(LEAK_DETECTION_DISABLED);
        command.add("-Djava.awt.headless=true");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(PerfTool.class.getName());
        command.addAll(toolArguments);
        return command;
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command()
                .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /**
     * The options of this JVM that shape a measurement (heap, stack, -XX flags, Netty settings, module opens);
     * debugging agents and leak detection stay behind.
     */
    static List<String> inheritedOptions(List<String> inputArguments) {
        List<String> kept = new ArrayList<>();
        for (String option : inputArguments) {
            boolean shapesRun = option.startsWith("-Xmx") || option.startsWith("-Xms") || option.startsWith("-Xss")
                    || option.startsWith("-XX:") || option.startsWith("--add-opens")
                    || option.startsWith("--add-exports") || option.startsWith("--enable-native-access")
                    || (option.startsWith("-Dio.netty.") && !option.startsWith("-Dio.netty.leakDetection"));
            if (shapesRun) {
                kept.add(option);
            }
        }
        return kept;
    }

    private static boolean choosesGc(String option) {
        return option.startsWith("-XX:+Use") && option.endsWith("GC");
    }
}

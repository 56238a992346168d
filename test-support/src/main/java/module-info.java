/** Test support shared by every Warren module's tests. Not part of the published API. */
module dev.warren.amqp.testing {
    requires transitive io.netty.buffer;
    requires transitive io.netty.common;
    requires transitive io.netty.transport;
    requires io.netty.handler;
    requires transitive org.junit.jupiter.api;
    requires org.junit.platform.launcher;
    requires static net.jqwik.api;
    requires org.slf4j;
    // Testcontainers 1.x has no module name; this one is derived from its jar file's name.
    requires testcontainers;

    exports dev.warren.amqp.testing;

    provides org.junit.platform.launcher.LauncherSessionListener
            with dev.warren.amqp.testing.LeakDetectionSessionListener;
    provides org.junit.jupiter.api.extension.Extension with dev.warren.amqp.testing.LeakCheckExtension;
}

package dev.warren.amqp.benchmarks.perf;

/** Makes the driver for a client kind. */
public final class ClientDrivers {

    private ClientDrivers() {
    }

    public static ClientDriver create(ClientKind kind) {
        return switch (kind) {
            case WARREN -> new WarrenDriver();
            case OFFICIAL_BLOCKING, OFFICIAL_NETTY -> new OfficialDriver(kind);
        };
    }
}

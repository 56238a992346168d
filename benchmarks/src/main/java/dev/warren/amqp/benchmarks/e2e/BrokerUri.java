package dev.warren.amqp.benchmarks.e2e;

/** Where the broker benchmarks find RabbitMQ. */
final class BrokerUri {

    /** System property or environment variable that names the broker. */
    static final String VARIABLE = "AMQP_URI";
    static final String DEFAULT = "amqp://guest:guest@127.0.0.1:5672/%2f";

    private BrokerUri() {
    }

    /**
     * The system property {@value #VARIABLE}, else the environment variable of that name, else {@value #DEFAULT}.
     * JMH forks inherit the environment, so the variable is the easy way to point a whole run elsewhere.
     */
    static String resolve() {
        String value = System.getProperty(VARIABLE);
        if (value == null || value.isBlank()) {
            value = System.getenv(VARIABLE);
        }
        return value == null || value.isBlank() ? DEFAULT : value.trim();
    }
}

package dev.warren.amqp.codec.method;

/** Range checks for method arguments, so that a record never holds a value its wire type cannot carry. */
final class MethodArguments {

    private MethodArguments() {
    }

    static void checkOctet(int value, String name) {
        if (value < 0 || value > 0xFF) {
            throw new IllegalArgumentException(name + " is an octet, 0..255, was " + value);
        }
    }

    static void checkShort(int value, String name) {
        if (value < 0 || value > 0xFFFF) {
            throw new IllegalArgumentException(name + " is an unsigned short, 0..65535, was " + value);
        }
    }

    static void checkUnsignedInt(long value, String name) {
        if (value < 0 || value > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException(name + " is an unsigned 32-bit integer, 0..4294967295, was " + value);
        }
    }
}

package dev.warren.amqp.codec.frame;

final class Channels {

    private Channels() {
    }

    static void check(int channel) {
        if (channel < 0 || channel > 0xFFFF) {
            throw new IllegalArgumentException("channel numbers are 0..65535, was " + channel);
        }
    }
}

package dev.warren.amqp.client;

import java.util.Arrays;
import java.util.Objects;

/**
 * One {@code setsockopt(fd, level, optname, value)} applied before connect, for options Warren has no typed
 * setter for. Needs a native transport (epoll or io_uring); NIO fails the connect with an error that says so.
 * The value is an {@code int} or a byte array; the array is copied in and out, so a connect never consumes it.
 *
 * @param level   the protocol level, such as {@code SOL_SOCKET} (1) or {@code IPPROTO_TCP} (6)
 * @param optname the option number, such as {@code TCP_USER_TIMEOUT} (18)
 */
public record RawSocketOption(int level, int optname, Integer intValue, byte[] bytesValue) {

    public RawSocketOption {
        if ((intValue == null) == (bytesValue == null)) {
            throw new IllegalArgumentException("a raw socket option has either an int or a byte[] value");
        }
        bytesValue = bytesValue == null ? null : bytesValue.clone();
    }

    public static RawSocketOption ofInt(int level, int optname, int value) {
        return new RawSocketOption(level, optname, value, null);
    }

    public static RawSocketOption ofBytes(int level, int optname, byte[] value) {
        return new RawSocketOption(level, optname, null, Objects.requireNonNull(value, "value"));
    }

    /** A copy of the byte value, or {@code null} for an int option. */
    @Override
    public byte[] bytesValue() {
        return bytesValue == null ? null : bytesValue.clone();
    }

    public boolean isInt() {
        return intValue != null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RawSocketOption r && r.level == level && r.optname == optname
                && Objects.equals(r.intValue, intValue) && Arrays.equals(r.bytesValue, bytesValue);
    }

    @Override
    public int hashCode() {
        return Objects.hash(level, optname, intValue, Arrays.hashCode(bytesValue));
    }

    @Override
    public String toString() {
        return "setsockopt(level=" + level + ", optname=" + optname + ", "
                + (intValue != null ? intValue.toString() : "byte[" + bytesValue.length + "]") + ")";
    }
}

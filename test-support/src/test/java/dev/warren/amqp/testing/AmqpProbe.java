package dev.warren.amqp.testing;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;

import static org.assertj.core.api.Assertions.assertThat;

/** Checks, byte by byte, that a socket speaks AMQP 0-9-1: the protocol header is answered with connection.start. */
final class AmqpProbe {

    private AmqpProbe() {
    }

    /** Sends {@code AMQP\0\0\9\1} and asserts that a connection.start method frame on channel 0 comes back. */
    static void assertAnswersWithConnectionStart(InputStream input, OutputStream output) throws IOException {
        output.write(new byte[] {'A', 'M', 'Q', 'P', 0, 0, 9, 1});
        output.flush();
        DataInputStream in = new DataInputStream(input);
        assertThat(in.readUnsignedByte()).as("frame type METHOD").isEqualTo(1);
        assertThat(in.readUnsignedShort()).as("channel").isZero();
        assertThat(in.readInt()).as("frame size").isPositive();
        assertThat(in.readUnsignedShort()).as("class connection").isEqualTo(10);
        assertThat(in.readUnsignedShort()).as("method start").isEqualTo(10);
        assertThat(in.readUnsignedByte()).as("version major").isZero();
        assertThat(in.readUnsignedByte()).as("version minor").isEqualTo(9);
    }

    static void assertAnswersWithConnectionStart(String host, int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 2000);
            socket.setSoTimeout(5000);
            assertAnswersWithConnectionStart(socket.getInputStream(), socket.getOutputStream());
        }
    }

    static boolean portAccepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}

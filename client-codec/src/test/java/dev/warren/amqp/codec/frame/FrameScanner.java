package dev.warren.amqp.codec.frame;

import java.util.ArrayList;
import java.util.List;

/** An independent reading of a stream of well-formed frames, for checking what the encoders produce. */
final class FrameScanner {

    private FrameScanner() {
    }

    /** Each frame as {type, channel, payload size, payload offset}; fails on anything malformed. */
    static List<int[]> scan(byte[] stream) {
        List<int[]> frames = new ArrayList<>();
        int offset = 0;
        while (offset < stream.length) {
            if (stream.length - offset < 8) {
                throw new AssertionError("a partial frame at " + offset);
            }
            int type = stream[offset] & 0xFF;
            int channel = ((stream[offset + 1] & 0xFF) << 8) | (stream[offset + 2] & 0xFF);
            long size = ((long) (stream[offset + 3] & 0xFF) << 24) | ((stream[offset + 4] & 0xFF) << 16)
                    | ((stream[offset + 5] & 0xFF) << 8) | (stream[offset + 6] & 0xFF);
            long end = offset + 7 + size;
            if (end >= stream.length || (stream[(int) end] & 0xFF) != 0xCE) {
                throw new AssertionError("no frame-end after the frame at " + offset);
            }
            frames.add(new int[] {type, channel, (int) size, offset + 7});
            offset = (int) end + 1;
        }
        return frames;
    }
}

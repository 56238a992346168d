package dev.warren.amqp.codec;

/**
 * The bounds the decoder enforces before it allocates anything. Immutable; share one instance.
 *
 * @param maxFrameSize    the largest frame accepted, header and frame-end included, once tuning is done
 *                        (at least {@value #MIN_FRAME_SIZE}); Warren applies it even when the peer offers no limit
 * @param maxBodySize     the largest message body assembled from body frames; a larger one is discarded and
 *                        reported so that only its channel closes
 * @param maxNestingDepth how deep field tables and arrays may nest inside each other (a top-level table is 1)
 */
public record CodecLimits(int maxFrameSize, long maxBodySize, int maxNestingDepth) {

    /** The frame size every peer must accept, and the limit before connection.tune has been answered. */
    public static final int MIN_FRAME_SIZE = 8192;
    public static final int DEFAULT_MAX_FRAME_SIZE = 131072;
    public static final long DEFAULT_MAX_BODY_SIZE = 64L * 1024 * 1024;
    public static final int DEFAULT_MAX_NESTING_DEPTH = 64;

    /** The defaults: 128 KiB frames, 64 MiB bodies, nesting 64 deep. */
    public static final CodecLimits DEFAULTS =
            new CodecLimits(DEFAULT_MAX_FRAME_SIZE, DEFAULT_MAX_BODY_SIZE, DEFAULT_MAX_NESTING_DEPTH);

    public CodecLimits {
        if (maxFrameSize < MIN_FRAME_SIZE) {
            throw new IllegalArgumentException("maxFrameSize must be at least " + MIN_FRAME_SIZE + ", was "
                    + maxFrameSize);
        }
        if (maxBodySize < 0 || maxBodySize > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("maxBodySize must be between 0 and " + (Integer.MAX_VALUE - 8)
                    + ", was " + maxBodySize);
        }
        if (maxNestingDepth < 1 || maxNestingDepth > 1024) {
            throw new IllegalArgumentException("maxNestingDepth must be between 1 and 1024, was "
                    + maxNestingDepth);
        }
    }

    public CodecLimits withMaxFrameSize(int size) {
        return new CodecLimits(size, maxBodySize, maxNestingDepth);
    }

    public CodecLimits withMaxBodySize(long size) {
        return new CodecLimits(maxFrameSize, size, maxNestingDepth);
    }

    public CodecLimits withMaxNestingDepth(int depth) {
        return new CodecLimits(maxFrameSize, maxBodySize, depth);
    }
}

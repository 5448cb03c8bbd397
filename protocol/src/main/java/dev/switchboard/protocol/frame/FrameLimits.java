package dev.switchboard.protocol.frame;

/** Sizes fixed by the protocol. The server's {@code server.maxFrameBytes} may lower the frame limit, never raise it. */
public final class FrameLimits {
    /** Bytes of the length prefix; the length counts what follows it (type byte and payload). */
    public static final int LENGTH_BYTES = 4;
    /** The default and largest frame (length prefix included): 16 MiB. */
    public static final int DEFAULT_MAX_FRAME_BYTES = 16 * 1024 * 1024;
    /** Most parameters in one Execute, and most columns in a result. */
    public static final int MAX_COLUMNS = 0xffff;
    /**
     * Most rows in one ROW_BATCH of a zero-column result. Such rows take no bytes, so without this bound seven bytes
     * could claim two billion rows.
     */
    public static final int MAX_EMPTY_ROWS = 0xffff;

    private FrameLimits() {
    }
}

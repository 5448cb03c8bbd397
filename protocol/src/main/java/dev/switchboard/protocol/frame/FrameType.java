package dev.switchboard.protocol.frame;

import dev.switchboard.protocol.codec.ProtocolException;

/**
 * The one-byte code that follows a frame's length. SPEC.md has the table; client and server codes never overlap,
 * so a frame sent the wrong way is recognised as such.
 */
public enum FrameType {
    // client → server
    HELLO('H'), AUTH('p'), EXECUTE('E'), EXECUTE_BATCH('B'), FETCH('F'), CLOSE_CURSOR('C'), TRANSACT('x'),
    SET_OPTION('S'), METADATA('M'), CANCEL('c'), PING('P'), TERMINATE('X'),
    // server → client
    AUTH_CHALLENGE('R'), READY('Z'), SWITCHED('Y'), RESULT_HEADER('T'), ROW_BATCH('D'), RESULT_END('K'),
    SUSPENDED('s'), BATCH_RESULT('b'), OK('k'), WARNING('N'), ERROR('!'), GOAWAY('G');

    private static final FrameType[] BY_CODE = new FrameType[128];

    static {
        for (FrameType t : values()) {
            if (BY_CODE[t.code] != null) throw new AssertionError("duplicate frame code " + (char) t.code);
            BY_CODE[t.code] = t;
        }
    }

    private final byte code;

    FrameType(char code) {
        this.code = (byte) code;
    }

    public byte code() {
        return code;
    }

    /** The frame type for {@code code}; an unknown code is a protocol error, never {@code null}. */
    public static FrameType of(byte code) {
        FrameType t = code >= 0 ? BY_CODE[code] : null;
        if (t == null) throw new ProtocolException("unknown frame type 0x" + Integer.toHexString(code & 0xff));
        return t;
    }
}

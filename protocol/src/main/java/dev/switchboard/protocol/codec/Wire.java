package dev.switchboard.protocol.codec;

import dev.switchboard.protocol.frame.FrameLimits;
import dev.switchboard.protocol.frame.FrameType;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Primitive reads and frame framing shared by both codecs. Reads throw {@link java.nio.BufferUnderflowException}
 * on truncated input; the codecs turn that into a {@link ProtocolException}.
 */
public final class Wire {
    private Wire() {
    }

    /** Writes the length placeholder and the type; returns where the frame starts, for {@link #endFrame}. */
    public static int beginFrame(WireOut out, FrameType type) {
        int start = out.position();
        out.writeInt(0);
        out.writeByte(type.code());
        return start;
    }

    /** Patches the length of the frame begun at {@code start}: the bytes after the length field. */
    public static void endFrame(WireOut out, int start) {
        out.setInt(start, out.position() - start - FrameLimits.LENGTH_BYTES);
    }

    public static String readString(ByteBuffer in) {
        int len = readLength(in);
        String s;
        if (in.hasArray()) {
            s = new String(in.array(), in.arrayOffset() + in.position(), len, StandardCharsets.UTF_8);
            in.position(in.position() + len);
        } else {
            byte[] b = new byte[len];
            in.get(b);
            s = new String(b, StandardCharsets.UTF_8);
        }
        return s;
    }

    public static byte[] readBytes(ByteBuffer in) {
        byte[] b = new byte[readLength(in)];
        in.get(b);
        return b;
    }

    /** An i32 length that must be non-negative and fit in what is left of the frame. */
    public static int readLength(ByteBuffer in) {
        int len = in.getInt();
        if (len < 0 || len > in.remaining()) {
            throw new ProtocolException("length " + len + " exceeds the " + in.remaining() + " bytes left in the frame");
        }
        return len;
    }

    public static int readU16(ByteBuffer in) {
        return in.getShort() & 0xffff;
    }

    public static int readU8(ByteBuffer in) {
        return in.get() & 0xff;
    }

    public static boolean readBoolean(ByteBuffer in) {
        byte b = in.get();
        if (b != 0 && b != 1) throw new ProtocolException("boolean byte must be 0 or 1, was " + b);
        return b == 1;
    }

    /** A count that must be non-negative and small enough that each element takes at least {@code minBytes}. */
    public static int readCount(ByteBuffer in, int minBytes) {
        int n = in.getInt();
        if (n < 0 || (long) n * minBytes > in.remaining()) {
            throw new ProtocolException("count " + n + " does not fit in the " + in.remaining() + " bytes left");
        }
        return n;
    }

    public static <E extends Enum<E>> E readEnum(ByteBuffer in, E[] values, String what) {
        int i = readU8(in);
        if (i >= values.length) throw new ProtocolException("unknown " + what + " " + i);
        return values[i];
    }
}

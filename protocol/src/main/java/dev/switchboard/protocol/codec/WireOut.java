package dev.switchboard.protocol.codec;

import java.nio.charset.StandardCharsets;

/**
 * Where encoders write big-endian bytes: a growable heap buffer ({@link BufferWireOut}) in the driver and in tests,
 * a Netty ByteBuf in the server. Implementations are not thread-safe.
 */
public interface WireOut {
    void writeByte(int v);

    void writeShort(int v);

    void writeInt(int v);

    void writeLong(long v);

    void writeBytes(byte[] bytes, int offset, int length);

    /** Bytes written so far. */
    int position();

    /** Overwrites four bytes at {@code position} (used to patch a frame's length). */
    void setInt(int position, int v);

    /** Overwrites one byte at {@code position} (used to patch a row's null bitmap). */
    void setByte(int position, int v);

    default void writeFloat(float v) {
        writeInt(Float.floatToRawIntBits(v));
    }

    default void writeDouble(double v) {
        writeLong(Double.doubleToRawLongBits(v));
    }

    default void writeBytes(byte[] bytes) {
        writeBytes(bytes, 0, bytes.length);
    }

    /** An i32 byte length, then the UTF-8 bytes. */
    default void writeString(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        writeInt(b.length);
        writeBytes(b);
    }
}

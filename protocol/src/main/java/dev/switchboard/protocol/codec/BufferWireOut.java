package dev.switchboard.protocol.codec;

import java.nio.ByteBuffer;
import java.util.Arrays;

/** A {@link WireOut} over a growable byte array. Not thread-safe; {@link #reset()} to reuse it. */
public final class BufferWireOut implements WireOut {
    private byte[] buf;
    private int pos;

    public BufferWireOut(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    public BufferWireOut() {
        this(256);
    }

    private void ensure(int more) {
        int need = pos + more;
        if (need > buf.length) buf = Arrays.copyOf(buf, Math.max(need, buf.length * 2));
    }

    @Override
    public void writeByte(int v) {
        ensure(1);
        buf[pos++] = (byte) v;
    }

    @Override
    public void writeShort(int v) {
        ensure(2);
        buf[pos++] = (byte) (v >>> 8);
        buf[pos++] = (byte) v;
    }

    @Override
    public void writeInt(int v) {
        ensure(4);
        setIntUnchecked(pos, v);
        pos += 4;
    }

    @Override
    public void writeLong(long v) {
        writeInt((int) (v >>> 32));
        writeInt((int) v);
    }

    @Override
    public void writeBytes(byte[] bytes, int offset, int length) {
        ensure(length);
        System.arraycopy(bytes, offset, buf, pos, length);
        pos += length;
    }

    @Override
    public int position() {
        return pos;
    }

    @Override
    public void setInt(int position, int v) {
        if (position < 0 || position + 4 > pos) throw new IndexOutOfBoundsException(position);
        setIntUnchecked(position, v);
    }

    @Override
    public void setByte(int position, int v) {
        if (position < 0 || position >= pos) throw new IndexOutOfBoundsException(position);
        buf[position] = (byte) v;
    }

    private void setIntUnchecked(int at, int v) {
        buf[at] = (byte) (v >>> 24);
        buf[at + 1] = (byte) (v >>> 16);
        buf[at + 2] = (byte) (v >>> 8);
        buf[at + 3] = (byte) v;
    }

    public void reset() {
        pos = 0;
    }

    /** The internal array; valid bytes are {@code [0, position())}. */
    public byte[] array() {
        return buf;
    }

    /** A copy of what was written. */
    public byte[] toByteArray() {
        return Arrays.copyOf(buf, pos);
    }

    /** A read-only view of what was written, positioned at 0. */
    public ByteBuffer toByteBuffer() {
        return ByteBuffer.wrap(buf, 0, pos).asReadOnlyBuffer();
    }
}

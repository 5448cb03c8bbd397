package dev.switchboard.proxy.net;

import dev.switchboard.protocol.codec.WireOut;
import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;

/** {@link WireOut} over a Netty {@link ByteBuf}; positions are relative to the buffer's writer index at creation. */
final class ByteBufWireOut implements WireOut {
    private final ByteBuf buf;
    private final int base;

    ByteBufWireOut(ByteBuf buf) {
        this.buf = buf;
        this.base = buf.writerIndex();
    }

    @Override
    public void writeByte(int v) {
        buf.writeByte(v);
    }

    @Override
    public void writeShort(int v) {
        buf.writeShort(v);
    }

    @Override
    public void writeInt(int v) {
        buf.writeInt(v);
    }

    @Override
    public void writeLong(long v) {
        buf.writeLong(v);
    }

    @Override
    public void writeBytes(byte[] bytes, int offset, int length) {
        buf.writeBytes(bytes, offset, length);
    }

    @Override
    public int position() {
        return buf.writerIndex() - base;
    }

    @Override
    public void setInt(int position, int v) {
        buf.setInt(base + position, v);
    }

    @Override
    public void setByte(int position, int v) {
        buf.setByte(base + position, v);
    }

    /** Writes UTF-8 straight from the chars, without an intermediate byte[]. */
    @Override
    public void writeString(String s) {
        int lengthAt = buf.writerIndex();
        buf.writeInt(0);
        int written = buf.writeCharSequence(s, StandardCharsets.UTF_8);
        buf.setInt(lengthAt, written);
    }
}

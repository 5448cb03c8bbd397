package dev.switchboard.proxy.net;

import dev.switchboard.protocol.codec.ServerCodec;
import dev.switchboard.protocol.codec.WireOut;
import dev.switchboard.protocol.message.ServerMessage;
import dev.switchboard.proxy.exec.Reply;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/** A reply encoded into one pooled buffer, written with one flush. Owns the buffer until {@link #take()}. */
final class ByteBufReply implements Reply {
    private final ByteBuf buf;
    private final ByteBufWireOut out;

    ByteBufReply(ByteBufAllocator alloc) {
        this.buf = alloc.buffer(512);
        this.out = new ByteBufWireOut(buf);
    }

    @Override
    public void send(ServerMessage msg) {
        ServerCodec.encode(msg, out);
    }

    @Override
    public WireOut out() {
        return out;
    }

    @Override
    public void discard() {
        buf.clear();
    }

    /** The encoded frames; the caller now owns (and must write or release) the buffer. */
    ByteBuf take() {
        return buf;
    }

    void release() {
        buf.release();
    }
}

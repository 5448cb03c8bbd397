package dev.switchboard.proxy.net;

import dev.switchboard.protocol.codec.BufferWireOut;
import dev.switchboard.protocol.codec.ClientCodec;
import dev.switchboard.protocol.codec.ServerCodec;
import dev.switchboard.protocol.message.ClientMessage;
import dev.switchboard.protocol.message.Execute;
import dev.switchboard.protocol.message.Fetch;
import dev.switchboard.protocol.message.ServerError;
import dev.switchboard.protocol.types.Value;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.TooLongFrameException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The front of the server pipeline on an EmbeddedChannel (STYLE.md idiom 12). */
class PipelineTest {
    private final EmbeddedChannel ch = new EmbeddedChannel(new FrameDecoder(1024), ClientMessageDecoder.INSTANCE);

    @AfterEach
    void nothingLeftOver() {
        assertThat(ch.finish()).isFalse();
    }

    private static ByteBuf frame(ClientMessage m) {
        var out = new BufferWireOut();
        ClientCodec.encode(m, out);
        return Unpooled.wrappedBuffer(out.toByteArray());
    }

    @Test
    void decodesAFrameSplitByteByByte() {
        ByteBuf bytes = frame(new Fetch(7, 1000));
        while (bytes.isReadable()) ch.writeInbound(bytes.readRetainedSlice(1));
        bytes.release();
        assertThat(ch.<Object>readInbound()).isEqualTo(new Fetch(7, 1000));
    }

    @Test
    void decodesSeveralFramesArrivingTogether() {
        var e = Execute.prepared("SELECT ?", List.of(new Value.Text("é")), 10);
        ch.writeInbound(Unpooled.wrappedBuffer(frame(e), frame(new Fetch(1, 2))));
        assertThat(ch.<Object>readInbound()).isEqualTo(e);
        assertThat(ch.<Object>readInbound()).isEqualTo(new Fetch(1, 2));
    }

    @Test
    void rejectsAFrameOverTheLimit() {
        assertThatThrownBy(() -> ch.writeInbound(Unpooled.buffer().writeInt(4096).writeByte('E')))
                .isInstanceOf(TooLongFrameException.class);
    }

    @Test
    void beforeLoginAFrameOver64KibIsRefusedBeforeItIsBuffered() {
        var login = new EmbeddedChannel(ServerMessageEncoder.INSTANCE, new FrameDecoder(16 << 20),
                ClientMessageDecoder.INSTANCE, ExceptionHandler.INSTANCE);
        // Only the length field arrives: the refusal must not wait for (or buffer) the announced 1 MiB.
        login.writeInbound(Unpooled.buffer().writeInt(1 << 20).writeByte('H'));
        ByteBuf reply = login.readOutbound();
        var error = (ServerError) ServerCodec.decode(reply.skipBytes(4).nioBuffer());
        reply.release();
        assertThat(error.sqlState()).isEqualTo("08P01");
        assertThat(error.message()).contains("before login");
        assertThat(login.isOpen()).isFalse();
        login.finishAndReleaseAll();
    }

    @Test
    void bytesHeldPastTheLastWholeFrameAreHandedOverForADedicatedThread() {
        // A frame and a half: the whole one is decoded; the half stays in the decoder until the session's own thread
        // takes it, in order, and then the decoder holds nothing.
        var decoder = new FrameDecoder(1024);
        var session = new EmbeddedChannel(decoder, ClientMessageDecoder.INSTANCE);
        ByteBuf second = frame(new Fetch(2, 20));
        byte[] expected = new byte[second.readableBytes()];
        second.getBytes(0, expected);
        session.writeInbound(Unpooled.wrappedBuffer(frame(new Fetch(1, 10)), second.retainedSlice(0, 5)));
        assertThat(session.<Object>readInbound()).isEqualTo(new Fetch(1, 10));

        java.nio.ByteBuffer carried = decoder.takeBuffered();
        byte[] got = new byte[carried.remaining()];
        carried.get(got);
        assertThat(got).containsExactly(java.util.Arrays.copyOf(expected, 5));
        assertThat(decoder.takeBuffered().remaining()).isZero();
        second.release();
        assertThat(session.finish()).isFalse();
    }

    @Test
    void afterLoginFramesUpToMaxFrameBytesPass() {
        var decoder = new FrameDecoder(1 << 20);
        var session = new EmbeddedChannel(decoder, ClientMessageDecoder.INSTANCE);
        decoder.authenticated();
        var big = Execute.plain("SELECT '" + "x".repeat(100_000) + "'", 10);
        session.writeInbound(frame(big));
        assertThat(session.<Object>readInbound()).isEqualTo(big);
        assertThat(session.finish()).isFalse();
    }

    @Test
    void garbageIsAnsweredWith08P01AndTheChannelCloses() {
        var full = new EmbeddedChannel(ServerMessageEncoder.INSTANCE, new FrameDecoder(1024),
                ClientMessageDecoder.INSTANCE, ExceptionHandler.INSTANCE);
        full.writeInbound(Unpooled.buffer().writeInt(3).writeByte('?').writeShort(0));
        ByteBuf reply = full.readOutbound();
        var error = (ServerError) ServerCodec.decode(reply.skipBytes(4).nioBuffer());
        reply.release();
        assertThat(error.sqlState()).isEqualTo("08P01");
        assertThat(full.isOpen()).isFalse();
        full.finishAndReleaseAll();
    }
}

package dev.switchboard.protocol.codec;

import dev.switchboard.protocol.frame.FrameLimits;
import dev.switchboard.protocol.frame.FrameType;
import dev.switchboard.protocol.message.ClientMessage;
import dev.switchboard.protocol.message.Execute;
import dev.switchboard.protocol.message.Fetch;
import dev.switchboard.protocol.message.Ping;
import dev.switchboard.protocol.message.ServerMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.MessageToMessageDecoder;
import io.netty.handler.codec.TooLongFrameException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The codecs behind a Netty frame decoder, as the server runs them (STYLE idiom 12). The server's own FrameDecoder
 * lives in proxy-server, which this module must not see, so the same {@link LengthFieldBasedFrameDecoder} setup and a
 * stand-in for ClientMessageDecoder are built here.
 */
class FramePipelineTest {
    private static final int LIMIT = 1024;

    private final List<EmbeddedChannel> channels = new ArrayList<>();

    /** Test stand-in for proxy-server's ClientMessageDecoder: one frame in, one message out. */
    static final class ClientFrameDecoder extends MessageToMessageDecoder<ByteBuf> {
        ClientFrameDecoder() {
            super(ByteBuf.class);
        }

        @Override
        protected void decode(ChannelHandlerContext ctx, ByteBuf frame, List<Object> out) {
            out.add(ClientCodec.decode(frame.nioBuffer()));
        }
    }

    /** The same for the other direction (the driver reads frames off a socket, but the bytes are the same). */
    static final class ServerFrameDecoder extends MessageToMessageDecoder<ByteBuf> {
        ServerFrameDecoder() {
            super(ByteBuf.class);
        }

        @Override
        protected void decode(ChannelHandlerContext ctx, ByteBuf frame, List<Object> out) {
            out.add(ServerCodec.decode(frame.nioBuffer()));
        }
    }

    private static LengthFieldBasedFrameDecoder frames(int maxFrameBytes) {
        return new LengthFieldBasedFrameDecoder(maxFrameBytes, 0, 4, 0, 4);
    }

    private EmbeddedChannel channel(io.netty.channel.ChannelHandler... handlers) {
        var ch = new EmbeddedChannel(handlers);
        channels.add(ch);
        return ch;
    }

    private EmbeddedChannel serverSide() {
        return channel(frames(LIMIT), new ClientFrameDecoder());
    }

    @AfterEach
    void nothingLeftOver() {
        for (EmbeddedChannel ch : channels) assertThat(ch.finish()).as("messages left over").isFalse();
    }

    private static void writeByteByByte(EmbeddedChannel ch, ByteBuf bytes) {
        while (bytes.isReadable()) ch.writeInbound(bytes.readRetainedSlice(1));
        bytes.release();
        assertThat(bytes.refCnt()).as("input released").isZero();
    }

    @Test
    void samplesCoverEveryFrameType() {
        var types = java.util.EnumSet.noneOf(FrameType.class);
        Samples.client().forEach(m -> types.add(ClientCodec.typeOf(m)));
        Samples.server().forEach(m -> types.add(ServerCodec.typeOf(m)));
        assertThat(types).isEqualTo(java.util.EnumSet.allOf(FrameType.class));
    }

    @Test
    void decodesFetchSplitAcrossReads() {
        var ch = serverSide();
        writeByteByByte(ch, TestFrames.of(new Fetch(7, 1000)));
        assertThat(ch.<Object>readInbound()).isEqualTo(new Fetch(7, 1000));
    }

    @Test
    void decodesEveryClientMessageSplitByteByByte() {
        var ch = serverSide();
        for (ClientMessage m : Samples.client()) {
            writeByteByByte(ch, TestFrames.of(m));
            assertThat(ch.<Object>readInbound()).isEqualTo(m);
        }
    }

    @Test
    void decodesEveryServerMessageSplitByteByByte() {
        var ch = channel(frames(LIMIT), new ServerFrameDecoder());
        for (ServerMessage m : Samples.server()) {
            writeByteByByte(ch, TestFrames.of(m));
            assertThat(ch.<Object>readInbound()).isEqualTo(m);
        }
    }

    @Test
    void decodesPipelinedFramesFromOneBufferInOrder() {
        var ch = serverSide();
        ByteBuf all = Unpooled.buffer();
        for (ClientMessage m : Samples.client()) all.writeBytes(TestFrames.bytes(m));
        ch.writeInbound(all);
        assertThat(all.refCnt()).as("input released").isZero();
        for (ClientMessage m : Samples.client()) assertThat(ch.<Object>readInbound()).isEqualTo(m);
    }

    @Test
    void decodesFramesCutAtArbitraryPoints() {
        var ch = serverSide();
        ByteBuf all = Unpooled.buffer();
        for (ClientMessage m : Samples.client()) all.writeBytes(TestFrames.bytes(m));
        for (int size = 1; all.isReadable(); size = size % 13 + 1) {
            ch.writeInbound(all.readRetainedSlice(Math.min(size, all.readableBytes())));
        }
        all.release();
        for (ClientMessage m : Samples.client()) assertThat(ch.<Object>readInbound()).isEqualTo(m);
    }

    @Test
    void framesStartAtTheTypeByteAndAreReleasedByTheReader() {
        var ch = channel(frames(LIMIT));
        ByteBuf all = Unpooled.buffer();
        for (ClientMessage m : Samples.client()) all.writeBytes(TestFrames.bytes(m));
        ch.writeInbound(all);
        for (ClientMessage m : Samples.client()) {
            ByteBuf frame = ch.readInbound();
            try {
                assertThat(frame.readableBytes()).isEqualTo(TestFrames.bytes(m).length - FrameLimits.LENGTH_BYTES);
                assertThat(frame.getByte(frame.readerIndex())).isEqualTo(ClientCodec.typeOf(m).code());
            } finally {
                frame.release();
            }
        }
    }

    @Test
    void frameOfExactlyTheLimitIsAccepted() {
        var ch = serverSide();
        Execute atLimit = executeOfFrameSize(LIMIT);
        writeByteByByte(ch, TestFrames.of(atLimit));
        assertThat(ch.<Object>readInbound()).isEqualTo(atLimit);
    }

    @Test
    void frameOneByteOverTheLimitIsRejected() {
        var ch = serverSide();
        ByteBuf tooBig = TestFrames.of(executeOfFrameSize(LIMIT + 1));
        assertThatThrownBy(() -> ch.writeInbound(tooBig)).isInstanceOf(TooLongFrameException.class);
        assertThat(tooBig.refCnt()).isZero();
    }

    @Test
    void rejectsFrameOverLimitAsSoonAsItsLengthArrives() {
        var ch = serverSide();
        assertThatThrownBy(() -> ch.writeInbound(Unpooled.buffer().writeInt(4096)))
                .isInstanceOf(TooLongFrameException.class);
    }

    @Test
    void lengthWithTheTopBitSetIsTooLongNotNegative() {
        var ch = serverSide();
        assertThatThrownBy(() -> ch.writeInbound(Unpooled.buffer().writeInt(0xffff_ffff)))
                .isInstanceOf(TooLongFrameException.class);
    }

    @Test
    void defaultLimitIsSixteenMebibytesIncludingTheLengthPrefix() {
        var ch = channel(frames(FrameLimits.DEFAULT_MAX_FRAME_BYTES), new ClientFrameDecoder());
        assertThatThrownBy(() -> ch.writeInbound(
                Unpooled.buffer().writeInt(FrameLimits.DEFAULT_MAX_FRAME_BYTES - FrameLimits.LENGTH_BYTES + 1)))
                .isInstanceOf(TooLongFrameException.class);
    }

    @Test
    void emptyFrameIsAProtocolError() {
        var ch = serverSide();
        assertThatThrownBy(() -> ch.writeInbound(Unpooled.buffer().writeInt(0)))
                .isInstanceOf(DecoderException.class).hasCauseInstanceOf(ProtocolException.class);
    }

    @Test
    void garbageFrameIsAProtocolErrorAndTheFrameIsReleased() {
        var ch = serverSide();
        ByteBuf bad = Unpooled.buffer().writeInt(3).writeByte(FrameType.FETCH.code()).writeShort(1);
        assertThatThrownBy(() -> ch.writeInbound(bad))
                .isInstanceOf(DecoderException.class).hasCauseInstanceOf(ProtocolException.class);
        assertThat(bad.refCnt()).isZero();
    }

    @Test
    void serverFrameSentByAClientIsAProtocolError() {
        var ch = serverSide();
        ByteBuf bad = Unpooled.buffer().writeInt(1).writeByte(FrameType.OK.code());
        assertThatThrownBy(() -> ch.writeInbound(bad))
                .isInstanceOf(DecoderException.class).hasCauseInstanceOf(ProtocolException.class);
    }

    @Test
    void aBadFrameDoesNotSwallowTheFramesAfterIt() {
        var ch = serverSide();
        ByteBuf bytes = Unpooled.buffer().writeInt(1).writeByte(0x7f);       // unknown type
        bytes.writeBytes(TestFrames.bytes(Ping.INSTANCE));
        assertThatThrownBy(() -> ch.writeInbound(bytes)).hasCauseInstanceOf(ProtocolException.class);
        // the server closes the connection here; the framing itself stayed in step
        assertThat(ch.<Object>readInbound()).isEqualTo(Ping.INSTANCE);
    }

    /** A plain Execute whose whole frame, length prefix included, is {@code size} bytes. */
    private static Execute executeOfFrameSize(int size) {
        int overhead = TestFrames.bytes(Execute.plain("", 1)).length;
        Execute e = Execute.plain("x".repeat(size - overhead), 1);
        assertThat(TestFrames.bytes(e)).hasSize(size);
        return e;
    }
}

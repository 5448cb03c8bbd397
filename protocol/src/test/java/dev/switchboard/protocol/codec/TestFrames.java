package dev.switchboard.protocol.codec;

import dev.switchboard.protocol.frame.FrameLimits;
import dev.switchboard.protocol.message.ClientMessage;
import dev.switchboard.protocol.message.ServerMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.nio.ByteBuffer;
import java.util.HexFormat;

/** Encodes messages into whole frames (length prefix included) for tests, and reads hex written for humans. */
final class TestFrames {
    private static final HexFormat HEX = HexFormat.of();

    private TestFrames() {
    }

    static byte[] bytes(ClientMessage msg) {
        var out = new BufferWireOut();
        ClientCodec.encode(msg, out);
        return out.toByteArray();
    }

    static byte[] bytes(ServerMessage msg) {
        var out = new BufferWireOut();
        ServerCodec.encode(msg, out);
        return out.toByteArray();
    }

    /** The whole frame in a writable heap buffer at position 0: {@code .position(4)} skips the length prefix. */
    static ByteBuffer encode(ClientMessage msg) {
        return ByteBuffer.wrap(bytes(msg));
    }

    static ByteBuffer encode(ServerMessage msg) {
        return ByteBuffer.wrap(bytes(msg));
    }

    /** The whole frame as a Netty buffer, for EmbeddedChannel tests. The caller releases it. */
    static ByteBuf of(ClientMessage msg) {
        return Unpooled.wrappedBuffer(bytes(msg));
    }

    static ByteBuf of(ServerMessage msg) {
        return Unpooled.wrappedBuffer(bytes(msg));
    }

    static String hex(ClientMessage msg) {
        return HEX.formatHex(bytes(msg));
    }

    static String hex(ServerMessage msg) {
        return HEX.formatHex(bytes(msg));
    }

    /** Decodes a whole frame after checking that its length prefix counts exactly the bytes that follow it. */
    static ClientMessage decodeClient(byte[] frame) {
        return ClientCodec.decode(afterLength(frame));
    }

    static ServerMessage decodeServer(byte[] frame) {
        return ServerCodec.decode(afterLength(frame));
    }

    private static ByteBuffer afterLength(byte[] frame) {
        var buf = ByteBuffer.wrap(frame);
        int length = buf.getInt();
        if (length != frame.length - FrameLimits.LENGTH_BYTES) {
            throw new AssertionError("length prefix " + length + " but " + buf.remaining() + " bytes follow");
        }
        return buf;
    }

    /**
     * Hex as the tests and SPEC.md write it: whitespace is ignored, and so is everything from {@code #} to the end of
     * a line, so that each field can sit on its own line with a note.
     */
    static byte[] unhex(String text) {
        return HEX.parseHex(text.replaceAll("#[^\n]*", "").replaceAll("\\s+", ""));
    }

    /** The same bytes, lower-case hex without separators. */
    static String compact(String text) {
        return HEX.formatHex(unhex(text));
    }
}

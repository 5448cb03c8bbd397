package dev.switchboard.proxy.net;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.TooLongFrameException;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Cuts the byte stream into frames ({@code u32 length | u8 type | payload}) and strips the length. A frame over
 * {@code maxFrameBytes} (length field included) raises {@link TooLongFrameException}, which {@link ExceptionHandler}
 * answers with 08P01 before closing. Until {@link #authenticated()} the limit is {@link #LOGIN_MAX_FRAME_BYTES}: a
 * HELLO or AUTH is a few hundred bytes, and an unauthenticated client must not make the server buffer a frame of
 * {@code server.maxFrameBytes} (16 MiB by default). Stateful: one per channel, used on its event loop.
 */
final class FrameDecoder extends LengthFieldBasedFrameDecoder {
    static final int LOGIN_MAX_FRAME_BYTES = 64 * 1024;
    private static final int LENGTH_BYTES = 4;
    private final int maxFrameBytes;
    private boolean authenticated;
    private boolean refused;                      // a frame was refused before login: the rest is dropped unread

    FrameDecoder(int maxFrameBytes) {
        super(maxFrameBytes, 0, LENGTH_BYTES, 0, LENGTH_BYTES, true);
        this.maxFrameBytes = maxFrameBytes;
    }

    /** Login succeeded: frames up to {@code maxFrameBytes} from now on. */
    void authenticated() {
        authenticated = true;
    }

    @Override
    protected Object decode(ChannelHandlerContext ctx, ByteBuf in) throws Exception {
        if (refused) {
            in.skipBytes(in.readableBytes());
            return null;
        }
        return super.decode(ctx, in);
    }

    @Override
    protected long getUnadjustedFrameLength(ByteBuf buf, int offset, int length, ByteOrder order) {
        long payload = super.getUnadjustedFrameLength(buf, offset, length, order);
        long frame = payload + LENGTH_BYTES;
        // Over maxFrameBytes is the base class's case (same answer at any time); between the two limits is ours.
        if (!authenticated && frame > LOGIN_MAX_FRAME_BYTES && frame <= maxFrameBytes) {
            refused = true;
            buf.skipBytes(buf.readableBytes());
            throw new TooLongBeforeLogin(frame);
        }
        return payload;
    }

    /**
     * The bytes read but not yet cut into frames, moved out (in read mode), for a connection leaving the event loop
     * ({@link DedicatedSession}). On the channel's event loop.
     */
    ByteBuffer takeBuffered() {
        ByteBuf buffered = internalBuffer();
        var copy = ByteBuffer.allocate(buffered.readableBytes());
        buffered.readBytes(copy);
        return copy.flip();
    }

    /** A frame over {@link #LOGIN_MAX_FRAME_BYTES} before login. */
    static final class TooLongBeforeLogin extends TooLongFrameException {
        TooLongBeforeLogin(long frameBytes) {
            super("frame of " + frameBytes + " bytes before login; the limit until login is " + LOGIN_MAX_FRAME_BYTES);
        }
    }
}

package dev.switchboard.proxy.net;

import io.netty.handler.codec.LengthFieldBasedFrameDecoder;

/**
 * Cuts the byte stream into frames ({@code u32 length | u8 type | payload}) and strips the length. A frame over
 * {@code maxFrameBytes} (length field included) raises {@link io.netty.handler.codec.TooLongFrameException}, which
 * {@link ExceptionHandler} answers with 08P01 before closing. Stateful: one per channel.
 */
final class FrameDecoder extends LengthFieldBasedFrameDecoder {
    FrameDecoder(int maxFrameBytes) {
        super(maxFrameBytes, 0, 4, 0, 4, true);
    }
}

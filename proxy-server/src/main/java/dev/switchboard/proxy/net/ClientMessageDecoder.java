package dev.switchboard.proxy.net;

import dev.switchboard.protocol.codec.ClientCodec;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;

import java.util.List;

/** One frame → one {@link dev.switchboard.protocol.message.ClientMessage}. Stateless. */
@ChannelHandler.Sharable
final class ClientMessageDecoder extends MessageToMessageDecoder<ByteBuf> {
    static final ClientMessageDecoder INSTANCE = new ClientMessageDecoder();

    private ClientMessageDecoder() {
        super(ByteBuf.class);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf frame, List<Object> out) {
        out.add(ClientCodec.decode(frame.nioBuffer()));
    }
}

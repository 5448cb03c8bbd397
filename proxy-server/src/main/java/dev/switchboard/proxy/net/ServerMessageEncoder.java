package dev.switchboard.proxy.net;

import dev.switchboard.protocol.codec.ServerCodec;
import dev.switchboard.protocol.message.ServerMessage;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/**
 * Encodes single messages written on the event loop (handshake, errors). Replies built off the loop arrive already
 * encoded as a {@link ByteBuf} and pass through untouched. Stateless.
 */
@ChannelHandler.Sharable
final class ServerMessageEncoder extends MessageToByteEncoder<ServerMessage> {
    static final ServerMessageEncoder INSTANCE = new ServerMessageEncoder();

    private ServerMessageEncoder() {
        super(ServerMessage.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, ServerMessage msg, ByteBuf out) {
        ServerCodec.encode(msg, new ByteBufWireOut(out));
    }
}

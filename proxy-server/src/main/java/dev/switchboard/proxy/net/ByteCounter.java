package dev.switchboard.proxy.net;

import dev.switchboard.proxy.metrics.Metrics;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;

/**
 * First in every client pipeline: counts the wire bytes received and sent ({@code switchboard_client_received_bytes_total}, {@code switchboard_client_sent_bytes_total}), TLS
 * included once there is TLS. Counts buffers as they pass; never holds or releases them. Stateless, shared.
 */
@ChannelHandler.Sharable
final class ByteCounter extends ChannelDuplexHandler {
    private final Metrics metrics;

    ByteCounter(Metrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf buf) metrics.bytesReceived(buf.readableBytes());
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof ByteBuf buf) metrics.bytesSent(buf.readableBytes());
        ctx.write(msg, promise);
    }
}

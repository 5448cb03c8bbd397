package dev.switchboard.proxy.net;

import dev.switchboard.protocol.message.GoAway;
import dev.switchboard.proxy.exec.ClientLink;
import io.netty.channel.ChannelHandlerContext;

/**
 * A session's client connection as the admin API and a drain see it. GOAWAY goes out as one frame through the
 * pipeline's encoder; a reply is one buffer too, so GOAWAY always lands between answers (SPEC §4.6).
 */
final class ChannelClientLink implements ClientLink {
    private final ChannelHandlerContext ctx;

    ChannelClientLink(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void close() {
        ctx.channel().close();
    }

    @Override
    public void goAway(String reason) {
        if (ctx.channel().isActive()) ctx.channel().writeAndFlush(new GoAway(reason));
    }
}

package dev.switchboard.proxy.net;

import dev.switchboard.protocol.message.GoAway;
import dev.switchboard.proxy.exec.ClientLink;
import io.netty.channel.ChannelHandlerContext;

/**
 * A session's client connection as the admin API and a drain see it. GOAWAY goes out as one frame through the
 * pipeline's encoder; a reply is one buffer too, so GOAWAY always lands between answers (SPEC §4.6). Once the
 * connection leaves the event loops for a thread of its own, the {@link DedicatedSession} answers instead.
 */
final class ChannelClientLink implements ClientLink {
    private final ChannelHandlerContext ctx;
    private volatile ClientLink successor;

    ChannelClientLink(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    /** The connection is now served by {@code next}. */
    void handOver(ClientLink next) {
        successor = next;
    }

    @Override
    public void close() {
        ClientLink next = successor;
        if (next != null) next.close();
        else ctx.channel().close();
    }

    @Override
    public void goAway(String reason) {
        ClientLink next = successor;
        if (next != null) next.goAway(reason);
        else if (ctx.channel().isActive()) ctx.channel().writeAndFlush(new GoAway(reason));
    }
}

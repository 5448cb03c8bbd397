package dev.switchboard.proxy.net;

import dev.switchboard.protocol.message.ServerError;
import dev.switchboard.protocol.types.SqlStates;
import dev.switchboard.proxy.metrics.Metrics;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicInteger;

/** Caps client connections at {@code server.maxClientConnections}; one over gets 53300 and is closed. Shared. */
@ChannelHandler.Sharable
final class ConnectionLimiter extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(ConnectionLimiter.class);

    private final int max;
    private final Metrics metrics;
    private final AtomicInteger open = new AtomicInteger();

    ConnectionLimiter(int max, Metrics metrics) {
        this.max = max;
        this.metrics = metrics;
    }

    int open() {
        return open.get();
    }

    /** A connection taken off the event loops ({@link DedicatedSession}) has closed. */
    void closedElsewhere() {
        open.decrementAndGet();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        int now = open.incrementAndGet();
        if (now > max) {
            log.info("connection refused from={}: server.maxClientConnections={} reached", ctx.channel().remoteAddress(),
                    max);
            metrics.attempt(Metrics.Attempt.REFUSED);
            ctx.writeAndFlush(new ServerError(SqlStates.NO_CAPACITY, 0,
                    "too many client connections (server.maxClientConnections=" + max + ")"))
                    .addListener(ChannelFutureListener.CLOSE);
            return;
        }
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        open.decrementAndGet();
        ctx.fireChannelInactive();
    }
}

package dev.switchboard.proxy.net;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;

/** Builds each client pipeline, in order, with named handlers (STYLE.md idiom 3). */
final class ServerChannelInitializer extends ChannelInitializer<SocketChannel> {
    private final ServerContext server;
    private final ConnectionLimiter limiter;
    private final ByteCounter bytes;
    private final SessionThreads dedicated;

    /** @param dedicated the threads sessions move to after login; null to keep them on the event loops */
    ServerChannelInitializer(ServerContext server, ConnectionLimiter limiter, ByteCounter bytes,
                             SessionThreads dedicated) {
        this.server = server;
        this.limiter = limiter;
        this.bytes = bytes;
        this.dedicated = dedicated;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        ch.pipeline()
                .addLast("bytes", bytes)
                .addLast("encode", ServerMessageEncoder.INSTANCE)
                .addLast("limit", limiter)
                .addLast("frames", new FrameDecoder(server.config().server().maxFrameBytes()))
                .addLast("decode", ClientMessageDecoder.INSTANCE)
                .addLast("login", new HandshakeHandler(server, dedicated))
                .addLast("errors", ExceptionHandler.INSTANCE);
    }
}

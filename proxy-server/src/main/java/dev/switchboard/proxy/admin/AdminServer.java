package dev.switchboard.proxy.admin;

import dev.switchboard.proxy.config.AdminSettings;
import dev.switchboard.proxy.control.TenantMover;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.ReadTimeoutHandler;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The admin HTTP listener ({@code admin.listen}): one event loop thread of its own, so a busy wire-protocol front end
 * never starves the operators' port, and the other way round. Requests are bounded (64 KiB bodies, 60 s idle
 * connections). {@link #close()} stops it.
 */
public final class AdminServer implements AutoCloseable {
    static final int MAX_BODY_BYTES = 64 * 1024;
    private static final int IDLE_SECONDS = 60;

    private final EventLoopGroup group;
    private final Channel listener;

    private AdminServer(EventLoopGroup group, Channel listener) {
        this.group = group;
        this.listener = listener;
    }

    /** Binds {@code settings}' address; blocks until bound or fails with the bind error. */
    public static AdminServer start(AdminSettings settings, AdminContext ctx) throws InterruptedException {
        var handler = new AdminHttpHandler(router(ctx), ctx.blocking());
        var group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("sb-admin", true),
                NioIoHandler.newFactory());
        try {
            Channel ch = new ServerBootstrap()
                    .group(group)
                    .channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel c) {
                            c.pipeline()
                                    .addLast("idle", new ReadTimeoutHandler(IDLE_SECONDS))
                                    .addLast("http", new HttpServerCodec())
                                    .addLast("aggregate", new HttpObjectAggregator(MAX_BODY_BYTES))
                                    .addLast("admin", handler);
                        }
                    })
                    .bind(settings.host(), settings.port())
                    .sync()
                    .channel();
            return new AdminServer(group, ch);
        } catch (InterruptedException | RuntimeException e) {
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            throw e;
        }
    }

    static AdminRouter router(AdminContext ctx) {
        var router = new AdminRouter(() -> ctx.live().config().admin().token());
        new HealthResource(ctx.lifecycle()).register(router);
        new MetricsResource(ctx.metrics()).register(router);
        new PoolsResource(ctx.live(), ctx.registry()).register(router);
        new SessionsResource(ctx.sessions()).register(router);
        new UsersResource(ctx.live(), ctx.editor()).register(router);
        new DatabasesResource(ctx.live(), ctx.editor(), new TenantMover(ctx.live(), ctx.registry(), ctx.editor(),
                ctx.live().config().registry().drainTimeout())).register(router);
        new ReloadResource(ctx.reloader()).register(router);
        new StatsResource(ctx.live(), ctx.registry(), ctx.sessions(), ctx.lifecycle()).register(router);
        new ShutdownResource(ctx.live(), ctx.lifecycle()).register(router);
        return router;
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) listener.localAddress();
    }

    @Override
    public void close() {
        listener.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}

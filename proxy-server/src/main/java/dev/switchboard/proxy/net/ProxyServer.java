package dev.switchboard.proxy.net;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The wire-protocol listener: Netty event loops that accept and log clients in, then either hand each logged-in
 * session to a thread of its own ({@code server.dedicatedThreads}, {@link SessionThreads}) or keep reading its
 * requests and run them on the context's JDBC executor ({@link SessionHandler}); JDBC work never runs on an event
 * loop. Native epoll on Linux, NIO elsewhere or where dedicated threads cannot take epoll sockets over
 * ({@link Transport}). {@link #close()} stops accepting and closes the loops.
 */
public final class ProxyServer implements AutoCloseable {
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Channel listener;
    private final ConnectionLimiter limiter;
    private final Transport transport;
    private final SessionThreads dedicated;             // null: sessions stay on the event loops

    private ProxyServer(EventLoopGroup boss, EventLoopGroup workers, Channel listener, ConnectionLimiter limiter,
                        Transport transport, SessionThreads dedicated) {
        this.transport = transport;
        this.dedicated = dedicated;
        this.boss = boss;
        this.workers = workers;
        this.listener = listener;
        this.limiter = limiter;
    }

    /** Binds {@code server.listen}; blocks until bound or fails with the bind error. */
    public static ProxyServer start(ServerContext ctx) throws InterruptedException {
        boolean dedicatedThreads = ctx.config().server().dedicatedThreads();
        Transport transport = Transport.choose(dedicatedThreads);
        var boss = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("sb-accept", true),
                transport.ioHandlerFactory());
        var workers = new MultiThreadIoEventLoopGroup(Runtime.getRuntime().availableProcessors(),
                new DefaultThreadFactory("sb-io", true), transport.ioHandlerFactory());
        var limiter = new ConnectionLimiter(ctx.config().server().maxClientConnections(), ctx.metrics());
        SessionThreads dedicated = dedicatedThreads
                ? new SessionThreads(ctx.metrics(), limiter, Integer.getInteger("switchboard.lingeringSessions", 256))
                : null;
        try {
            Channel ch = new ServerBootstrap()
                    .group(boss, workers)
                    .channel(transport.serverChannel())
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    // Netty 4.2's default adaptive allocator frees whole chunks of native memory as replies come and
                    // go; on Java 25 each free closes a shared memory segment, a handshake with every thread. The
                    // pooled allocator keeps its arenas: bigresult went from 0.45x to 0.67x direct (BENCHMARKS.md).
                    .childOption(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childOption(ChannelOption.SO_KEEPALIVE, true)
                    .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(256 << 10, 1 << 20))
                    .childHandler(new ServerChannelInitializer(ctx, limiter, new ByteCounter(ctx.metrics()),
                            dedicated))
                    .bind(ctx.config().server().host(), ctx.config().server().port())
                    .sync()
                    .channel();
            return new ProxyServer(boss, workers, ch, limiter, transport, dedicated);
        } catch (Exception e) {                         // also the BindException Netty rethrows undeclared
            if (dedicated != null) dedicated.close();
            boss.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            workers.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            throw e;
        }
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) listener.localAddress();
    }

    /** {@code epoll} or {@code nio}, and whether sessions get dedicated threads, for the start-up log line. */
    public String transport() {
        return transport.name().toLowerCase(Locale.ROOT) + (dedicated != null ? ", dedicated session threads" : "");
    }

    public int clientConnections() {
        return limiter.open();
    }

    /** Stops accepting new connections; existing ones carry on. */
    public void stopAccepting() {
        listener.close().syncUninterruptibly();
    }

    @Override
    public void close() {
        stopAccepting();
        if (dedicated != null) dedicated.close();
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}

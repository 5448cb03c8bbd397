package dev.switchboard.proxy.net;

import dev.switchboard.protocol.message.Ready;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.Executor;

/**
 * Moves a logged-in connection off the event loops to a {@link DedicatedSession}: READY goes out through the
 * pipeline, reading stays off, the channel leaves its event loop (Netty deregisters it, the socket stays open), and
 * the session's thread takes the JDK channel under it, with any bytes the frame decoder still held: a NIO channel's
 * own, or for an epoll channel one made over its socket ({@link EpollAdoption}). Only plaintext channels: a TLS
 * session's bytes must go through its {@code SslHandler}.
 */
final class TakeOver {
    private static final Logger log = LoggerFactory.getLogger(TakeOver.class);
    /** {@code AbstractNioChannel.javaChannel()}: protected in Netty, the one way to the socket under the channel. */
    private static final MethodHandle JAVA_CHANNEL = javaChannelAccessor();

    private TakeOver() {
    }

    static boolean possible(Channel ch) {
        boolean reachable = ch instanceof NioSocketChannel ? JAVA_CHANNEL != null
                : ch instanceof EpollSocketChannel && EpollAdoption.available();
        return reachable && ch.pipeline().get(SslHandler.class) == null;
    }

    /** On the channel's event loop, instead of installing a {@link SessionHandler}. */
    static void afterReady(ChannelHandlerContext ctx, Ready ready, RequestRunner runner, ChannelClientLink link,
                           SessionThreads threads, int maxFrameBytes, Executor jdbc) {
        Channel ch = ctx.channel();
        ch.config().setAutoRead(false);
        ctx.writeAndFlush(ready).addListener(written -> {
            if (!written.isSuccess()) {
                abandon(ch, runner, jdbc);
                return;
            }
            ByteBuffer carried = ctx.pipeline().get("frames") instanceof FrameDecoder frames
                    ? frames.takeBuffered() : ByteBuffer.allocate(0);
            var remote = ch.remoteAddress();
            ch.deregister().addListener(gone -> {
                SocketChannel socket = javaChannel(ch, remote);
                if (!gone.isSuccess() || socket == null || !socket.isOpen()) {
                    abandon(ch, runner, jdbc);
                    return;
                }
                var session = new DedicatedSession(socket, remote, runner, threads, ch.alloc(), maxFrameBytes,
                        carried);
                link.handOver(session);
                threads.start(session);
            });
        });
    }

    /** The connection broke before the hand-over: close it through Netty, and the session with it. */
    private static void abandon(Channel ch, RequestRunner runner, Executor jdbc) {
        try {
            ch.close();
        } catch (RuntimeException e) {                 // already off its event loop: Netty cannot close it
            log.debug("closing a connection that left its event loop: {}", e.toString());
        }
        jdbc.execute(runner::closeSession);
    }

    private static SocketChannel javaChannel(Channel ch, SocketAddress remote) {
        try {
            if (ch instanceof EpollSocketChannel epoll) return EpollAdoption.adopt(epoll, remote);
            SelectableChannel c = (SelectableChannel) JAVA_CHANNEL.invoke(ch);
            return c instanceof SocketChannel s ? s : null;
        } catch (Throwable e) {
            log.warn("cannot reach the socket of a Netty channel: {}", e.toString());
            return null;
        }
    }

    private static MethodHandle javaChannelAccessor() {
        try {
            var method = io.netty.channel.nio.AbstractNioChannel.class.getDeclaredMethod("javaChannel");
            method.setAccessible(true);
            return MethodHandles.lookup().unreflect(method)
                    .asType(MethodType.methodType(SelectableChannel.class, Channel.class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.warn("server.dedicatedThreads is unavailable (Netty's channel hides its socket): {}", e.toString());
            return null;
        }
    }
}

package dev.switchboard.proxy.net;

import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.unix.FileDescriptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.net.ProtocolFamily;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.SocketChannel;
import java.nio.channels.spi.SelectorProvider;

/**
 * A JDK {@link SocketChannel} over the socket of a Netty epoll channel, so that a {@link DedicatedSession} can take
 * over a connection that logged in on the epoll transport ({@link TakeOver}). Netty's epoll channel has no JDK
 * channel under it, only a file descriptor; the JDK makes a channel from a descriptor only internally (as its server
 * socket channel does for an accepted connection), so this needs {@code java.base}'s {@code sun.nio.ch} open to
 * Switchboard: the proxy jar's manifest opens it ({@code Add-Opens}), and so do the tests. Without it,
 * {@link #available()} is false and dedicated session threads use the NIO transport, as they did before.
 *
 * <p>Why bother: logins on Netty's NIO transport land in a slow mode in some runs of the {@code connect} bench
 * (BENCHMARKS.md), and epoll's do not.
 *
 * <p>The adopted channel owns the descriptor from then on: it is closed when the session closes it, and the Netty
 * channel, already deregistered from its event loop, is dropped without a close (which would close the same
 * descriptor number a second time, by then perhaps another connection's).
 */
final class EpollAdoption {
    private static final Logger log = LoggerFactory.getLogger(EpollAdoption.class);
    /** {@code sun.nio.ch.IOUtil.newFD(int)}: a {@code java.io.FileDescriptor} for a descriptor number. */
    private static final MethodHandle NEW_FD;
    /** {@code sun.nio.ch.SocketChannelImpl(SelectorProvider, ProtocolFamily, FileDescriptor, SocketAddress)}. */
    private static final MethodHandle NEW_CHANNEL;
    /** Netty's {@code unix.Socket.ipv6}: whether the descriptor is an AF_INET6 socket. */
    private static final MethodHandle IPV6;

    static {
        MethodHandle newFd = null;
        MethodHandle newChannel = null;
        MethodHandle ipv6 = null;
        if (Epoll.isAvailable()) {
            try {
                var ioUtil = Class.forName("sun.nio.ch.IOUtil");
                var fdMethod = ioUtil.getDeclaredMethod("newFD", int.class);
                fdMethod.setAccessible(true);
                var impl = Class.forName("sun.nio.ch.SocketChannelImpl");
                var ctor = impl.getDeclaredConstructor(SelectorProvider.class, ProtocolFamily.class,
                        java.io.FileDescriptor.class, SocketAddress.class);
                ctor.setAccessible(true);
                Field v6 = io.netty.channel.unix.Socket.class.getDeclaredField("ipv6");
                v6.setAccessible(true);
                var lookup = MethodHandles.lookup();
                newFd = lookup.unreflect(fdMethod);
                newChannel = lookup.unreflectConstructor(ctor).asType(MethodType.methodType(SocketChannel.class,
                        SelectorProvider.class, ProtocolFamily.class, java.io.FileDescriptor.class,
                        SocketAddress.class));
                ipv6 = lookup.unreflectGetter(v6);
            } catch (ReflectiveOperationException | RuntimeException e) {
                log.info("dedicated session threads log in on NIO: the JDK does not open sun.nio.ch to Switchboard "
                        + "(run the proxy jar, or add --add-opens java.base/sun.nio.ch=ALL-UNNAMED): {}",
                        e.toString());
                newFd = null;
                newChannel = null;
                ipv6 = null;
            }
        }
        NEW_FD = newFd;
        NEW_CHANNEL = newChannel;
        IPV6 = ipv6;
    }

    private EpollAdoption() {
    }

    /** Whether epoll channels can be taken over: epoll is there and the JDK lets Switchboard make channels. */
    static boolean available() {
        return NEW_CHANNEL != null;
    }

    /**
     * A JDK channel over {@code ch}'s socket, which must have left its event loop; null when the socket is closed.
     * The channel is connected and non-blocking, as a NIO channel's is.
     */
    static SocketChannel adopt(EpollSocketChannel ch, SocketAddress remote) throws IOException {
        if (!available()) throw new IllegalStateException("epoll channels cannot be adopted here");
        FileDescriptor fd = ch.fd();
        if (!fd.isOpen()) return null;
        try {
            ProtocolFamily family = (boolean) IPV6.invoke((io.netty.channel.unix.Socket) fd)
                    ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET;
            var jdkFd = (java.io.FileDescriptor) NEW_FD.invoke(fd.intValue());
            SocketChannel adopted = (SocketChannel) NEW_CHANNEL.invoke(SelectorProvider.provider(), family, jdkFd,
                    remote);
            // Netty made the socket non-blocking, as a NIO channel is; the new JDK channel believes itself blocking
            // until told, and a session registers it with selectors
            adopted.configureBlocking(false);
            return adopted;
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IOException("cannot adopt the socket of an epoll channel", e);
        }
    }
}

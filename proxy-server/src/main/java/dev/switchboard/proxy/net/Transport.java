package dev.switchboard.proxy.net;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;

import java.util.Locale;

/**
 * The Netty transport of the wire listener: native epoll on Linux, where it is available, else the JDK's NIO.
 * epoll saves work per request (no selected-key sets, edge-triggered reads, direct writes); on a machine where
 * system calls are dear that shows in the select1 benchmark. {@code -Dswitchboard.transport=nio} forces NIO, and so
 * does {@code server.dedicatedThreads}: a session's thread takes over the JDK channel under a NIO channel, which an
 * epoll channel does not have (and with the requests off the event loops, they only log in and accept).
 */
enum Transport {
    EPOLL, NIO;

    static Transport choose(boolean dedicatedThreads) {
        String wanted = System.getProperty("switchboard.transport", "auto").toLowerCase(Locale.ROOT);
        if (wanted.equals("nio") || dedicatedThreads) return NIO;
        return Epoll.isAvailable() ? EPOLL : NIO;
    }

    IoHandlerFactory ioHandlerFactory() {
        return this == EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    }

    Class<? extends ServerChannel> serverChannel() {
        return this == EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }
}

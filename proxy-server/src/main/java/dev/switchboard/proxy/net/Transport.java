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
 * system calls are dear that shows in the select1 benchmark, and NIO's logins land in a slow mode in some runs of
 * the connect benchmark. {@code -Dswitchboard.transport=nio} forces NIO, and so does {@code server.dedicatedThreads}
 * where an epoll channel's socket cannot be taken over ({@link EpollAdoption}: the JDK does not open its internals
 * to Switchboard); a NIO channel's always can.
 */
enum Transport {
    EPOLL, NIO;

    static Transport choose(boolean dedicatedThreads) {
        return choose(System.getProperty("switchboard.transport", "auto"), dedicatedThreads, Epoll.isAvailable(),
                EpollAdoption.available());
    }

    /**
     * @param wanted         {@code switchboard.transport}: {@code nio} forces NIO, anything else lets this choose
     * @param epoll          whether Netty's native epoll is there
     * @param epollAdoptable whether a session's thread can take over an epoll channel's socket
     */
    static Transport choose(String wanted, boolean dedicatedThreads, boolean epoll, boolean epollAdoptable) {
        if (wanted.toLowerCase(Locale.ROOT).equals("nio") || !epoll) return NIO;
        return dedicatedThreads && !epollAdoptable ? NIO : EPOLL;
    }

    IoHandlerFactory ioHandlerFactory() {
        return this == EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    }

    Class<? extends ServerChannel> serverChannel() {
        return this == EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }
}

package dev.switchboard.proxy.pool;

import javax.net.SocketFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.SocketChannel;

/**
 * pgjdbc's sockets, made as {@link SocketChannel} adaptors so that reads stay blocking reads.
 *
 * <p>Why: the JDK's default socket switches itself to non-blocking mode for good once any timeout is used, and
 * pgjdbc always connects with one ({@code connectTimeout}). From then on every read that finds no reply yet, the
 * common case for a query just sent, costs three system calls (read, poll, read) instead of one that waits. A
 * channel adaptor goes non-blocking only for the duration of a timed connect or read and returns to blocking mode.
 * Under the proxy's load this saves a system call per backend round trip (BENCHMARKS.md).
 *
 * <p>pgjdbc only calls {@link #createSocket()} and connects the socket itself; the other forms are never used.
 */
public final class BlockingSocketFactory extends SocketFactory {
    /** pgjdbc instantiates this class by name through its {@code socketFactory} property. */
    public BlockingSocketFactory() {
    }

    @Override
    public Socket createSocket() throws IOException {
        return SocketChannel.open().socket();
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        Socket s = createSocket();
        s.connect(new InetSocketAddress(host, port));
        return s;
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        Socket s = createSocket();
        s.bind(new InetSocketAddress(localHost, localPort));
        s.connect(new InetSocketAddress(host, port));
        return s;
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        Socket s = createSocket();
        s.connect(new InetSocketAddress(host, port));
        return s;
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        Socket s = createSocket();
        s.bind(new InetSocketAddress(localAddress, localPort));
        s.connect(new InetSocketAddress(address, port));
        return s;
    }
}

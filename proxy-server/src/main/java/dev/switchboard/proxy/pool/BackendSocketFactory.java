package dev.switchboard.proxy.pool;

import javax.net.SocketFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * pgjdbc's {@code socketFactory} for backend connections (set by {@link PoolFactory} unless the database's URL names
 * another): {@link BackendSocket}s, which stay in blocking mode. pgjdbc calls {@link #createSocket()} and connects it
 * itself; the other methods are there for completeness. Public, with a public no-argument constructor: pgjdbc
 * instantiates it by class name.
 */
public final class BackendSocketFactory extends SocketFactory {
    public BackendSocketFactory() {
    }

    @Override
    public Socket createSocket() throws IOException {
        return new BackendSocket();
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return connected(new InetSocketAddress(host, port), new InetSocketAddress(localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return connected(new InetSocketAddress(address, port), new InetSocketAddress(localAddress, localPort));
    }

    private static Socket connected(InetSocketAddress address) throws IOException {
        return connected(address, null);
    }

    /** A socket connected to {@code address}, bound first to {@code local} unless that is null. */
    private static Socket connected(InetSocketAddress address, InetSocketAddress local) throws IOException {
        Socket s = new BackendSocket();
        try {
            if (local != null) s.bind(local);
            s.connect(address);
            return s;
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }
}

package dev.switchboard.proxy.pool;

import javax.net.SocketFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Properties;

/**
 * pgjdbc's {@code socketFactory} for backend connections (set by {@link PoolFactory} unless the database's URL names
 * another): {@link BackendSocket}s, which stay in blocking mode. pgjdbc calls {@link #createSocket()} and connects it
 * itself; the other methods are there for completeness. Public: pgjdbc instantiates it by class name, for every
 * connection it opens.
 */
public final class BackendSocketFactory extends SocketFactory {
    public BackendSocketFactory() {
    }

    /**
     * The constructor pgjdbc looks for first ({@code ObjectFactory.instantiate}). Without it, each login throws and
     * catches two {@code NoSuchMethodException}s, stack traces and all, before it finds the no-argument one: 7% of
     * the CPU that opening backend connections took in the tenants bench.
     *
     * @param connectionProperties pgjdbc's connection properties; nothing in them changes the sockets
     */
    public BackendSocketFactory(Properties connectionProperties) {
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

package dev.switchboard.proxy.pool;

import javax.net.SocketFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.Properties;

/**
 * pgjdbc's {@code socketFactory} for backend connections (set by {@link PoolFactory} unless the database's URL names
 * another): {@link BackendSocket}s, which stay in blocking mode. pgjdbc calls {@link #createSocket()} and connects it
 * itself; the other methods are there for completeness. Public: pgjdbc instantiates it by class name, for every
 * connection it opens.
 *
 * <p>pgjdbc's {@code socketFactoryArg}, when the database's URL sets it, is the path of PostgreSQL's Unix socket: a
 * socket file, or the directory holding it ({@code /var/run/postgresql}), where the file is the one libpq would use
 * for the URL's port ({@code .s.PGSQL.5432}). The sockets then reach PostgreSQL through it; the URL's host is only a
 * name.
 */
public final class BackendSocketFactory extends SocketFactory {
    /** pgjdbc's connection property whose value it hands to a socket factory: here, a Unix socket's path. */
    public static final String UNIX_SOCKET_PROPERTY = "socketFactoryArg";
    private final Path unixSocket;                      // null: TCP

    public BackendSocketFactory() {
        this.unixSocket = null;
    }

    /**
     * The constructor pgjdbc looks for first ({@code ObjectFactory.instantiate}). Without it, each login throws and
     * catches two {@code NoSuchMethodException}s, stack traces and all, before it finds the no-argument one: 7% of
     * the CPU that opening backend connections took in the tenants bench.
     *
     * @param connectionProperties pgjdbc's connection properties: {@value #UNIX_SOCKET_PROPERTY}, if set and not
     *                             blank, is the Unix socket to connect through
     */
    public BackendSocketFactory(Properties connectionProperties) {
        String path = connectionProperties.getProperty(UNIX_SOCKET_PROPERTY);
        this.unixSocket = path == null || path.isBlank() ? null : Path.of(path.strip());
    }

    @Override
    public Socket createSocket() throws IOException {
        return new BackendSocket(unixSocket);
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

    private Socket connected(InetSocketAddress address) throws IOException {
        return connected(address, null);
    }

    /** A socket connected to {@code address}, bound first to {@code local} unless that is null. */
    private Socket connected(InetSocketAddress address, InetSocketAddress local) throws IOException {
        Socket s = createSocket();
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

package dev.switchboard.proxy.pool;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The backend socket over a Unix socket ({@link BackendSocketFactory}'s {@code socketFactoryArg}), against a real
 * Unix-socket peer: whatever TCP address pgjdbc connects it to, it reaches the socket file, or the file libpq would
 * name in a directory; reads, timeouts and the TCP-only options behave.
 */
@Timeout(20)
class BackendUnixSocketTest {
    private static final int PORT = 6543;
    /** What pgjdbc connects its socket to: the URL's host and port. Never reached over TCP here. */
    private static final InetSocketAddress URL_ADDRESS = new InetSocketAddress(InetAddress.getLoopbackAddress(), PORT);

    @TempDir
    Path dir;
    private ServerSocketChannel server;

    @BeforeEach
    void listen() throws IOException {
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(dir.resolve(".s.PGSQL." + PORT)));
    }

    @AfterEach
    void close() throws IOException {
        server.close();
    }

    private static Socket socketTo(Path unixSocket) throws IOException {
        var props = new Properties();
        props.setProperty(BackendSocketFactory.UNIX_SOCKET_PROPERTY, unixSocket.toString());
        return new BackendSocketFactory(props).createSocket();
    }

    @Test
    void aDirectoryMeansTheSocketFileForTheUrlsPort() throws IOException {
        try (Socket socket = socketTo(dir); SocketChannel peer = connect(socket)) {
            socket.getOutputStream().write("ping".getBytes(StandardCharsets.US_ASCII));
            assertThat(new String(Channels.newInputStream(peer).readNBytes(4), StandardCharsets.US_ASCII))
                    .isEqualTo("ping");
            peer.write(ByteBuffer.wrap("pong".getBytes(StandardCharsets.US_ASCII)));
            assertThat(new String(socket.getInputStream().readNBytes(4), StandardCharsets.US_ASCII))
                    .isEqualTo("pong");
            assertThat(socket.isConnected()).isTrue();
            assertThat(socket.getInetAddress()).as("no IP address on a Unix socket").isNull();
            assertThat(socket.getRemoteSocketAddress()).isInstanceOf(UnixDomainSocketAddress.class);
        }
    }

    @Test
    void aSocketFileIsUsedAsItIs() throws IOException {
        try (Socket socket = socketTo(dir.resolve(".s.PGSQL." + PORT)); SocketChannel peer = connect(socket)) {
            peer.write(ByteBuffer.wrap(new byte[] {42}));
            assertThat(socket.getInputStream().read()).isEqualTo(42);
        }
    }

    @Test
    void aTimedReadTimesOutAndTheSocketStaysUsable() throws IOException {
        try (Socket socket = socketTo(dir); SocketChannel peer = connect(socket)) {
            socket.setSoTimeout(150);
            assertThatThrownBy(() -> socket.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
            peer.write(ByteBuffer.wrap(new byte[] {7}));
            assertThat(socket.getInputStream().read()).isEqualTo(7);
            socket.setSoTimeout(0);
            peer.write(ByteBuffer.wrap(new byte[] {8}));
            assertThat(socket.getInputStream().read()).isEqualTo(8);
        }
    }

    /** pgjdbc sets these on every socket; a Unix socket has neither Nagle's delay nor keep-alive probes. */
    @Test
    void tcpOnlyOptionsAreIgnored() throws IOException {
        try (Socket socket = socketTo(dir); SocketChannel peer = connect(socket)) {
            assertThat(peer.isConnected()).isTrue();
            socket.setTcpNoDelay(true);
            socket.setKeepAlive(true);
            assertThat(socket.getTcpNoDelay()).isTrue();
            assertThat(socket.getKeepAlive()).isFalse();
            socket.setReceiveBufferSize(64 * 1024);
            assertThat(socket.getReceiveBufferSize()).isPositive();
        }
    }

    @Test
    void aMissingSocketFailsTheConnectAndClosesTheSocket() throws IOException {
        Socket socket = socketTo(dir.resolve("nobody-here"));
        assertThatThrownBy(() -> socket.connect(URL_ADDRESS, 2_000)).isInstanceOf(IOException.class);
        assertThat(socket.isClosed()).isTrue();
        Socket untimed = socketTo(dir.resolve("nobody-here"));
        assertThatThrownBy(() -> untimed.connect(URL_ADDRESS)).isInstanceOf(IOException.class);
        assertThat(untimed.isClosed()).isTrue();
    }

    @Test
    void noPathMeansTcp() throws IOException {
        var props = new Properties();
        props.setProperty(BackendSocketFactory.UNIX_SOCKET_PROPERTY, " ");
        try (Socket socket = new BackendSocketFactory(props).createSocket()) {
            socket.setTcpNoDelay(true);
            assertThat(socket.getTcpNoDelay()).as("a TCP socket has the option").isTrue();
            socket.setKeepAlive(true);
            assertThat(socket.getKeepAlive()).as("a TCP socket has the option").isTrue();
        }
    }

    /** Connects {@code socket} as pgjdbc does, with a timeout, to the URL's address; returns the accepted peer. */
    private SocketChannel connect(Socket socket) throws IOException {
        socket.connect(URL_ADDRESS, 5_000);
        return server.accept();
    }
}

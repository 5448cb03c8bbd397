package dev.switchboard.proxy.pool;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.util.ObjectFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import javax.net.SocketFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The blocking backend socket against a real loopback peer: reads, timeouts that leave it usable, end of stream. */
@Timeout(20)
class BackendSocketTest {
    private ServerSocket server;
    private Socket peer;
    private Socket socket;

    @BeforeEach
    void connect() throws IOException {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        socket = new BackendSocketFactory().createSocket();
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()), 5_000);
        peer = server.accept();
    }

    @AfterEach
    void close() throws IOException {
        socket.close();
        peer.close();
        server.close();
    }

    @Test
    void bytesGoBothWays() throws IOException {
        socket.getOutputStream().write("ping".getBytes(StandardCharsets.US_ASCII));
        assertThat(new String(peer.getInputStream().readNBytes(4), StandardCharsets.US_ASCII)).isEqualTo("ping");
        peer.getOutputStream().write("pong".getBytes(StandardCharsets.US_ASCII));
        assertThat(new String(socket.getInputStream().readNBytes(4), StandardCharsets.US_ASCII)).isEqualTo("pong");
        assertThat(socket.isConnected()).isTrue();
        assertThat(socket.getPort()).isEqualTo(server.getLocalPort());
    }

    @Test
    void aTimedReadTimesOutAndTheSocketStaysUsable() throws IOException {
        socket.setSoTimeout(200);
        assertThat(socket.getSoTimeout()).isEqualTo(200);
        long start = System.nanoTime();
        assertThatThrownBy(() -> socket.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(150_000_000L);
        peer.getOutputStream().write(7);
        assertThat(socket.getInputStream().read()).isEqualTo(7);   // still timed, data waiting
        socket.setSoTimeout(0);
        peer.getOutputStream().write(8);
        assertThat(socket.getInputStream().read()).isEqualTo(8);   // blocking again
    }

    @Test
    void aLargeAnswerArrivesWholeThroughTheBuffer() throws IOException {
        byte[] big = new byte[200_000];
        for (int i = 0; i < big.length; i++) big[i] = (byte) i;
        Thread writer = Thread.ofPlatform().start(() -> {
            try {
                peer.getOutputStream().write(big);
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        InputStream in = socket.getInputStream();
        assertThat(in.readNBytes(big.length)).isEqualTo(big);
        try {
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aVirtualThreadsIoLeavesTheChannelBlocking() throws Exception {
        var echoed = new java.util.concurrent.atomic.AtomicInteger(-2);
        Thread.ofVirtual().start(() -> {
            try {
                socket.getOutputStream().write(5);
                echoed.set(socket.getInputStream().read());
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        assertThat(peer.getInputStream().read()).isEqualTo(5);
        peer.getOutputStream().write(6);
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (echoed.get() == -2 && System.nanoTime() < deadline) Thread.sleep(10);
        assertThat(echoed.get()).isEqualTo(6);
        // Used on a virtual thread, yet the file descriptor is still blocking: its I/O ran on a platform thread.
        assertThat(nonBlocking(socket.getLocalPort())).isFalse();
    }

    /** Whether this process's TCP socket bound to {@code localPort} has O_NONBLOCK set (Linux /proc). */
    private static boolean nonBlocking(int localPort) throws IOException {
        String portHex = String.format(":%04X ", localPort);
        String inode = null;
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            for (String line : Files.readAllLines(Path.of(table))) {
                String[] f = line.trim().split("\\s+");
                // Ours, not a closed connection that used the same port (TIME_WAIT lines have inode 0).
                if (f.length > 9 && (f[1] + " ").endsWith(portHex) && !f[9].equals("0")) inode = f[9];
            }
        }
        assertThat(inode).as("socket of local port " + localPort).isNotNull();
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : fds.toList()) {
                String target;
                try {
                    target = Files.readSymbolicLink(fd).toString();
                } catch (IOException gone) {
                    continue;
                }
                if (target.equals("socket:[" + inode + "]")) {
                    for (String line : Files.readAllLines(Path.of("/proc/self/fdinfo/" + fd.getFileName()))) {
                        if (line.startsWith("flags:")) return (Integer.parseInt(line.substring(6).trim(), 8) & 04000) != 0;
                    }
                }
            }
        }
        throw new AssertionError("no file descriptor for socket inode " + inode);
    }

    @Test
    void tlsLayeredOverItWorksAndTimesOut(@TempDir Path dir) throws Exception {
        // pgjdbc layers its TLS socket over the one the factory made (sslmode=require and the like).
        Path keystore = dir.resolve("ks.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "t", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-validity", "2", "-keystore", keystore.toString(), "-storepass", "secret", "-storetype", "PKCS12")
                .redirectErrorStream(true).start();
        keytool.getInputStream().readAllBytes();
        assertThat(keytool.waitFor()).isZero();
        var ks = java.security.KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(keystore)) {
            ks.load(in, "secret".toCharArray());
        }
        var kmf = javax.net.ssl.KeyManagerFactory.getInstance(javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "secret".toCharArray());
        var serverTls = javax.net.ssl.SSLContext.getInstance("TLS");
        serverTls.init(kmf.getKeyManagers(), null, null);
        var tmf = javax.net.ssl.TrustManagerFactory.getInstance(
                javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        var clientTls = javax.net.ssl.SSLContext.getInstance("TLS");
        clientTls.init(null, tmf.getTrustManagers(), null);

        Thread serverSide = Thread.ofPlatform().start(() -> {
            try (var tls = (javax.net.ssl.SSLSocket) serverTls.getSocketFactory().createSocket(peer, null,
                    peer.getPort(), true)) {
                tls.setUseClientMode(false);
                byte[] ping = tls.getInputStream().readNBytes(4);
                tls.getOutputStream().write(ping.length == 4 ? "pong".getBytes(StandardCharsets.US_ASCII) : new byte[0]);
                tls.getOutputStream().flush();
                tls.getInputStream().read();            // until the client closes
            } catch (IOException e) {
                // the client went away
            }
        });
        var tls = (javax.net.ssl.SSLSocket) clientTls.getSocketFactory().createSocket(socket, "localhost",
                server.getLocalPort(), true);
        tls.setSoTimeout(5_000);
        tls.startHandshake();
        tls.getOutputStream().write("ping".getBytes(StandardCharsets.US_ASCII));
        tls.getOutputStream().flush();
        assertThat(new String(tls.getInputStream().readNBytes(4), StandardCharsets.US_ASCII)).isEqualTo("pong");
        tls.setSoTimeout(200);
        assertThat(socket.getSoTimeout()).as("TLS passes its timeout down").isEqualTo(200);
        assertThatThrownBy(() -> tls.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
        tls.close();
        serverSide.join(5_000);
    }

    @Test
    void withAReadTimeoutSetALargeWriteWaitsForRoomInsteadOfSpinningOrFailing() throws Exception {
        socket.setSoTimeout(5_000);                     // reads timed: the channel goes non-blocking at the first
        peer.getOutputStream().write(1);
        assertThat(socket.getInputStream().read()).isEqualTo(1);
        byte[] big = new byte[4 << 20];                 // far more than the socket buffers hold
        for (int i = 0; i < big.length; i++) big[i] = (byte) (i * 31);
        var received = new java.util.concurrent.CompletableFuture<byte[]>();
        Thread.ofPlatform().start(() -> {
            try {
                Thread.sleep(300);                      // the writer finds the buffers full meanwhile
                received.complete(peer.getInputStream().readNBytes(big.length));
            } catch (Exception e) {
                received.completeExceptionally(e);
            }
        });
        socket.getOutputStream().write(big);
        assertThat(received.get(10, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(big);
        assertThat(nonBlocking(socket.getLocalPort())).as("timed reads keep it non-blocking").isTrue();
        socket.setSoTimeout(0);
        peer.getOutputStream().write(2);
        assertThat(socket.getInputStream().read()).isEqualTo(2);
        assertThat(nonBlocking(socket.getLocalPort())).as("untimed reads block again").isFalse();
    }

    @Test
    void endOfStreamReadsMinusOne() throws IOException {
        peer.close();
        assertThat(socket.getInputStream().read()).isEqualTo(-1);
    }

    @Test
    void closingFromAnotherThreadEndsABlockedRead() throws Exception {
        var failure = new java.util.concurrent.atomic.AtomicReference<Throwable>();
        Thread reader = Thread.ofPlatform().start(() -> {
            try {
                socket.getInputStream().read();
            } catch (IOException e) {
                failure.set(e);
            }
        });
        Thread.sleep(200);
        socket.close();
        reader.join(5_000);
        assertThat(reader.isAlive()).isFalse();
        assertThat(failure.get()).isInstanceOf(IOException.class);
        assertThat(socket.isClosed()).isTrue();
    }

    @Test
    void aClosedSocketFailsWithIoExceptionsInEitherMode() throws IOException {
        socket.setSoTimeout(100);
        assertThatThrownBy(() -> socket.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
        socket.close();                                 // closed in non-blocking mode, selector and all
        assertThatThrownBy(() -> socket.getInputStream().read()).isInstanceOf(IOException.class);
        socket.setSoTimeout(0);
        assertThatThrownBy(() -> socket.getInputStream().read()).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> socket.getOutputStream().write(1)).isInstanceOf(IOException.class);
    }

    @Test
    void aConnectToNobodyFailsPromptly() throws IOException {
        int closedPort;
        try (var s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        Socket s = new BackendSocketFactory().createSocket();
        assertThatThrownBy(() -> s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), closedPort), 2_000))
                .isInstanceOf(IOException.class);
        assertThat(s.isClosed()).isTrue();
    }

    /** pgjdbc instantiates the factory for every login and tries a Properties constructor first: it must find one. */
    @Test
    void pgjdbcFindsTheConstructorItTriesFirst() throws Exception {
        assertThat(BackendSocketFactory.class.getConstructor(Properties.class)).isNotNull();
        assertThat(ObjectFactory.instantiate(SocketFactory.class, BackendSocketFactory.class.getName(),
                new Properties(), true, null)).isInstanceOf(BackendSocketFactory.class);
    }
}

package dev.switchboard.proxy.pool;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.SocketOption;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The socket pgjdbc talks to PostgreSQL through ({@link BackendSocketFactory}): a {@link SocketChannel} kept in
 * blocking mode, so that a read waiting for the backend's answer is one {@code read} system call. The JDK's own
 * {@code Socket} turns non-blocking for good at its first timed operation (pgjdbc's connect timeout, HikariCP's
 * validation timeout), and from then on every read that finds nothing yet costs {@code read}, {@code poll} and
 * {@code read} again (a fifth of the proxy's CPU when streaming a large result). Here only timed reads go
 * non-blocking, through a selector, and the channel returns to blocking mode when reads are untimed again. Reads are
 * buffered 32 KiB at a time, so a long result takes a quarter of the system calls pgjdbc's 8 KiB reads would.
 *
 * <p>A virtual thread's I/O on a channel would make it non-blocking for good too (the JDK parks virtual threads
 * instead of blocking them), so I/O asked for on a virtual thread (HikariCP's connection adder, which connects and
 * validates new connections) runs on a platform thread of {@link PlatformIo} while the virtual thread waits: a
 * login or a close in one hop ({@link BudgetedDataSource}), anything else one operation at a time.
 *
 * <p>Made with a Unix socket path ({@link BackendSocketFactory}'s {@code socketFactoryArg}), it reaches PostgreSQL
 * through that socket instead of TCP, whatever address pgjdbc connects it to: a pooler beside its database saves the
 * TCP stack's work on both ends of every exchange. TCP-only options (no delay, keep-alive) are ignored then.
 *
 * <p>Like any JDBC connection, used by one thread at a time; {@link #close()} may come from any thread and ends a
 * blocked read or write. Unlike the JDK's socket, a blocked operation also ends if its thread is interrupted (the
 * channel closes): the proxy interrupts only borrows it cancels, and shutdown.
 */
final class BackendSocket extends Socket {
    private static final int READ_BUFFER_BYTES = 32 * 1024;
    /** PostgreSQL's Terminate message, the last thing pgjdbc sends before it closes the socket. */
    private static final byte[] TERMINATE = {'X', 0, 0, 0, 4};
    /** How long a close after Terminate waits for PostgreSQL to end the connection (its backend to exit). */
    private static final long SERVER_END_MILLIS = 1000;
    private final SocketChannel channel;
    private final Path unixSocket;                      // null: TCP to the address pgjdbc connects to
    private final ByteBuffer readBuffer = ByteBuffer.allocate(READ_BUFFER_BYTES).flip();
    private final InputStream in = new In();
    private final OutputStream out = new Out();
    private volatile int timeoutMillis;
    private volatile Selector selector;                 // made at the first timed operation
    private SelectionKey key;                           // non-null while in non-blocking mode (timed reads)
    private volatile boolean terminated;                // the last write was pgjdbc's Terminate

    /** A TCP socket. */
    BackendSocket() throws IOException {
        this(null);
    }

    /**
     * A socket that connects to {@code unixSocket} (a socket file, or a directory holding PostgreSQL's
     * {@code .s.PGSQL.<port>}), or over TCP when it is null.
     */
    BackendSocket(Path unixSocket) throws IOException {
        this.unixSocket = unixSocket;
        this.channel = unixSocket == null ? SocketChannel.open() : SocketChannel.open(StandardProtocolFamily.UNIX);
    }

    /**
     * Where a connect to {@code endpoint} goes: {@code endpoint} itself over TCP; on a Unix socket, the socket file,
     * or in a directory the file named as libpq names it, after the port pgjdbc was asked to connect to.
     */
    private SocketAddress target(SocketAddress endpoint) {
        if (unixSocket == null) return endpoint;
        if (Files.isDirectory(unixSocket) && endpoint instanceof InetSocketAddress inet) {
            return UnixDomainSocketAddress.of(unixSocket.resolve(".s.PGSQL." + inet.getPort()));
        }
        return UnixDomainSocketAddress.of(unixSocket);
    }

    @Override
    public void connect(SocketAddress endpoint) throws IOException {
        connect(endpoint, 0);
    }

    @Override
    public void connect(SocketAddress endpoint, int timeout) throws IOException {
        onPlatformThread(() -> {
            connectHere(endpoint, timeout);
            return null;
        });
    }

    private interface Io<T> {
        T run() throws IOException;
    }

    /** Runs {@code io} here, unless this is a virtual thread: then on a platform thread, waiting for it. */
    private static <T> T onPlatformThread(Io<T> io) throws IOException {
        if (!Thread.currentThread().isVirtual()) return io.run();
        Future<T> done = PlatformIo.THREADS.submit(io::run);
        try {
            return done.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io2) throw io2;
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new IOException(e.getCause());
        } catch (InterruptedException e) {
            done.cancel(true);                          // closes the channel, as an interrupted channel read would
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted during backend socket I/O");
        }
    }

    /** Connects to where {@code requested} leads ({@link #target}); a failed connect closes the socket. */
    private void connectHere(SocketAddress requested, int timeout) throws IOException {
        try {
            SocketAddress endpoint = target(requested);
            if (timeout <= 0) {
                channel.connect(endpoint);
                return;
            }
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeout);
            nonBlockingMode();
            if (!channel.connect(endpoint)) {
                await(SelectionKey.OP_CONNECT, deadline, "connect timed out");
                channel.finishConnect();
            }
            if (timeoutMillis == 0) blockingMode();
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    /**
     * Timed reads: the channel non-blocking and registered with the selector, until reads are untimed again. A
     * socket whose reads all have a timeout (pgjdbc's {@code socketTimeout}) stays in this mode, at the JDK's cost
     * (read, then wait, then read); one whose timeout is set only around a check (HikariCP's validation) switches
     * twice per check.
     */
    private void nonBlockingMode() throws IOException {
        if (key != null) return;
        try {
            if (selector == null) selector = Selector.open();
            channel.configureBlocking(false);
            key = channel.register(selector, 0);
        } catch (ClosedSelectorException e) {
            throw new SocketException("Socket closed");
        }
    }

    /** Untimed reads: a blocking channel, so a read waiting for the backend is one system call. */
    private void blockingMode() throws IOException {
        if (key == null) return;
        try {
            key.cancel();
            key = null;
            selector.selectNow();                      // deregisters: only then may the channel block again
            channel.configureBlocking(true);
        } catch (ClosedSelectorException e) {
            throw new SocketException("Socket closed");
        }
    }

    /**
     * Waits, in non-blocking mode, until the channel is ready for {@code op}: until {@code deadline} (nanoTime) at
     * the latest, or for as long as it takes when {@code deadline} is 0.
     */
    private void await(int op, long deadline, String timeoutMessage) throws IOException {
        try {
            key.interestOps(op);
            while (true) {
                long ready;
                if (deadline == 0) {
                    ready = selector.select();
                } else {
                    long leftNanos = deadline - System.nanoTime();
                    if (leftNanos <= 0) throw new SocketTimeoutException(timeoutMessage);
                    ready = selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(leftNanos + 999_999)));
                }
                if (ready > 0) {
                    selector.selectedKeys().clear();
                    if ((key.readyOps() & op) != 0) return;
                }
                if (!channel.isOpen()) throw new SocketException("Socket closed");
            }
        } catch (ClosedSelectorException | CancelledKeyException e) {
            throw new SocketException("Socket closed");     // closed by another thread while waiting
        }
    }

    /** Fills the read buffer with what one read returns: -1 at end of stream. */
    private int fill() throws IOException {
        return onPlatformThread(this::fillHere);
    }

    private int fillHere() throws IOException {
        readBuffer.clear();
        try {
            int timeout = timeoutMillis;
            if (timeout == 0) {
                blockingMode();
                return channel.read(readBuffer);
            }
            nonBlockingMode();
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeout);
            while (true) {
                int n = channel.read(readBuffer);
                if (n != 0) return n;
                await(SelectionKey.OP_READ, deadline, "Read timed out");
            }
        } finally {
            readBuffer.flip();
        }
    }

    /** Writes all of {@code buf}: in non-blocking mode, waiting (without a limit, as the JDK's socket does) for room. */
    private void writeHere(ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            if (channel.write(buf) == 0 && key != null) await(SelectionKey.OP_WRITE, 0, "");
        }
    }

    private final class In extends InputStream {
        @Override
        public int read() throws IOException {
            if (!readBuffer.hasRemaining() && fill() < 0) return -1;
            return readBuffer.get() & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            java.util.Objects.checkFromIndexSize(off, len, b.length);
            if (len == 0) return 0;
            if (!readBuffer.hasRemaining() && fill() < 0) return -1;
            int n = Math.min(len, readBuffer.remaining());
            readBuffer.get(b, off, n);
            return n;
        }

        @Override
        public int available() {
            return readBuffer.remaining();
        }

        @Override
        public void close() throws IOException {
            BackendSocket.this.close();
        }
    }

    private final class Out extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            terminated = len >= TERMINATE.length
                    && Arrays.equals(b, off + len - TERMINATE.length, off + len, TERMINATE, 0, TERMINATE.length);
            ByteBuffer buf = ByteBuffer.wrap(b, off, len);
            onPlatformThread(() -> {
                writeHere(buf);
                return null;
            });
        }

        @Override
        public void close() throws IOException {
            BackendSocket.this.close();
        }
    }

    @Override
    public InputStream getInputStream() throws IOException {
        if (!channel.isConnected()) throw new SocketException("Socket is not connected");
        return in;
    }

    @Override
    public OutputStream getOutputStream() throws IOException {
        if (!channel.isConnected()) throw new SocketException("Socket is not connected");
        return out;
    }

    /** Kept here, never handed to the JDK: a timed read goes through the selector instead. */
    @Override
    public void setSoTimeout(int timeout) throws SocketException {
        if (timeout < 0) throw new IllegalArgumentException("timeout < 0");
        this.timeoutMillis = timeout;
    }

    @Override
    public int getSoTimeout() {
        return timeoutMillis;
    }

    @Override
    public void bind(SocketAddress bindpoint) throws IOException {
        channel.bind(bindpoint);
    }

    /** On a Unix socket, which has no Nagle delay to turn off, a no-op. */
    @Override
    public void setTcpNoDelay(boolean on) throws SocketException {
        if (tcpOnly(StandardSocketOptions.TCP_NODELAY)) return;
        option(() -> channel.setOption(StandardSocketOptions.TCP_NODELAY, on));
    }

    /** True on a Unix socket: it sends at once, as TCP does without Nagle's delay. */
    @Override
    public boolean getTcpNoDelay() throws SocketException {
        if (tcpOnly(StandardSocketOptions.TCP_NODELAY)) return true;
        return option(() -> channel.getOption(StandardSocketOptions.TCP_NODELAY));
    }

    /** On a Unix socket, which has no keep-alive probes (a dead peer's socket is closed by its kernel), a no-op. */
    @Override
    public void setKeepAlive(boolean on) throws SocketException {
        if (tcpOnly(StandardSocketOptions.SO_KEEPALIVE)) return;
        option(() -> channel.setOption(StandardSocketOptions.SO_KEEPALIVE, on));
    }

    @Override
    public boolean getKeepAlive() throws SocketException {
        if (tcpOnly(StandardSocketOptions.SO_KEEPALIVE)) return false;
        return option(() -> channel.getOption(StandardSocketOptions.SO_KEEPALIVE));
    }

    /** Whether {@code option} is one this (Unix) socket does not have. */
    private boolean tcpOnly(SocketOption<?> option) {
        return unixSocket != null && !channel.supportedOptions().contains(option);
    }

    @Override
    public void setReceiveBufferSize(int size) throws SocketException {
        option(() -> channel.setOption(StandardSocketOptions.SO_RCVBUF, size));
    }

    @Override
    public int getReceiveBufferSize() throws SocketException {
        return option(() -> channel.getOption(StandardSocketOptions.SO_RCVBUF));
    }

    @Override
    public void setSendBufferSize(int size) throws SocketException {
        option(() -> channel.setOption(StandardSocketOptions.SO_SNDBUF, size));
    }

    @Override
    public int getSendBufferSize() throws SocketException {
        return option(() -> channel.getOption(StandardSocketOptions.SO_SNDBUF));
    }

    @Override
    public void setSoLinger(boolean on, int linger) throws SocketException {
        if (tcpOnly(StandardSocketOptions.SO_LINGER)) throw new SocketException("SO_LINGER: not on a Unix socket");
        option(() -> channel.setOption(StandardSocketOptions.SO_LINGER, on ? linger : -1));
    }

    @Override
    public int getSoLinger() throws SocketException {
        if (tcpOnly(StandardSocketOptions.SO_LINGER)) return -1;
        return option(() -> channel.getOption(StandardSocketOptions.SO_LINGER));
    }

    /** A socket option of the channel, its IOException as the SocketException {@code Socket}'s methods declare. */
    private static <T> T option(Io<T> io) throws SocketException {
        try {
            return io.run();
        } catch (SocketException e) {
            throw e;
        } catch (IOException e) {
            throw new SocketException(e.getMessage());
        }
    }

    @Override
    public InetAddress getInetAddress() {
        return getRemoteSocketAddress() instanceof InetSocketAddress a ? a.getAddress() : null;
    }

    @Override
    public int getPort() {
        return getRemoteSocketAddress() instanceof InetSocketAddress a ? a.getPort() : 0;
    }

    @Override
    public InetAddress getLocalAddress() {
        return getLocalSocketAddress() instanceof InetSocketAddress a ? a.getAddress() : null;
    }

    @Override
    public int getLocalPort() {
        return getLocalSocketAddress() instanceof InetSocketAddress a ? a.getPort() : -1;
    }

    @Override
    public SocketAddress getRemoteSocketAddress() {
        try {
            return channel.getRemoteAddress();
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public SocketAddress getLocalSocketAddress() {
        try {
            return channel.getLocalAddress();
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public void shutdownInput() throws IOException {
        channel.shutdownInput();
    }

    @Override
    public void shutdownOutput() throws IOException {
        channel.shutdownOutput();
    }

    @Override
    public boolean isConnected() {
        return channel.isConnected();
    }

    @Override
    public boolean isBound() {
        return getLocalSocketAddress() != null;
    }

    @Override
    public boolean isClosed() {
        return !channel.isOpen();
    }

    /**
     * Closes the socket. After pgjdbc's Terminate (a connection closed normally), first waits until PostgreSQL
     * closes its end, which it does as its backend process exits, for {@link #SERVER_END_MILLIS} at most: the
     * registry's budget permit of the connection is given back only when close returns, so the backends PostgreSQL
     * counts stay within {@code registry.maxBackendConnections} even while closed ones are still exiting. A close
     * from another thread (an abort) does not wait, nor does one under TLS, whose Terminate this socket cannot see.
     */
    @Override
    public synchronized void close() throws IOException {
        if (terminated && channel.isOpen()) {
            terminated = false;
            onPlatformThread(() -> {
                awaitServerEnd();
                return null;
            });
        }
        try {
            channel.close();
        } finally {
            Selector s = selector;
            if (s != null) s.close();
        }
    }

    /** Reads (and drops) what the server still sends until it closes the connection, or the wait is over. */
    private void awaitServerEnd() {
        try {
            channel.shutdownOutput();
            nonBlockingMode();
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SERVER_END_MILLIS);
            while (true) {
                readBuffer.clear();
                int n = channel.read(readBuffer);
                if (n < 0) return;
                if (n == 0) await(SelectionKey.OP_READ, deadline, "PostgreSQL did not end the connection");
            }
        } catch (IOException e) {
            // Already gone, or too slow to end: close all the same.
        } finally {
            readBuffer.clear().flip();
        }
    }

    @Override
    public String toString() {
        return "BackendSocket[" + getRemoteSocketAddress() + "]";
    }
}

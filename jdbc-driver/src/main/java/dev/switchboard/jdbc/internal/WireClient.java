package dev.switchboard.jdbc.internal;

import dev.switchboard.protocol.codec.BufferWireOut;
import dev.switchboard.protocol.codec.ClientCodec;
import dev.switchboard.protocol.codec.ProtocolException;
import dev.switchboard.protocol.codec.RowBatchReader;
import dev.switchboard.protocol.codec.ServerCodec;
import dev.switchboard.protocol.frame.FrameLimits;
import dev.switchboard.protocol.frame.FrameType;
import dev.switchboard.protocol.message.ClientMessage;
import dev.switchboard.protocol.message.GoAway;
import dev.switchboard.protocol.message.ServerMessage;
import dev.switchboard.protocol.types.SqlStates;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The blocking transport of one connection: frames out ({@link ClientCodec} into one reused buffer, one flush per
 * message) and frames in ({@link ServerCodec}, except row batches, which stay bytes behind a
 * {@link RowBatchReader}). Works on any pair of streams, so tests hold a real byte-level conversation without a
 * socket.
 *
 * <p>Thread-safety: {@link #requestLock()} serialises requests (one in flight per connection; callers hold it
 * from send to the final answer). Writes take a separate write lock, so {@link #sendOutOfBand} (CANCEL) can go out
 * while another thread waits for an answer. Any I/O or framing failure breaks the client for good: the socket is
 * closed and every later call fails with SQLSTATE 08003.
 */
public final class WireClient implements AutoCloseable {
    private static final int BUFFER_BYTES = 64 * 1024;
    private static final int MAX_FRAME = FrameLimits.DEFAULT_MAX_FRAME_BYTES - FrameLimits.LENGTH_BYTES;

    private final Socket socket;                       // null over plain streams (tests)
    private final DataInputStream in;
    private final OutputStream out;
    private final Closeable resource;
    private final ReentrantLock requestLock = new ReentrantLock();
    private final ReentrantLock writeLock = new ReentrantLock();
    private final BufferWireOut sendBuffer = new BufferWireOut(1024);
    private volatile String brokenReason;              // null while usable
    private volatile String goAwayReason;

    /** A client over streams; {@code resource} is closed with it (may be the socket). */
    public WireClient(InputStream in, OutputStream out, Closeable resource) {
        this(null, in, out, resource);
    }

    private WireClient(Socket socket, InputStream in, OutputStream out, Closeable resource) {
        this.socket = socket;
        this.in = new DataInputStream(new BufferedInputStream(in, BUFFER_BYTES));
        this.out = new BufferedOutputStream(out, BUFFER_BYTES);
        this.resource = resource;
    }

    /**
     * Opens a TCP connection (TCP_NODELAY). {@code connectTimeout} bounds the connect and also serves as the read
     * timeout until {@link #setReadTimeout} changes it (login runs under it). Zero means no limit.
     */
    public static WireClient connect(String host, int port, Duration connectTimeout) throws SQLException {
        var socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.setKeepAlive(true);
            int millis = toMillis(connectTimeout);
            socket.connect(new InetSocketAddress(host, port), millis);
            socket.setSoTimeout(millis);
            return new WireClient(socket, socket.getInputStream(), socket.getOutputStream(), socket);
        } catch (IOException | IllegalArgumentException e) {
            closeQuietly(socket);
            throw new SQLNonTransientConnectionException("cannot connect to Switchboard at " + host + ":" + port
                    + ": " + e.getMessage(), SqlStates.UNABLE_TO_CONNECT, e);
        }
    }

    public ReentrantLock requestLock() {
        return requestLock;
    }

    /** Encodes and sends one message with a single flush. The caller holds {@link #requestLock()}. */
    public void send(ClientMessage msg) throws SQLException {
        checkUsable();
        writeLock.lock();
        try {
            sendBuffer.reset();
            ClientCodec.encode(msg, sendBuffer);
            out.write(sendBuffer.array(), 0, sendBuffer.position());
            out.flush();
        } catch (IOException e) {
            throw broken("lost the connection while sending " + ClientCodec.typeOf(msg), e);
        } finally {
            writeLock.unlock();
        }
    }

    /** Sends a message that needs no request lock and gets no answer (CANCEL). */
    public void sendOutOfBand(ClientMessage msg) throws SQLException {
        checkUsable();
        var buffer = new BufferWireOut(64);             // not sendBuffer: a request may be encoding into it
        ClientCodec.encode(msg, buffer);
        writeLock.lock();
        try {
            out.write(buffer.array(), 0, buffer.position());
            out.flush();
        } catch (IOException e) {
            throw broken("lost the connection while sending " + ClientCodec.typeOf(msg), e);
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Reads the next frame. GOAWAY is remembered ({@link #goAwayReason()}) and skipped. The caller holds
     * {@link #requestLock()}.
     */
    public Reply receive() throws SQLException {
        while (true) {
            checkUsable();
            byte[] frame = readFrame();
            try {
                if (frame[0] == FrameType.ROW_BATCH.code()) {
                    // a fresh array per frame: the ResultSet keeps a view of it
                    return new Reply.Rows(new RowBatchReader(ByteBuffer.wrap(frame, 1, frame.length - 1)));
                }
                ServerMessage msg = ServerCodec.decode(ByteBuffer.wrap(frame));
                if (msg instanceof GoAway g) {
                    goAwayReason = g.reason();
                    continue;
                }
                return new Reply.Message(msg);
            } catch (ProtocolException e) {
                throw protocolViolation(e.getMessage(), e);
            }
        }
    }

    private byte[] readFrame() throws SQLException {
        try {
            int length = in.readInt();
            if (length < 1 || length > MAX_FRAME) {
                throw protocolViolation("frame length " + Integer.toUnsignedString(length) + " is outside [1, "
                        + MAX_FRAME + "]", null);
            }
            byte[] frame = new byte[length];
            in.readFully(frame);
            return frame;
        } catch (IOException e) {
            if (goAwayReason != null) throw closedAfterGoAway(e);
            throw broken("lost the connection while waiting for the server", e);
        }
    }

    /**
     * The server said GOAWAY and then closed: it drains, and ended this session between transactions (SPEC §4.6).
     * SQLSTATE 57P01, as PostgreSQL's own shutdown, which connection pools take as "discard this connection".
     */
    private SQLException closedAfterGoAway(IOException cause) {
        markBroken("broken: the server closed the connection after GOAWAY: " + goAwayReason);
        return new SQLNonTransientConnectionException("the server closed the connection after GOAWAY (" + goAwayReason
                + "); use a new connection", SqlStates.ADMIN_SHUTDOWN, cause);
    }

    /** The reason of the last GOAWAY, or null: the server is draining and this connection should be replaced. */
    public String goAwayReason() {
        return goAwayReason;
    }

    public boolean isBroken() {
        return brokenReason != null;
    }

    /** Read timeout in milliseconds (0 = none); no-op without a socket. */
    public void setReadTimeout(int millis) throws SQLException {
        if (socket == null) return;
        try {
            socket.setSoTimeout(millis);
        } catch (SocketException e) {
            throw broken("cannot set the socket timeout", e);
        }
    }

    public int readTimeout() throws SQLException {
        if (socket == null) return 0;
        try {
            return socket.getSoTimeout();
        } catch (SocketException e) {
            throw broken("cannot read the socket timeout", e);
        }
    }

    private void checkUsable() throws SQLException {
        String why = brokenReason;
        if (why != null) throw SqlExceptions.closed(why);
    }

    /** Marks the client unusable, closes the transport, and returns the exception to throw (SQLSTATE 08006). */
    public SQLException broken(String message, Exception cause) {
        markBroken("broken: " + message);
        return new SQLNonTransientConnectionException(message + (cause == null ? "" : ": " + cause),
                SqlStates.CONNECTION_FAILURE, cause);
    }

    /** The server broke the protocol: nothing after this can be trusted (SQLSTATE 08P01). */
    public SQLException protocolViolation(String message, Exception cause) {
        markBroken("broken: protocol violation: " + message);
        return new SQLNonTransientConnectionException("protocol violation: " + message,
                SqlStates.PROTOCOL_VIOLATION, cause);
    }

    private void markBroken(String why) {
        if (brokenReason == null) brokenReason = why;
        closeQuietly(resource);
    }

    /** Closes the transport without a word to the server; idempotent. */
    @Override
    public void close() {
        markBroken("closed");
    }

    private static int toMillis(Duration d) {
        long ms = d.toMillis();
        return ms > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) ms;
    }

    private static void closeQuietly(Closeable c) {
        try {
            if (c != null) c.close();
        } catch (IOException ignored) {
            // closing is best effort: the connection is gone either way
        }
    }
}

package dev.switchboard.proxy.net;

import dev.switchboard.protocol.codec.ClientCodec;
import dev.switchboard.protocol.codec.ProtocolException;
import dev.switchboard.protocol.codec.ServerCodec;
import dev.switchboard.protocol.message.Cancel;
import dev.switchboard.protocol.message.ClientMessage;
import dev.switchboard.protocol.message.GoAway;
import dev.switchboard.protocol.message.ServerError;
import dev.switchboard.protocol.message.ServerMessage;
import dev.switchboard.protocol.message.Terminate;
import dev.switchboard.proxy.exec.ClientLink;
import dev.switchboard.proxy.exec.Session;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.TooLongFrameException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A session served by a thread of its own ({@code server.dedicatedThreads}). The thread reads the client's request
 * from the socket, runs it and writes the answer, so a request costs the proxy two wake-ups (the client's frame, the
 * backend's answer) where the event loops and workers take four (the event loop for the frame, a worker for the
 * hand-off, the worker for the backend's answer, the event loop for the reply). BENCHMARKS.md has the numbers.
 *
 * <p>Between requests the thread waits on the socket for up to {@link #LINGER_NANOS}; then the session is parked
 * with {@link SessionThreads}' watcher and the thread goes back to the pool, so an idle client holds no thread.
 * While more sessions are served than {@link SessionThreads} lets linger, sessions park at once after each answer.
 * While a request runs longer than {@link #WATCH_AFTER_NANOS}, the watcher reads the socket too, so a CANCEL acts at
 * once (SPEC §4.5) and a client that leaves cancels its statement; other frames wait in the input buffer for the
 * session's thread. Both readers read under one lock into one buffer, so no byte is lost or read twice.
 *
 * <p>The socket is non-blocking throughout (waits are the thread's own selector): the watcher's selector may hold
 * it at any time. A reply is written whole under the write lock, and GOAWAY takes the same lock, so it lands only
 * between answers (SPEC §4.6). Only the serving thread touches the session or ends it.
 */
final class DedicatedSession implements ClientLink {
    private static final Logger log = LoggerFactory.getLogger(DedicatedSession.class);
    /** How long a thread waits for the next request before the session is parked: covers a busy client's gaps. */
    static final long LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    /** A request running longer than this has its socket watched for CANCEL and for the client leaving. */
    static final long WATCH_AFTER_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    private static final int LENGTH_BYTES = 4;
    private static final int INITIAL_BUFFER_BYTES = 8 * 1024;
    private static final long WAIT_SLICE_MILLIS = 1000;

    private enum State { SERVING, PARKED, ENDED }

    private final SocketChannel channel;
    private final SocketAddress remote;
    private final RequestRunner runner;
    private final Session session;
    private final SessionThreads threads;
    private final ByteBufAllocator alloc;
    private final int maxFrameBytes;

    private final ReentrantLock readLock = new ReentrantLock();
    private ByteBuffer in;                               // write mode: [0, position) read, not yet taken; readLock
    private boolean eof;                                 // the client closed its side; readLock

    private final ReentrantLock writeLock = new ReentrantLock();
    private final Queue<ByteBuffer> pendingOut = new ConcurrentLinkedQueue<>();   // GOAWAY frames not yet written

    private volatile State state = State.SERVING;
    private volatile long runningSince;                  // System.nanoTime() when the request began; 0: none runs
    private volatile Selector servingSelector;           // the serving thread's, to wake it

    private SelectionKey watchKey;                       // the watcher thread's only
    private boolean watching;                            // the watcher thread's only: a long request is watched
    private boolean waitingParked;                       // the watcher thread's only: parked and registered

    /** @param carried bytes the event loop had read past the login, in read mode */
    DedicatedSession(SocketChannel channel, SocketAddress remote, RequestRunner runner, SessionThreads threads,
                     ByteBufAllocator alloc, int maxFrameBytes, ByteBuffer carried) {
        this.channel = channel;
        this.remote = remote;
        this.runner = runner;
        this.session = runner.session();
        this.threads = threads;
        this.alloc = alloc;
        this.maxFrameBytes = maxFrameBytes;
        this.in = ByteBuffer.allocate(Math.max(INITIAL_BUFFER_BYTES, carried.remaining()));
        this.in.put(carried);
    }

    // ---- the serving thread ----

    /** Serves requests until the client is idle past the linger (then parks) or the session ends. */
    void serve() {
        Selector sel;
        SelectionKey key;
        try {
            sel = threads.selector();
            key = channel.register(sel, SelectionKey.OP_READ);
        } catch (IOException e) {                       // closed meanwhile (killed, or the client left)
            end();
            return;
        } catch (RuntimeException e) {                  // a bug: end the session rather than leave its client waiting
            log.warn("cannot serve a session on its own thread, closing it: {}", e.toString());
            end();
            return;
        }
        servingSelector = sel;
        threads.serving(true);
        boolean park = false;
        try {
            park = serveRequests(sel, key);
        } finally {
            threads.serving(false);
            servingSelector = null;
            key.cancel();
            try {
                sel.selectNow();                        // deregisters now, so the thread's next session starts clean
            } catch (IOException e) {
                log.debug("session thread selector: {}", e.toString());
            }
            if (park) {
                state = State.PARKED;
                threads.park(this);
            } else {
                end();
            }
        }
    }

    /** @return true to park (idle past the linger), false when the session must end */
    private boolean serveRequests(Selector sel, SelectionKey key) {
        try {
            while (true) {
                ClientMessage msg = next(sel);
                if (msg == null) return true;
                switch (msg) {
                    case Cancel c -> runner.cancel(c);
                    case Terminate t -> {
                        return false;
                    }
                    default -> {
                        if (!answer(msg, sel, key)) return false;
                    }
                }
            }
        } catch (IOException | RuntimeException e) {    // the same answers as on the event loops
            ServerError last = ExceptionHandler.lastAnswer(e, remote);
            if (last != null) sendFinal(last, sel, key);
        } catch (Error e) {
            // OutOfMemoryError and the like: the reply is lost, so close the client's connection rather than leave it
            // waiting for an answer that will never come.
            log.error("request failed with {}; closing the client connection [{}]", e, session.id());
        }
        return false;
    }

    /** The next request, or null when none came within the linger (none when too many sessions are served). */
    private ClientMessage next(Selector sel) throws IOException {
        long lingerUntil = System.nanoTime() + (threads.mayLinger() ? LINGER_NANOS : 0);
        while (true) {
            readLock.lock();
            try {
                ClientMessage m = takeFrame();
                if (m != null) return m;
                if (eof) throw new EOFException("the client closed the connection");
                int n = channel.read(in);
                if (n < 0) {
                    eof = true;
                    throw new EOFException("the client closed the connection");
                }
                if (n > 0) {
                    threads.metrics().bytesReceived(n);
                    continue;
                }
            } finally {
                readLock.unlock();
            }
            long left = lingerUntil - System.nanoTime();
            if (left <= 0) return null;
            sel.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            sel.selectedKeys().clear();
        }
    }

    /** @return false when the session must end: the proxy drains, and the session is between transactions */
    private boolean answer(ClientMessage msg, Selector sel, SelectionKey key) throws IOException {
        log.trace("C=> {} [{}]", msg, session.id());
        if (!runner.admit()) {
            sendFinal(RequestRunner.SHUT_DOWN, sel, key);
            return false;
        }
        runningSince = System.nanoTime() | 1;
        try {
            ByteBuf reply = runner.run(msg, alloc);
            try {
                write(reply, sel, key);
            } finally {
                reply.release();
            }
            session.afterReply();                       // commit/close/return after the answer left, before the next
        } finally {
            runningSince = 0;
        }
        return !runner.endsAfterRequest();
    }

    /** Writes {@code reply} whole, after any waiting GOAWAY; waits (on this thread's selector) for a slow client. */
    private void write(ByteBuf reply, Selector sel, SelectionKey key) throws IOException {
        writeLock.lock();
        try {
            for (ByteBuffer b; (b = pendingOut.peek()) != null; pendingOut.poll()) {
                writeFully(new ByteBuffer[] {b}, sel, key);
            }
            writeFully(reply.nioBuffers(), sel, key);
        } finally {
            writeLock.unlock();
        }
        if (!pendingOut.isEmpty()) tryFlushPending();   // a GOAWAY that came while the lock was held
    }

    private void writeFully(ByteBuffer[] parts, Selector sel, SelectionKey key) throws IOException {
        long left = 0;
        for (ByteBuffer p : parts) left += p.remaining();
        while (left > 0) {
            long n = channel.write(parts);
            if (n > 0) {
                threads.metrics().bytesSent(n);
                left -= n;
                continue;
            }
            key.interestOps(SelectionKey.OP_WRITE);     // the client reads slowly: wait for room (back-pressure)
            try {
                sel.select(WAIT_SLICE_MILLIS);
                sel.selectedKeys().clear();
            } finally {
                key.interestOps(SelectionKey.OP_READ);
            }
            if (!channel.isOpen()) throw new ClosedChannelException();
        }
    }

    /**
     * A last ERROR before the connection closes; best effort. Then FIN, and the client's remaining bytes are read and
     * dropped until it closes (1 s at most): closing with unread input would send a reset, which can destroy the
     * ERROR in the client's buffer before it reads it.
     */
    private void sendFinal(ServerMessage msg, Selector sel, SelectionKey key) {
        ByteBuf buf = encode(msg);
        try {
            write(buf, sel, key);
            channel.shutdownOutput();
            ByteBuffer sink = ByteBuffer.allocate(INITIAL_BUFFER_BYTES);
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
            while (System.nanoTime() < until) {
                int n = channel.read(sink.clear());
                if (n < 0) return;
                if (n == 0) {
                    sel.select(100);
                    sel.selectedKeys().clear();
                }
            }
        } catch (IOException | RuntimeException e) {
            log.debug("could not send the last error to {}: {}", remote, e.toString());
        } finally {
            buf.release();
        }
    }

    private ByteBuf encode(ServerMessage msg) {
        ByteBuf buf = alloc.buffer(128);
        ServerCodec.encode(msg, new ByteBufWireOut(buf));
        return buf;
    }

    /** Ends the session: the connection closes, the session closes (rolling back), and it stops counting. */
    private void end() {
        state = State.ENDED;
        closeChannel();
        try {
            runner.closeSession();
        } finally {
            threads.ended(this);
        }
    }

    // ---- frames (readLock held) ----

    /** Takes the first whole frame out of the input buffer and decodes it; null when none is whole yet. */
    private ClientMessage takeFrame() {
        int length = wholeFrameLength();
        if (length < 0) return null;
        ClientMessage m = decode(length);
        consume(LENGTH_BYTES + length);
        return m;
    }

    /** The payload length of the first frame when it is whole; -1 if not (the buffer then has room for it). */
    private int wholeFrameLength() {
        if (in.position() < LENGTH_BYTES) return -1;
        int length = in.getInt(0);
        if (length < 1) throw new ProtocolException("bad frame length " + length);
        if ((long) length + LENGTH_BYTES > maxFrameBytes) throw new TooLongFrameException();
        int whole = LENGTH_BYTES + length;
        if (in.position() >= whole) return length;
        if (in.capacity() < whole) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.min(maxFrameBytes, Math.max(whole, in.capacity() * 2)));
            in.flip();
            bigger.put(in);
            in = bigger;
        }
        return -1;
    }

    private ClientMessage decode(int length) {
        ByteBuffer frame = in.duplicate();
        frame.position(LENGTH_BYTES).limit(LENGTH_BYTES + length);
        return ClientCodec.decode(frame.slice());
    }

    private void consume(int bytes) {
        in.flip();
        in.position(bytes);
        if (in.capacity() > INITIAL_BUFFER_BYTES * 8 && in.remaining() <= INITIAL_BUFFER_BYTES) {
            in = ByteBuffer.allocate(INITIAL_BUFFER_BYTES).put(in);   // a large frame has gone: give its room back
        } else {
            in.compact();
        }
    }

    // ---- the watcher thread ----

    /** The session was just parked: wait for its next request, unless it is here already. */
    void watcherPark(Selector sel) {
        if (state != State.PARKED || waitingParked) return;     // resumed meanwhile by a late readiness
        watching = false;
        if (hasWholeFrame() || !channel.isOpen() || !interest(sel, SelectionKey.OP_READ)) {
            resume();
            return;
        }
        waitingParked = true;
    }

    void watcherReadable(SelectionKey key) {
        try {
            if (state == State.PARKED) {
                key.interestOps(0);
                resume();                               // its request came
            } else if (state == State.SERVING) {
                readWhileRunning(key);
            } else {
                key.cancel();
            }
        } catch (CancelledKeyException e) {            // closed meanwhile: a parked session's thread ends it
            if (state == State.PARKED) resume();
        }
    }

    void watcherTick(Selector sel, long now) {
        if (state == State.PARKED) {
            if (waitingParked && !channel.isOpen()) resume();   // killed while parked: its thread ends it
            return;
        }
        if (state != State.SERVING) return;
        long since = runningSince;
        boolean longRequest = since != 0 && now - since > WATCH_AFTER_NANOS;
        if (longRequest && !watching) {
            watching = interest(sel, SelectionKey.OP_READ);
        } else if (!longRequest && watching) {
            interest(sel, 0);
            watching = false;
        }
    }

    /** Reads what the client sent while its request runs: CANCELs act at once; the rest waits for the thread. */
    private void readWhileRunning(SelectionKey key) {
        if (!readLock.tryLock()) return;               // the serving thread is reading: nothing to do here
        try {
            if (eof) {
                key.interestOps(0);
                return;
            }
            if (!in.hasRemaining()) {
                key.interestOps(0);                     // a full buffer waits for the thread (back-pressure)
                return;
            }
            int n = channel.read(in);
            if (n < 0) {
                eof = true;
                key.interestOps(0);
                // The client is gone: stop what it was running (as the event loops do), then the thread ends it.
                if (session.state() == Session.State.ACTIVE) threads.execute(session::cancel);
                wakeServingThread();
                return;
            }
            threads.metrics().bytesReceived(n);
            takeCancels();
            if (hasWholeFrame()) wakeServingThread();
        } catch (IOException e) {
            key.interestOps(0);
            wakeServingThread();
        } catch (RuntimeException e) {                  // a bad frame: the serving thread will find and answer it
            key.interestOps(0);
        } finally {
            readLock.unlock();
        }
    }

    /** CANCELs at the head of the input act now; the first other frame stops the look (order is kept). */
    private void takeCancels() {
        while (true) {
            int length = wholeFrameLength();
            if (length < 0) return;
            if (!(decode(length) instanceof Cancel c)) return;
            consume(LENGTH_BYTES + length);
            threads.execute(() -> runner.cancel(c));
        }
    }

    private boolean hasWholeFrame() {
        readLock.lock();
        try {
            return wholeFrameLength() >= 0;
        } catch (RuntimeException e) {
            return true;                                 // a bad frame: the serving thread answers it
        } finally {
            readLock.unlock();
        }
    }

    /** @return false when the channel is closed */
    private boolean interest(Selector sel, int ops) {
        try {
            if (watchKey == null || !watchKey.isValid()) {
                if (ops == 0) return true;
                watchKey = channel.register(sel, ops, this);
            } else {
                watchKey.interestOps(ops);
            }
            return true;
        } catch (ClosedChannelException | CancelledKeyException e) {
            return false;
        }
    }

    /** At shutdown, with the watcher gone: ends a parked session on a pool thread (its connection is closed). */
    void endParked() {
        resume();
    }

    private void resume() {
        state = State.SERVING;
        watching = false;
        waitingParked = false;
        threads.execute(this::serve);
    }

    private void wakeServingThread() {
        Selector s = servingSelector;
        if (s != null) s.wakeup();
    }

    // ---- any thread ----

    /** Idle past the linger: no thread holds it. */
    boolean parked() {
        return state == State.PARKED;
    }

    @Override
    public void close() {
        closeChannel();
        wakeServingThread();
        if (session.state() == Session.State.ACTIVE) threads.execute(session::cancel);
    }

    @Override
    public void goAway(String reason) {
        if (!channel.isOpen()) return;
        ByteBuf buf = encode(new GoAway(reason));
        try {
            ByteBuffer copy = ByteBuffer.allocate(buf.readableBytes());
            buf.readBytes(copy);
            pendingOut.add(copy.flip());
        } finally {
            buf.release();
        }
        tryFlushPending();
    }

    /** Writes waiting GOAWAYs now if no reply is being written (that writer sends them after its reply). */
    private void tryFlushPending() {
        if (!writeLock.tryLock()) return;
        try {
            for (ByteBuffer b; (b = pendingOut.peek()) != null; pendingOut.poll()) {
                int n = channel.write(b);
                if (n > 0) threads.metrics().bytesSent(n);
                if (b.hasRemaining()) return;           // the socket is full: the next reply's writer finishes it
            }
        } catch (IOException e) {
            log.debug("GOAWAY to {} not sent: {}", remote, e.toString());
        } finally {
            writeLock.unlock();
        }
    }

    private void closeChannel() {
        try {
            channel.close();
        } catch (IOException e) {
            log.debug("closing the connection from {}: {}", remote, e.toString());
        }
    }
}

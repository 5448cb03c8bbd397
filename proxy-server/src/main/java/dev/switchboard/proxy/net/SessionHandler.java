package dev.switchboard.proxy.net;

import dev.switchboard.protocol.codec.ProtocolException;
import dev.switchboard.protocol.message.Auth;
import dev.switchboard.protocol.message.Cancel;
import dev.switchboard.protocol.message.ClientMessage;
import dev.switchboard.protocol.message.CloseCursor;
import dev.switchboard.protocol.message.Execute;
import dev.switchboard.protocol.message.ExecuteBatch;
import dev.switchboard.protocol.message.Fetch;
import dev.switchboard.protocol.message.Hello;
import dev.switchboard.protocol.message.MetadataCall;
import dev.switchboard.protocol.message.Ping;
import dev.switchboard.protocol.message.ServerError;
import dev.switchboard.protocol.message.ServerMessage;
import dev.switchboard.protocol.message.SetOption;
import dev.switchboard.protocol.message.Terminate;
import dev.switchboard.protocol.message.Transact;
import dev.switchboard.proxy.exec.Session;
import dev.switchboard.proxy.exec.Sessions;
import dev.switchboard.proxy.exec.SqlErrors;
import dev.switchboard.proxy.metrics.Metrics;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs an authenticated session's requests. The event loop only decodes and queues; requests run one at a time,
 * in order, on virtual threads, and each reply leaves in one flush. {@code Cancel} skips the queue, since it must
 * reach the statement it cancels. A long queue pauses reading (back-pressure). When the channel closes, the session
 * is closed through the same queue, after the request in flight, so the session is never used by two threads.
 */
final class SessionHandler extends SimpleChannelInboundHandler<ClientMessage> {
    private static final Logger log = LoggerFactory.getLogger(SessionHandler.class);
    private static final int MAX_QUEUED = 16;

    private final Session session;
    private final Sessions sessions;
    private final Executor jdbc;
    private final Metrics metrics;
    private final Queue<ClientMessage> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final boolean logConnections;

    /** @param logConnections log the session's end ({@code server.logConnections} when it logged in) */
    SessionHandler(Session session, Sessions sessions, Executor jdbc, Metrics metrics, boolean logConnections) {
        this.session = session;
        this.sessions = sessions;
        this.jdbc = jdbc;
        this.metrics = metrics;
        this.logConnections = logConnections;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ClientMessage msg) {
        log.trace("C=> {} [{}]", msg, session.id());
        switch (msg) {
            case Cancel c -> jdbc.execute(() -> sessions.forCancel(c.sessionId(), c.cancelKey())
                    .ifPresent(Session::cancel));
            case Terminate t -> ctx.close();
            default -> {
                if (queued.incrementAndGet() >= MAX_QUEUED) ctx.channel().config().setAutoRead(false);
                enqueue(ctx, msg);
            }
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        // The client is gone: stop what it was running. Statement.cancel() blocks (pgjdbc opens a connection to
        // send it), so it runs on a worker thread, never on this event loop.
        if (session.state() == Session.State.ACTIVE) jdbc.execute(session::cancel);
        queue.add(Terminate.INSTANCE);          // then close the session after the request in flight
        if (draining.compareAndSet(false, true)) {
            // No request runs, and none waits but the TERMINATE just queued, so no other thread touches the session.
            // One that holds no backend connection closes without blocking: here, with no thread hop (the usual end
            // of a session).
            if (queue.size() == 1 && session.closesWithoutBlocking()) {
                queue.clear();
                closeSession();
            } else {
                jdbc.execute(() -> drain(ctx));
            }
        }
        ctx.fireChannelInactive();
    }

    private void enqueue(ChannelHandlerContext ctx, ClientMessage msg) {
        queue.add(msg);
        if (draining.compareAndSet(false, true)) jdbc.execute(() -> drain(ctx));
    }

    /** Runs on a virtual thread; at most one drain runs per session at a time. */
    private void drain(ChannelHandlerContext ctx) {
        do {
            for (ClientMessage m; (m = queue.poll()) != null; ) {
                if (m == Terminate.INSTANCE) {
                    closeSession();
                    continue;
                }
                try {
                    answer(ctx, m);
                } catch (Error e) {
                    // OutOfMemoryError and the like: the reply is lost, so close the client's connection rather
                    // than leave it waiting for an answer that will never come. Its TERMINATE then ends the session.
                    log.error("request failed with {}; closing the client connection [{}]", e, session.id());
                    ctx.close();
                }
                if (queued.decrementAndGet() == MAX_QUEUED / 2) ctx.channel().config().setAutoRead(true);
            }
            draining.set(false);
        } while (!queue.isEmpty() && draining.compareAndSet(false, true));
    }

    private void answer(ChannelHandlerContext ctx, ClientMessage msg) {
        if (!ctx.channel().isActive()) return;          // nobody to answer: skip the work
        var reply = new ByteBufReply(ctx.alloc());
        ServerMessage last;
        long start = System.nanoTime();
        try {
            last = session.handle(msg, reply);
            record(msg, true, start);
        } catch (SQLException e) {
            record(msg, false, start);
            reply.discard();                            // a failed statement keeps the session
            ServerError error = SqlErrors.toWire(e);
            last = error;
            log.debug("request failed sqlstate={} [{}]", error.sqlState(), session.id());
        } catch (RuntimeException e) {                 // ProtocolException (08P01) or a bug (XX000)
            record(msg, false, start);
            reply.release();
            ctx.fireExceptionCaught(e);                 // 08P01 or XX000, then close
            return;
        }
        reply.send(last);
        log.trace("<=S {} [{}]", last, session.id());
        ctx.writeAndFlush(reply.take()).addListener(f -> {
            if (!f.isSuccess()) ctx.close();
        });
        session.afterReply();                           // commit/close/return after the answer left, before the next
    }

    private void record(ClientMessage msg, boolean ok, long startNanos) {
        Metrics.RequestKind kind = switch (msg) {
            case Execute e -> Metrics.RequestKind.EXECUTE;
            case Fetch f -> Metrics.RequestKind.FETCH;
            case CloseCursor c -> Metrics.RequestKind.FETCH;
            case ExecuteBatch b -> Metrics.RequestKind.BATCH;
            case Transact t -> Metrics.RequestKind.TRANSACT;
            case SetOption s -> Metrics.RequestKind.SET_OPTION;
            case MetadataCall m -> Metrics.RequestKind.METADATA;
            case Ping p -> Metrics.RequestKind.PING;
            case Hello h -> null;                                 // protocol errors inside a session: not requests
            case Auth a -> null;
            case Cancel c -> null;
            case Terminate t -> null;
        };
        if (kind != null) metrics.request(kind, ok, System.nanoTime() - startNanos);
    }

    private void closeSession() {
        session.close();
        sessions.remove(session);
        if (logConnections) {
            log.info("session closed user={} db={} [{}]", session.principal().name(), session.database(),
                    session.id());
        }
    }
}

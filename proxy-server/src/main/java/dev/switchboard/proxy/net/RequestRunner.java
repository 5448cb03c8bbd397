package dev.switchboard.proxy.net;

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
import dev.switchboard.protocol.types.SqlStates;
import dev.switchboard.proxy.exec.Session;
import dev.switchboard.proxy.exec.Sessions;
import dev.switchboard.proxy.exec.SqlErrors;
import dev.switchboard.proxy.metrics.Metrics;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;

/**
 * Runs one session's requests into whole replies and ends the session, for both ways a session is served: by the
 * event loops and workers ({@link SessionHandler}) and by a dedicated thread ({@link DedicatedSession}). Used by one
 * thread at a time, like the session.
 */
final class RequestRunner {
    private static final Logger log = LoggerFactory.getLogger(RequestRunner.class);
    /** The answer to a request that reached a session the drain had already shut (SPEC §4.6). */
    static final ServerError SHUT_DOWN = new ServerError(SqlStates.ADMIN_SHUTDOWN, 0,
            "the server is shutting down: the request did not run; use a new connection");

    private final Session session;
    private final Sessions sessions;
    private final Metrics metrics;
    private final boolean logConnections;

    /** @param logConnections log the session's end ({@code server.logConnections} when it logged in) */
    RequestRunner(Session session, Sessions sessions, Metrics metrics, boolean logConnections) {
        this.session = session;
        this.sessions = sessions;
        this.metrics = metrics;
        this.logConnections = logConnections;
    }

    Session session() {
        return session;
    }

    /** Before each request: false once a drain has shut the session; then answer {@link #SHUT_DOWN} and end it. */
    boolean admit() {
        return session.drainGate().begin();
    }

    /** After each request, its reply sent and the session's deferred work done: true when the session ends now. */
    boolean endsAfterRequest() {
        return session.drainGate().end(session.betweenTransactions());
    }

    /**
     * Runs {@code msg} and returns its whole reply, the final frame included; the caller owns the buffer. A failed
     * statement is an ERROR reply (the session carries on). A {@link RuntimeException} (a protocol violation, 08P01,
     * or a bug, XX000) propagates: the connection must end.
     */
    ByteBuf run(ClientMessage msg, ByteBufAllocator alloc) {
        var reply = new ByteBufReply(alloc);
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
        } catch (RuntimeException | Error e) {
            record(msg, false, start);
            reply.release();
            throw e;
        }
        reply.send(last);
        log.trace("<=S {} [{}]", last, session.id());
        return reply.take();
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

    /** Acts on a CANCEL (SPEC §4.5): cancels the statement of the session it names, if the key matches. Blocks. */
    void cancel(Cancel c) {
        sessions.forCancel(c.sessionId(), c.cancelKey()).ifPresent(Session::cancel);
    }

    /** Ends the session: rolls back, returns its connection, forgets it. Blocks on the backend. */
    void closeSession() {
        session.close();
        sessions.remove(session);
        if (logConnections) {
            log.info("session closed user={} db={} [{}]", session.principal().name(), session.database(),
                    session.id());
        }
    }
}

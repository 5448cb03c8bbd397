package dev.switchboard.proxy.net;

import dev.switchboard.protocol.codec.ProtocolException;
import dev.switchboard.protocol.frame.ProtocolVersion;
import dev.switchboard.protocol.message.Auth;
import dev.switchboard.protocol.message.AuthChallenge;
import dev.switchboard.protocol.message.Cancel;
import dev.switchboard.protocol.message.ClientMessage;
import dev.switchboard.protocol.message.Hello;
import dev.switchboard.protocol.message.Ready;
import dev.switchboard.protocol.message.ServerError;
import dev.switchboard.protocol.scram.ScramException;
import dev.switchboard.protocol.types.SqlStates;
import dev.switchboard.proxy.Version;
import dev.switchboard.proxy.auth.Authenticator;
import dev.switchboard.proxy.auth.Principal;
import dev.switchboard.proxy.exec.Session;
import dev.switchboard.proxy.exec.SqlErrors;
import dev.switchboard.proxy.metrics.Metrics;
import dev.switchboard.proxy.pool.BackendInfo;
import dev.switchboard.proxy.routing.Route;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.util.concurrent.TimeUnit;

/**
 * Logs a client in: HELLO → AUTH_CHALLENGE → AUTH → READY (SPEC.md §4). Nothing the client sends before it is
 * authenticated reaches a backend. A wrong password, an unknown user and a database the user may not use all get the
 * same 28000 answer at the same point of the exchange. On success the handler replaces itself with a
 * {@link SessionHandler}, or, with {@code server.dedicatedThreads}, hands the connection to a thread of its own
 * ({@link TakeOver}). A CANCEL as the first frame cancels another session's statement (as in PostgreSQL), then
 * closes. Stateful: one per channel; runs on its event loop, except the backend lookup, which may block.
 */
final class HandshakeHandler extends SimpleChannelInboundHandler<ClientMessage> {
    private static final Logger log = LoggerFactory.getLogger(HandshakeHandler.class);

    private enum State { AWAIT_HELLO, AWAIT_AUTH, COMPLETING }

    private final ServerContext server;
    private final SessionThreads dedicated;             // null: sessions stay on the event loops
    private State state = State.AWAIT_HELLO;
    private Hello hello;
    private Authenticator.Exchange exchange;
    private ScheduledFuture<?> loginTimeout;

    HandshakeHandler(ServerContext server, SessionThreads dedicated) {
        this.server = server;
        this.dedicated = dedicated;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        long millis = server.config().server().loginTimeout().toMillis();
        loginTimeout = ctx.executor().schedule(() -> {
            log.info("login timed out from={}", ctx.channel().remoteAddress());
            server.metrics().attempt(Metrics.Attempt.REFUSED);
            refuse(ctx, SqlStates.CONNECTION_FAILURE, "login timed out");
        }, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (loginTimeout != null) loginTimeout.cancel(false);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ClientMessage msg) {
        switch (state) {
            case AWAIT_HELLO -> {
                if (msg instanceof Hello h) onHello(ctx, h);
                else if (msg instanceof Cancel c) onCancel(ctx, c);
                else throw new ProtocolException("expected HELLO, got " + msg.getClass().getSimpleName());
            }
            case AWAIT_AUTH -> {
                if (msg instanceof Auth a) onAuth(ctx, a);
                else throw new ProtocolException("expected AUTH, got " + msg.getClass().getSimpleName());
            }
            case COMPLETING -> throw new ProtocolException("request sent before READY");
        }
    }

    private void onHello(ChannelHandlerContext ctx, Hello h) {
        if (!ProtocolVersion.CURRENT.compatibleWith(h.version())) {
            refuse(ctx, SqlStates.PROTOCOL_VIOLATION, "unsupported protocol version " + h.version()
                    + "; this server speaks " + ProtocolVersion.SUPPORTED);
            return;
        }
        hello = h;
        exchange = server.live().authenticator().begin(h.user());
        try {
            ctx.writeAndFlush(new AuthChallenge(exchange.serverFirst(h.scramClientFirst())));
        } catch (ScramException e) {
            throw new ProtocolException("malformed SCRAM client-first-message: " + e.getMessage());
        }
        state = State.AWAIT_AUTH;
    }

    private void onAuth(ChannelHandlerContext ctx, Auth a) {
        Authenticator.Result result = exchange.finish(a.scramClientFinal());
        if (!result.ok()) {
            authFailed(ctx, result.failure());
            return;
        }
        Principal principal = result.principal();
        Route route = server.live().router().route(principal.user(), hello.database()).orElse(null);
        if (route == null) {
            authFailed(ctx, Authenticator.Failure.DATABASE_NOT_ALLOWED);
            return;
        }
        state = State.COMPLETING;
        var known = server.registry().knownBackendInfo(route.config());
        if (known.isPresent()) {                        // the usual case: no thread hop, nothing blocks
            ready(ctx, principal, route, known.get(), result.serverFinal());
            return;
        }
        ctx.channel().config().setAutoRead(false);
        // Learning the backend's product may connect to it for the first time: never on the event loop.
        server.jdbc().execute(() -> {
            try {
                BackendInfo info = server.registry().backendInfo(route.config());
                ctx.executor().execute(() -> ready(ctx, principal, route, info, result.serverFinal()));
            } catch (SQLException e) {
                log.info("login failed: backend unavailable user={} db={} sqlstate={}", principal.name(),
                        route.database(), e.getSQLState());
                server.metrics().attempt(Metrics.Attempt.REFUSED);
                ServerError error = SqlErrors.toWire(e);
                ctx.executor().execute(() -> refuse(ctx, error.sqlState(), error.message()));
            }
        });
    }

    private void ready(ChannelHandlerContext ctx, Principal principal, Route route, BackendInfo info,
                       String serverFinal) {
        if (!ctx.channel().isActive()) return;
        loginTimeout.cancel(false);
        var sessions = server.sessions();
        var live = server.live();
        var session = new Session(sessions.nextId(), sessions.newCancelKey(), principal, route, server.registry(),
                live::router, String.valueOf(ctx.channel().remoteAddress()), server.metrics(),
                server.knowledge(), hello.version());
        int userLimit = principal.user().maxClientConnections();
        var link = new ChannelClientLink(ctx);
        switch (sessions.tryAdd(session, userLimit, link)) {
            case ADMITTED -> { }
            case USER_LIMIT -> {
                log.info("login refused user={} from={}: users.{}.maxClientConnections={} reached", principal.name(),
                        ctx.channel().remoteAddress(), principal.name(), userLimit);
                server.metrics().attempt(Metrics.Attempt.REFUSED);
                refuse(ctx, SqlStates.NO_CAPACITY, "too many connections for user \"" + principal.name()
                        + "\" (users." + principal.name() + ".maxClientConnections=" + userLimit + ")");
                return;
            }
            case DRAINING -> {
                log.info("login refused user={} from={}: the server is shutting down", principal.name(),
                        ctx.channel().remoteAddress());
                server.metrics().attempt(Metrics.Attempt.REFUSED);
                refuse(ctx, SqlStates.ADMIN_SHUTDOWN, "the server is shutting down");
                return;
            }
        }
        server.metrics().attempt(Metrics.Attempt.ACCEPTED);
        if (ctx.pipeline().get("frames") instanceof FrameDecoder frames) frames.authenticated();
        boolean logConnections = server.config().server().logConnections();
        var runner = new RequestRunner(session, sessions, server.metrics(), logConnections);
        var ready = new Ready(ProtocolVersion.CURRENT, session.id(), session.cancelKey(), route.database(),
                info.productName(), info.productVersion(), Version.SERVER, serverFinal);
        if (dedicated != null && TakeOver.possible(ctx.channel())) {
            TakeOver.afterReady(ctx, ready, runner, link, dedicated, server.config().server().maxFrameBytes(),
                    server.jdbc());
        } else {
            ctx.pipeline().replace(this, "session", new SessionHandler(runner, server.jdbc()));
            ctx.writeAndFlush(ready);
            ctx.channel().config().setAutoRead(true);
        }
        if (logConnections) {
            log.info("session opened user={} db={} from={} [{}]", principal.name(), route.database(),
                    ctx.channel().remoteAddress(), session.id());
        }
    }

    private void onCancel(ChannelHandlerContext ctx, Cancel c) {
        server.jdbc().execute(() -> server.sessions().forCancel(c.sessionId(), c.cancelKey())
                .ifPresent(Session::cancel));
        ctx.close();
    }

    private void authFailed(ChannelHandlerContext ctx, Authenticator.Failure why) {
        log.info("authentication failed user={} reason={} from={}", hello.user(), why, ctx.channel().remoteAddress());
        server.metrics().authFailed(why);
        refuse(ctx, SqlStates.INVALID_AUTHORIZATION, "authentication failed for user \"" + hello.user() + "\"");
    }

    private static void refuse(ChannelHandlerContext ctx, String sqlState, String message) {
        ctx.writeAndFlush(new ServerError(sqlState, 0, message)).addListener(ChannelFutureListener.CLOSE);
    }
}

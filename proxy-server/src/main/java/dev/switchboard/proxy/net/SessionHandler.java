package dev.switchboard.proxy.net;

import dev.switchboard.protocol.message.Cancel;
import dev.switchboard.protocol.message.ClientMessage;
import dev.switchboard.protocol.message.Terminate;
import dev.switchboard.proxy.exec.Session;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs an authenticated session's requests. The event loop only decodes and queues; requests run one at a time,
 * in order, on the JDBC workers, and each reply leaves in one flush. {@code Cancel} skips the queue, since it must
 * reach the statement it cancels. A long queue pauses reading (back-pressure). When the channel closes, the session
 * is closed through the same queue, after the request in flight, so the session is never used by two threads.
 */
final class SessionHandler extends SimpleChannelInboundHandler<ClientMessage> {
    private static final Logger log = LoggerFactory.getLogger(SessionHandler.class);
    private static final int MAX_QUEUED = 16;

    private final Session session;
    private final RequestRunner runner;
    private final Executor jdbc;
    private final Queue<ClientMessage> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicBoolean draining = new AtomicBoolean();

    SessionHandler(RequestRunner runner, Executor jdbc) {
        this.session = runner.session();
        this.runner = runner;
        this.jdbc = jdbc;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ClientMessage msg) {
        log.trace("C=> {} [{}]", msg, session.id());
        switch (msg) {
            case Cancel c -> jdbc.execute(() -> runner.cancel(c));
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
        if (!runner.admit()) {                          // the drain shut the session: answer, then close
            ctx.writeAndFlush(RequestRunner.SHUT_DOWN).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        ByteBuf reply;
        try {
            reply = runner.run(msg, ctx.alloc());
        } catch (RuntimeException e) {                 // ProtocolException (08P01) or a bug (XX000)
            ctx.fireExceptionCaught(e);                 // 08P01 or XX000, then close
            return;
        }
        ctx.writeAndFlush(reply).addListener(f -> {
            if (!f.isSuccess()) ctx.close();
        });
        session.afterReply();                           // commit/close/return after the answer left, before the next
        if (runner.endsAfterRequest()) ctx.close();     // the proxy drains: closes after the reply's flush
    }

    private void closeSession() {
        runner.closeSession();
    }
}

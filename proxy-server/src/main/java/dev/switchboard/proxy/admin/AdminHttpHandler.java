package dev.switchboard.proxy.admin;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * One admin HTTP request → one response. The event loop only copies the request and writes the answer; routing and
 * the work itself run on the blocking executor. Every {@code /api} call is logged at INFO in one line (client,
 * method, path, status; never the token or the body); health checks and scrapes, which come every few seconds, at
 * DEBUG. Stateless: one instance serves every connection.
 */
@ChannelHandler.Sharable
final class AdminHttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger log = LoggerFactory.getLogger(AdminHttpHandler.class);

    private final AdminRouter router;
    private final Executor blocking;

    AdminHttpHandler(AdminRouter router, Executor blocking) {
        this.router = router;
        this.blocking = blocking;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest msg) {
        boolean keepAlive = HttpUtil.isKeepAlive(msg);
        if (!msg.decoderResult().isSuccess()) {
            write(ctx, null, AdminResponse.error(400, "malformed HTTP request"), false);
            return;
        }
        var uri = new QueryStringDecoder(msg.uri());
        var request = new AdminRequest(msg.method().name(), uri.rawPath(), uri.parameters(),
                Optional.ofNullable(msg.headers().get(HttpHeaderNames.AUTHORIZATION)),
                ByteBufUtil.getBytes(msg.content()), String.valueOf(ctx.channel().remoteAddress()), Map.of());
        try {
            blocking.execute(() -> write(ctx, request, answer(request), keepAlive));
        } catch (RejectedExecutionException shuttingDown) {
            write(ctx, request, AdminResponse.error(503, "shutting down"), false);
        }
    }

    private AdminResponse answer(AdminRequest request) {
        try {
            return router.handle(request);
        } catch (RuntimeException bug) {
            log.error("admin call failed: {} {}", request.method(), request.path(), bug);
            return AdminResponse.error(500, "internal error in Switchboard; see its log");
        }
    }

    private void write(ChannelHandlerContext ctx, AdminRequest request, AdminResponse answer, boolean keepAlive) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(answer.status()), Unpooled.wrappedBuffer(answer.body()));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, answer.contentType());
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, answer.body().length);
        response.headers().set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
        answer.headers().forEach((name, value) -> response.headers().set(name, value));
        if (keepAlive) response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        else response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        log(ctx, request, answer.status());
        var written = ctx.writeAndFlush(response);
        if (!keepAlive) written.addListener(ChannelFutureListener.CLOSE);
        // Listeners run on the event loop: whatever comes after the answer goes back to the blocking executor.
        if (answer.then() == AdminResponse.NOTHING) return;
        written.addListener(f -> {
            try {
                blocking.execute(answer.then());
            } catch (RejectedExecutionException shuttingDown) {
                answer.then().run();
            }
        });
    }

    private static void log(ChannelHandlerContext ctx, AdminRequest request, int status) {
        String method = request == null ? "?" : request.method();
        String path = request == null ? "?" : request.path();
        if (path.startsWith("/api")) {
            log.info("admin call from={} {} {} status={}", ctx.channel().remoteAddress(), method, path, status);
        } else {
            log.debug("admin call from={} {} {} status={}", ctx.channel().remoteAddress(), method, path, status);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("admin connection from={} closed: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}

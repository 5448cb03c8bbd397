package dev.switchboard.proxy.net;

import dev.switchboard.protocol.codec.ProtocolException;
import dev.switchboard.protocol.message.ServerError;
import dev.switchboard.protocol.types.SqlStates;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.SocketAddress;

/**
 * Last in the pipeline: anything that got this far ends the connection. A bad frame is answered with 08P01 and
 * logged in one line; a client that vanished is not an error; anything else is a bug (XX000, logged with its stack).
 * Only this one channel closes. Stateless.
 */
@ChannelHandler.Sharable
final class ExceptionHandler extends ChannelInboundHandlerAdapter {
    static final ExceptionHandler INSTANCE = new ExceptionHandler();
    private static final Logger log = LoggerFactory.getLogger(ExceptionHandler.class);

    private ExceptionHandler() {
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable c = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        ServerError reply = lastAnswer(c, ctx.channel().remoteAddress());
        if (reply == null) {
            ctx.close();
            return;
        }
        if (ctx.channel().isActive()) {
            ctx.writeAndFlush(reply).addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.close();
        }
    }

    /**
     * What a failure that ends a connection answers, logged in one line: 08P01 for a bad frame, XX000 (with its
     * stack) for a bug, null for a client that is gone. Also for {@link DedicatedSession}s, off the pipeline.
     */
    static ServerError lastAnswer(Throwable c, SocketAddress from) {
        return switch (c) {
            case FrameDecoder.TooLongBeforeLogin t -> {
                log.info("protocol error from={}: {}", from, t.getMessage());
                yield new ServerError(SqlStates.PROTOCOL_VIOLATION, 0, t.getMessage());
            }
            case TooLongFrameException t -> {
                log.info("protocol error from={}: frame too long", from);
                yield new ServerError(SqlStates.PROTOCOL_VIOLATION, 0, "frame exceeds server.maxFrameBytes");
            }
            case ProtocolException p -> {
                log.info("protocol error from={}: {}", from, p.getMessage());
                yield new ServerError(SqlStates.PROTOCOL_VIOLATION, 0, "protocol violation: " + p.getMessage());
            }
            case IOException io -> {                    // SocketException included
                log.debug("client gone from={}: {}", from, io.getMessage());
                yield null;
            }
            default -> {
                log.error("internal error on connection from={}", from, c);
                yield new ServerError(SqlStates.INTERNAL_ERROR, 0, "internal error in Switchboard");
            }
        };
    }
}

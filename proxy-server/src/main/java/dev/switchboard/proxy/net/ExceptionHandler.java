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
import java.net.SocketException;

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
        ServerError reply;
        switch (c) {
            case FrameDecoder.TooLongBeforeLogin t -> {
                log.info("protocol error from={}: {}", ctx.channel().remoteAddress(), t.getMessage());
                reply = new ServerError(SqlStates.PROTOCOL_VIOLATION, 0, t.getMessage());
            }
            case TooLongFrameException t -> {
                log.info("protocol error from={}: frame too long", ctx.channel().remoteAddress());
                reply = new ServerError(SqlStates.PROTOCOL_VIOLATION, 0, "frame exceeds server.maxFrameBytes");
            }
            case ProtocolException p -> {
                log.info("protocol error from={}: {}", ctx.channel().remoteAddress(), p.getMessage());
                reply = new ServerError(SqlStates.PROTOCOL_VIOLATION, 0, "protocol violation: " + p.getMessage());
            }
            case SocketException s -> {
                log.debug("client gone from={}: {}", ctx.channel().remoteAddress(), s.getMessage());
                ctx.close();
                return;
            }
            case IOException io -> {
                log.debug("client gone from={}: {}", ctx.channel().remoteAddress(), io.getMessage());
                ctx.close();
                return;
            }
            default -> {
                log.error("internal error on connection from={}", ctx.channel().remoteAddress(), c);
                reply = new ServerError(SqlStates.INTERNAL_ERROR, 0, "internal error in Switchboard");
            }
        }
        if (ctx.channel().isActive()) {
            ctx.writeAndFlush(reply).addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.close();
        }
    }
}

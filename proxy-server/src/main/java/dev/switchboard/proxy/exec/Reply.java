package dev.switchboard.proxy.exec;

import dev.switchboard.protocol.codec.WireOut;
import dev.switchboard.protocol.message.ServerMessage;

/**
 * The answer being built for one request. Frames are encoded as they are added and leave in one flush after the
 * final answer. Owned by the thread that runs the request; not thread-safe.
 */
public interface Reply {
    /** Encodes a non-final frame (result header, warning). */
    void send(ServerMessage msg);

    /** Raw access, for {@link dev.switchboard.protocol.codec.RowBatchWriter}. */
    WireOut out();

    /** Drops everything added so far: the request failed midway and only its error will be sent. */
    void discard();
}

package dev.switchboard.jdbc.internal;

import dev.switchboard.protocol.codec.RowBatchReader;
import dev.switchboard.protocol.message.ServerMessage;

/** One frame from the server: a decoded message, or a row batch kept as bytes and read in place. */
public sealed interface Reply {
    record Message(ServerMessage message) implements Reply {
    }

    /** A ROW_BATCH frame; the reader owns a fresh array, so a ResultSet may keep it. */
    record Rows(RowBatchReader reader) implements Reply {
    }
}

package dev.switchboard.protocol.message;

import dev.switchboard.protocol.frame.FrameLimits;
import dev.switchboard.protocol.types.Column;

import java.util.List;

/** The columns of the result whose rows follow in {@link RowBatch} frames. */
public record ResultHeader(List<Column> columns) implements ServerMessage {
    public ResultHeader {
        columns = List.copyOf(columns);
        if (columns.size() > FrameLimits.MAX_COLUMNS) throw new IllegalArgumentException("too many columns");
    }
}

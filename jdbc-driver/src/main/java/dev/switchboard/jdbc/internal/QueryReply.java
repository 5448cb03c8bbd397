package dev.switchboard.jdbc.internal;

import dev.switchboard.protocol.codec.RowBatchReader;
import dev.switchboard.protocol.types.Column;

import java.util.List;

/**
 * The answer to EXECUTE, METADATA or FETCH: the columns (null when the statement returned none, and always for
 * FETCH), the row batches in arrival order, and how it ended.
 *
 * @param updateCount   rows changed, or -1 for rows (and while the cursor is open)
 * @param generatedKeys the rows are the generated keys of an update
 * @param cursorId      the open cursor holding more rows (SUSPENDED), or 0 when the result is complete
 */
public record QueryReply(List<Column> columns, List<RowBatchReader> batches, long updateCount, boolean generatedKeys,
                         int cursorId) {
    public QueryReply {
        batches = List.copyOf(batches);
    }

    public boolean hasRows() {
        return columns != null;
    }
}

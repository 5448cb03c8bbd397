package dev.switchboard.protocol.message;

/** Pulls up to {@code maxRows} more rows of an open cursor. Answered by a {@link RowBatch} then ResultEnd or Suspended. */
public record Fetch(int cursorId, int maxRows) implements ClientMessage {
    public Fetch {
        if (maxRows < 1) throw new IllegalArgumentException("maxRows must be >= 1, was " + maxRows);
    }
}

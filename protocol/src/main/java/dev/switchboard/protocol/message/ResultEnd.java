package dev.switchboard.protocol.message;

/**
 * The statement is done and its cursor, if any, closed.
 *
 * @param updateCount   rows changed, or -1 when the result was rows
 * @param generatedKeys the result header and rows before this frame are the generated keys, not a query result
 */
public record ResultEnd(long updateCount, boolean generatedKeys) implements ServerMessage {
    public static final ResultEnd ROWS = new ResultEnd(-1, false);
}

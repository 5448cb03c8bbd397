package dev.switchboard.protocol.message;

import dev.switchboard.protocol.types.Value;

import java.util.List;
import java.util.Objects;

/**
 * Runs one statement. The reply is a result header and the first {@code fetchSize} rows, or an update count, in one
 * flight; further rows are pulled with {@link Fetch}.
 *
 * @param prepared       run as a prepared statement ({@code ?} placeholders bound to {@code params}); otherwise as a
 *                       plain statement, and {@code params} must be empty
 * @param maxRows        0 = no limit
 * @param timeoutSeconds 0 = no timeout
 * @param generatedKeys  return the generated keys as the result; {@code keyColumns} names them (empty: driver's choice)
 */
public record Execute(String sql, List<Value> params, boolean prepared, int fetchSize, int maxRows,
                      int timeoutSeconds, boolean generatedKeys, List<String> keyColumns) implements ClientMessage {
    public Execute {
        Objects.requireNonNull(sql, "sql");
        params = List.copyOf(params);                       // SQL NULL is Value.Null, not null
        keyColumns = List.copyOf(keyColumns);
        if (!prepared && !params.isEmpty()) throw new IllegalArgumentException("params need prepared=true");
        if (fetchSize < 1) throw new IllegalArgumentException("fetchSize must be >= 1, was " + fetchSize);
        if (maxRows < 0) throw new IllegalArgumentException("maxRows must be >= 0, was " + maxRows);
        if (timeoutSeconds < 0) throw new IllegalArgumentException("timeoutSeconds must be >= 0, was " + timeoutSeconds);
    }

    /** A plain statement with default options, as {@code Statement.execute(sql)} sends it. */
    public static Execute plain(String sql, int fetchSize) {
        return new Execute(sql, List.of(), false, fetchSize, 0, 0, false, List.of());
    }

    /** A prepared statement with default options. */
    public static Execute prepared(String sql, List<Value> params, int fetchSize) {
        return new Execute(sql, params, true, fetchSize, 0, 0, false, List.of());
    }
}

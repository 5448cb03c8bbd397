package dev.switchboard.protocol.message;

import dev.switchboard.protocol.types.Value;

import java.util.List;
import java.util.Objects;

/**
 * Calls a {@link java.sql.DatabaseMetaData} method that returns a result set (e.g. {@code getTables}) on the
 * backend, with its arguments (text, int, bool, or NULL; a String[] argument is sent as one Text per element
 * prefixed by an Int32 count). Answered like an Execute.
 */
public record MetadataCall(String method, List<Value> args, int fetchSize) implements ClientMessage {
    /** The server's own method (SPEC §6.1, 1.1): the details of a statement's result columns sent later. */
    public static final String DESCRIBE_COLUMNS = "switchboard.describeColumns";

    public MetadataCall {
        Objects.requireNonNull(method, "method");
        args = List.copyOf(args);
        if (fetchSize < 1) throw new IllegalArgumentException("fetchSize must be >= 1, was " + fetchSize);
    }
}

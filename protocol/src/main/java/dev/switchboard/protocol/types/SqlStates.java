package dev.switchboard.protocol.types;

/** The SQLSTATEs Switchboard itself produces (SPEC.md §7). Backend errors keep the backend's own. */
public final class SqlStates {
    /** Malformed or unexpected frame; the connection is closed after it. */
    public static final String PROTOCOL_VIOLATION = "08P01";
    /** Cannot reach the backend. */
    public static final String CONNECTION_FAILURE = "08006";
    /** Client could not establish a connection (e.g. proxy unreachable, refused). */
    public static final String UNABLE_TO_CONNECT = "08001";
    /** The connection was lost during COMMIT; the outcome is unknown. */
    public static final String COMMIT_OUTCOME_UNKNOWN = "08007";
    /** Failed login, or a database the user may not use: the same answer on purpose. */
    public static final String INVALID_AUTHORIZATION = "28000";
    /** Not allowed inside a transaction (e.g. switching database). */
    public static final String ACTIVE_TRANSACTION = "25001";
    /** No capacity: connection limit or backend pool exhausted. */
    public static final String NO_CAPACITY = "53300";
    /** A result too large for the proxy's buffer for small results (see SPEC.md §7). */
    public static final String PROGRAM_LIMIT_EXCEEDED = "54000";
    /** Statement cancelled or timed out. */
    public static final String QUERY_CANCELED = "57014";
    /** The server is shutting down. */
    public static final String ADMIN_SHUTDOWN = "57P01";
    /** Feature not supported. */
    public static final String FEATURE_NOT_SUPPORTED = "0A000";
    /** Invalid cursor (fetching a closed or unknown cursor). */
    public static final String INVALID_CURSOR_STATE = "24000";
    /** A bug in Switchboard. */
    public static final String INTERNAL_ERROR = "XX000";

    private SqlStates() {
    }
}

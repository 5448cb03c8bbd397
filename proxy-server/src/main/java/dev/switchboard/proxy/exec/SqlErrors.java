package dev.switchboard.proxy.exec;

import dev.switchboard.protocol.message.ServerError;
import dev.switchboard.protocol.types.SqlStates;

import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.util.Objects;

/** SQLExceptions → wire errors. The backend's SQLSTATE, vendor code and message pass through. */
public final class SqlErrors {
    private static final int MAX_MESSAGE = 4096;
    /** MariaDB/MySQL's "query execution was interrupted" (cancel, max_statement_time): 57014 elsewhere. */
    private static final String MYSQL_QUERY_INTERRUPTED = "70100";

    private SqlErrors() {
    }

    public static ServerError toWire(SQLException e) {
        String state = switch (e) {
            case SQLTransientConnectionException t when t.getSQLState() == null -> SqlStates.NO_CAPACITY;
            case SQLTimeoutException t when t.getSQLState() == null -> SqlStates.QUERY_CANCELED;
            default -> Objects.requireNonNullElse(e.getSQLState(), SqlStates.INTERNAL_ERROR);
        };
        if (state.length() != 5) state = SqlStates.INTERNAL_ERROR;
        if (MYSQL_QUERY_INTERRUPTED.equals(state)) state = SqlStates.QUERY_CANCELED;   // one SQLSTATE for every backend
        String message = Objects.requireNonNullElse(e.getMessage(), e.getClass().getSimpleName());
        if (message.length() > MAX_MESSAGE) message = message.substring(0, MAX_MESSAGE) + "…";
        return new ServerError(state, e.getErrorCode(), message);
    }

    public static SQLException error(String sqlState, String message) {
        return new SQLException(message, sqlState);
    }
}

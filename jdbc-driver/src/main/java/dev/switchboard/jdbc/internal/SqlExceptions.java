package dev.switchboard.jdbc.internal;

import dev.switchboard.protocol.message.ServerError;
import dev.switchboard.protocol.types.SqlStates;

import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransactionRollbackException;

/**
 * The one place where a SQLSTATE becomes a JDBC exception type (STYLE idiom 6), for the server's errors and the
 * driver's own. SQLSTATE, vendor code and message are kept as they came.
 */
public final class SqlExceptions {
    /** Connection does not exist (closed by the application, or broken earlier). */
    public static final String CONNECTION_DOES_NOT_EXIST = "08003";
    /** Wrong number of parameters / a parameter was not set. */
    public static final String PARAMETER_NOT_SET = "07001";
    /** Invalid cursor state: ResultSet closed, or not on a row. */
    public static final String INVALID_CURSOR_STATE = SqlStates.INVALID_CURSOR_STATE;
    /** Numeric value out of range. */
    public static final String OUT_OF_RANGE = "22003";
    /** Invalid character value for cast: a value that cannot be read as the type asked for. */
    public static final String BAD_CONVERSION = "22018";
    /** Invalid datetime format. */
    public static final String BAD_DATETIME = "22007";
    /** Invalid transaction state (e.g. commit in autocommit mode). */
    public static final String INVALID_TRANSACTION_STATE = "25000";
    /** A general error of the driver's own: misuse of the API. */
    public static final String GENERAL_ERROR = "HY000";
    /** Invalid attribute value: a bad driver property or argument. */
    public static final String INVALID_ATTRIBUTE = "HY024";

    private SqlExceptions() {
    }

    public static SQLException of(ServerError e) {
        return of(e.sqlState(), e.vendorCode(), e.message(), null);
    }

    public static SQLException of(String sqlState, int vendorCode, String message, Throwable cause) {
        if (sqlState == null || sqlState.length() < 2) {
            return new SQLException(message, sqlState, vendorCode, cause);
        }
        if (sqlState.equals(SqlStates.QUERY_CANCELED)) {
            return new SQLTimeoutException(message, sqlState, vendorCode, cause);
        }
        return switch (sqlState.substring(0, 2)) {
            case "08" -> new SQLNonTransientConnectionException(message, sqlState, vendorCode, cause);
            case "22" -> new SQLDataException(message, sqlState, vendorCode, cause);
            case "23" -> new SQLIntegrityConstraintViolationException(message, sqlState, vendorCode, cause);
            case "28" -> new SQLInvalidAuthorizationSpecException(message, sqlState, vendorCode, cause);
            case "40" -> new SQLTransactionRollbackException(message, sqlState, vendorCode, cause);
            case "42" -> new SQLSyntaxErrorException(message, sqlState, vendorCode, cause);
            case "0A" -> new SQLFeatureNotSupportedException(message, sqlState, vendorCode, cause);
            default -> new SQLException(message, sqlState, vendorCode, cause);
        };
    }

    public static SQLException of(String sqlState, String message) {
        return of(sqlState, 0, message, null);
    }

    /** The JDBC call is not supported by this driver (and never answers with a silent wrong result). */
    public static SQLFeatureNotSupportedException unsupported(String what) {
        return new SQLFeatureNotSupportedException(what + " is not supported by the Switchboard driver",
                SqlStates.FEATURE_NOT_SUPPORTED);
    }

    /** Any use of a closed or broken connection. */
    public static SQLNonTransientConnectionException closed(String why) {
        return new SQLNonTransientConnectionException("connection is " + why, CONNECTION_DOES_NOT_EXIST);
    }

    /** A value cannot be converted to what the application asked for. */
    public static SQLDataException conversion(String sqlState, String message) {
        return new SQLDataException(message, sqlState);
    }
}

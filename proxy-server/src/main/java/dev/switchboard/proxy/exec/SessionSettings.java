package dev.switchboard.proxy.exec;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Session state a client sets through JDBC. In transaction mode the backend connection changes between transactions,
 * so these are applied to every connection the session borrows; HikariCP resets them when the connection returns.
 * Confined to the session's request thread.
 */
final class SessionSettings {
    boolean autoCommit = true;
    Boolean readOnly;        // null: the pool's default
    Integer isolation;       // null: the backend's default
    String schema;           // null: the backend's default

    void applyTo(Connection c, boolean inTransaction) throws SQLException {
        if (readOnly != null && c.isReadOnly() != readOnly) c.setReadOnly(readOnly);
        if (isolation != null && c.getTransactionIsolation() != isolation) c.setTransactionIsolation(isolation);
        if (schema != null) c.setSchema(schema);
        if (inTransaction && c.getAutoCommit()) c.setAutoCommit(false);
    }
}

package dev.switchboard.proxy.pool;

import com.zaxxer.hikari.HikariPoolMXBean;
import dev.switchboard.proxy.config.DatabaseConfig;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.Set;

/**
 * Turns a failed borrow into the {@link SQLException} a client may see. Messages name the database and the limit
 * that was hit; they never hold the JDBC URL or the backend credentials (driver messages are scrubbed of both).
 * The original exception stays attached as the cause, for the server log only.
 */
final class BorrowFailure {
    static final String NO_CAPACITY = "53300";
    static final String CANNOT_CONNECT = "08001";
    static final String CANCELLED = "57014";

    /** Backend SQLSTATE classes passed through as they are: connection, authorization, catalog, resources, operator. */
    private static final Set<String> KEPT_CLASSES = Set.of("08", "28", "3D", "53", "57");

    private BorrowFailure() {
    }

    /**
     * Maps what {@code HikariDataSource.getConnection()} threw. HikariCP reports every failed borrow as a timeout
     * ({@link SQLTransientConnectionException}) after {@code connectionTimeout}; the last failed connection attempt,
     * if any, is its cause. So: a cause means the backend refused (08xxx or the backend's own state); no cause and
     * no connection at all means the backend did not answer in time (08001); otherwise the pool was full (53300).
     */
    static SQLException of(DatabaseConfig db, HikariPoolMXBean stats, SQLException e) {
        if (e.getCause() instanceof InterruptedException) {
            Thread.currentThread().interrupt();           // HikariCP set it already; keep it set for our caller
            return new SQLException("interrupted while waiting for a backend connection for database \""
                    + db.name() + "\"", CANCELLED, e);
        }
        if (!(e instanceof SQLTransientConnectionException)) return cannotConnect(db, e);
        if (e.getCause() instanceof SQLException refused) return cannotConnect(db, refused);
        if (e.getCause() != null) return cannotConnect(db, e.getCause());
        Duration timeout = db.pool().connectionTimeout();
        if (stats != null && stats.getTotalConnections() == 0) {
            return new SQLNonTransientConnectionException("cannot connect to database \"" + db.name()
                    + "\": backend did not answer within " + human(timeout) + " (pool.connectionTimeout)",
                    CANNOT_CONNECT, e);
        }
        return new SQLTransientConnectionException("no backend connection for database \"" + db.name() + "\" within "
                + human(timeout) + " (pool.maxPoolSize=" + db.pool().maxPoolSize() + ")", NO_CAPACITY, e);
    }

    /** The backend (or its driver) refused a connection; keeps the backend's SQLSTATE when it says something. */
    static SQLException cannotConnect(DatabaseConfig db, SQLException refused) {
        String state = refused.getSQLState();
        boolean kept = state != null && state.length() == 5 && KEPT_CLASSES.contains(state.substring(0, 2));
        String reason = scrub(db, refused.getMessage()) + (kept || state == null ? "" : " [" + state + "]");
        return new SQLNonTransientConnectionException("cannot connect to database \"" + db.name() + "\": " + reason,
                kept ? state : CANNOT_CONNECT, refused.getErrorCode(), refused);
    }

    /** A connection attempt failed with something other than an SQLException (a driver bug, a bad URL property). */
    static SQLException cannotConnect(DatabaseConfig db, Throwable failure) {
        return new SQLNonTransientConnectionException("cannot connect to database \"" + db.name() + "\": "
                + scrub(db, failure.getMessage()), CANNOT_CONNECT, failure);
    }

    /**
     * HikariCP could not build the pool: in practice, no JDBC driver accepts the database's URL. HikariCP's message
     * quotes the URL, so it is not passed on.
     */
    static SQLException notBuilt(DatabaseConfig db, RuntimeException e) {
        String reason = e.getMessage() != null && e.getMessage().startsWith("Failed to get driver instance")
                ? "no JDBC driver accepts its jdbcUrl"
                : "its pool could not be built (" + e.getClass().getSimpleName() + ")";
        return new SQLNonTransientConnectionException("cannot connect to database \"" + db.name() + "\": " + reason,
                CANNOT_CONNECT, e);
    }

    /** The pool kept being retired under the caller (registry.maxPools too small for the working set, or reloads). */
    static SQLException churn(DatabaseConfig db, int attempts, int maxPools) {
        return new SQLTransientConnectionException("no backend connection for database \"" + db.name()
                + "\": its pool was retired " + attempts + " times while borrowing (registry.maxPools=" + maxPools
                + ")", NO_CAPACITY);
    }

    /**
     * Drivers put the host in their messages, some the whole URL; the URL may hold credentials, and a backend may
     * echo the password it was given. Both are cut out. A short password may cut more than it should: better a
     * mangled message than a leaked secret.
     */
    static String scrub(DatabaseConfig db, String message) {
        if (message == null || message.isBlank()) return "connection refused";
        String m = message.replace(db.jdbcUrl(), "<jdbcUrl>");
        String password = db.password().value();
        return password.isEmpty() ? m : m.replace(password, "******");
    }

    /** {@code 5s}, {@code 250ms}, {@code 1500ms}: how limits are written in the config. */
    static String human(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }
}

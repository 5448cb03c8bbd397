package dev.switchboard.proxy.pool;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One borrowed backend connection, counted in its pool's {@link BackendPool#activeLeases()} until closed. The
 * holder closes the lease, never {@link #connection()} itself: closing returns the connection to its pool exactly
 * once, and the last lease of a retired pool lets the pool close.
 *
 * <p>Safe to close (or {@link #abort()}) from any thread, any number of times; the connection itself is for one
 * thread at a time, as JDBC connections are. A connection the drain timeout aborted is simply given back.
 */
public final class Lease implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Lease.class);

    private final BackendPool pool;
    private final Connection connection;
    private final AtomicBoolean done = new AtomicBoolean();

    Lease(BackendPool pool, Connection connection) {
        this.pool = Objects.requireNonNull(pool, "pool");
        this.connection = Objects.requireNonNull(connection, "connection");
    }

    /** The borrowed connection; valid until this lease is closed. */
    public Connection connection() {
        return connection;
    }

    public String database() {
        return pool.database();
    }

    BackendPool pool() {
        return pool;
    }

    /**
     * Rolls back an open transaction, then returns the connection to its pool (HikariCP resets autocommit,
     * isolation, read-only and catalog), so a client that vanished mid-transaction leaves no locks behind. A
     * connection that fails the rollback is discarded instead. Never throws; idempotent.
     */
    @Override
    public void close() {
        if (!done.compareAndSet(false, true)) return;
        try {
            if (pool.closing()) {
                closeOrphan();
            } else if (pool.yieldsConnection()) {
                pool.discard(connection);                  // its permit goes to another database, waiting
            } else if (rolledBack()) {
                giveBack();
                pool.afterReturn();                        // pools waiting for the budget may take it, if coldest
            } else {
                pool.discard(connection);                  // still ours: it must not reach the next borrower
            }
        } finally {
            pool.release();
        }
    }

    private boolean rolledBack() {
        try {
            // HikariCP rolls back only what it saw go through its proxy; work done on an unwrapped connection is not.
            if (!connection.getAutoCommit()) connection.rollback();
            return true;
        } catch (SQLException e) {
            log.warn("backend connection discarded db={} sqlState={}: rollback failed", pool.database(),
                    e.getSQLState());
            return false;
        }
    }

    private void giveBack() {
        try {
            connection.close();
        } catch (SQLException e) {
            // HikariCP has taken it back all the same, and evicts it when the SQLSTATE says it is broken.
            log.debug("backend connection reset failed db={} sqlState={}", pool.database(), e.getSQLState());
        }
    }

    /**
     * The drain timeout closed (or is closing) the pool under this lease. HikariCP aborts the connection, but a
     * driver's abort may do nothing (H2's does not), so the physical connection is closed here: the closed pool
     * cannot take it back.
     */
    private void closeOrphan() {
        try {
            connection.unwrap(Connection.class).close();
        } catch (SQLException alreadyGone) {
            log.debug("orphaned connection of db={} was already closed", pool.database());
        }
    }

    /**
     * Discards a broken connection instead of returning it: HikariCP closes it on its own closer thread (this does
     * not wait for the backend) and opens a fresh one when needed. Idempotent, and a no-op after {@link #close()}.
     */
    public void abort() {
        if (!done.compareAndSet(false, true)) return;
        try {
            if (pool.closing()) closeOrphan();
            else pool.discard(connection);
        } finally {
            pool.release();
        }
    }

    @Override
    public String toString() {
        return "Lease[" + pool.database() + "]";
    }
}

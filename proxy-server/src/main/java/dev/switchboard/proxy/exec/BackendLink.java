package dev.switchboard.proxy.exec;

import dev.switchboard.proxy.config.DatabaseConfig;
import dev.switchboard.proxy.config.PoolMode;
import dev.switchboard.proxy.metrics.Metrics;
import dev.switchboard.proxy.pool.Lease;
import dev.switchboard.proxy.pool.PoolRegistry;
import dev.switchboard.proxy.routing.Route;
import dev.switchboard.proxy.routing.Router;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.function.Supplier;

/**
 * A session's way to backend connections, under the rules of its pool mode. In {@code transaction} mode with
 * autocommit each statement borrows its own connection ({@link #ownLeaseForStatement}); a transaction, or
 * {@code session} mode, holds the session's connection ({@link #sessionConnection}) until {@link #release}. Every
 * borrowed connection gets the session's settings first. Confined to the session's request thread, except
 * {@link #interruptBorrow}.
 */
final class BackendLink {
    private final PoolRegistry registry;
    private final Supplier<Router> router;
    private final Metrics metrics;
    private final SessionSettings settings;
    private Lease lease;                        // the session's connection: a transaction's, or session mode's
    private boolean transactionOpen;            // the session's connection was used with autocommit off since the
                                                // transaction's last end
    private volatile Thread borrowing;          // set while the request waits for a backend connection

    BackendLink(PoolRegistry registry, Supplier<Router> router, Metrics metrics, SessionSettings settings) {
        this.registry = registry;
        this.router = router;
        this.metrics = metrics;
        this.settings = settings;
    }

    /** True while the session holds its own connection (a transaction's, or session mode's). */
    boolean holding() {
        return lease != null;
    }

    /**
     * True while the session's connection has a transaction open: it served a request with autocommit off since the
     * last COMMIT or ROLLBACK. In {@code session} mode the connection stays after COMMIT; this tells the difference.
     */
    boolean transactionOpen() {
        return lease != null && transactionOpen;
    }

    /** The session's transaction ended: COMMIT, ROLLBACK, or autocommit switched on. */
    void transactionEnded() {
        transactionOpen = false;
    }

    /** The connection the session holds; only while {@link #holding()}. */
    Connection held() {
        return lease.connection();
    }

    /**
     * In transaction mode with autocommit, a connection for one statement (returned after the statement, or when its
     * cursor closes). Otherwise null: the statement runs on the session's connection.
     */
    Lease ownLeaseForStatement(Route route) throws SQLException {
        if (route.poolMode() != PoolMode.TRANSACTION || !settings.autoCommit || lease != null) return null;
        Lease own = borrow(route);
        try {
            settings.applyTo(own.connection(), false);
        } catch (SQLException | RuntimeException e) {
            own.close();
            throw e;
        }
        return own;
    }

    /** The session's connection, borrowed now if it holds none. */
    Connection sessionConnection(Route route) throws SQLException {
        if (lease == null) {
            Lease l = borrow(route);
            if (route.poolMode() == PoolMode.TRANSACTION && !settings.autoCommit) {
                metrics.pinned(Metrics.PinReason.TRANSACTION);
            }
            try {
                settings.applyTo(l.connection(), !settings.autoCommit);
            } catch (SQLException | RuntimeException e) {
                l.close();
                throw e;
            }
            lease = l;
        }
        if (!settings.autoCommit) transactionOpen = true;
        return lease.connection();
    }

    /** After each request: in transaction mode with autocommit, give the connection back once no cursor pins it. */
    void releaseIfUnpinned(Route route, Collection<Cursor> cursors) {
        if (lease == null || route.poolMode() != PoolMode.TRANSACTION || !settings.autoCommit) return;
        for (Cursor c : cursors) if (!c.ownsLease()) return;
        release();
    }

    /** Returns the session's connection to its pool, if it holds one. */
    void release() {
        transactionOpen = false;
        if (lease != null) {
            Lease l = lease;
            lease = null;
            l.close();
        }
    }

    /** The session's connection broke: it goes, not back to the pool. */
    void abort() {
        transactionOpen = false;
        if (lease != null) {
            Lease l = lease;
            lease = null;
            l.abort();
        }
    }

    /** Cancels a wait for a backend connection (the request then fails with 57014). Any thread. */
    void interruptBorrow() {
        synchronized (this) {                           // never after the borrow ended: see borrow()
            Thread waiter = borrowing;
            if (waiter != null) waiter.interrupt();
        }
    }

    /** A backend connection of {@code route}'s database; {@link #interruptBorrow} ends the wait. */
    private Lease borrow(Route route) throws SQLException {
        borrowing = Thread.currentThread();
        try {
            return lease(route);
        } finally {
            synchronized (this) {
                borrowing = null;
            }
            // A cancel that came as the borrow finished is not for the statement. No interrupt can follow this: a
            // stray one would close the next backend socket this thread reads (BackendSocket).
            Thread.interrupted();
        }
    }

    /** Borrows for the database as the live config has it now, timing the wait. */
    private Lease lease(Route route) throws SQLException {
        DatabaseConfig db = router.get().database(route.database()).orElseThrow(() -> new SQLException(
                "database \"" + route.database() + "\" is no longer configured; switch to another one",
                "3D000"));                                   // invalid_catalog_name, as PostgreSQL says
        long start = System.nanoTime();
        try {
            return registry.lease(db);
        } finally {
            metrics.backendWait(db.name(), System.nanoTime() - start);
        }
    }
}

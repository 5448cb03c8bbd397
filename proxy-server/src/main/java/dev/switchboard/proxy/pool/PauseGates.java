package dev.switchboard.proxy.pool;

import dev.switchboard.proxy.config.DatabaseConfig;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Paused databases ({@code sbctl pause}): a new lease of a paused database waits until it is resumed, at most its
 * {@code pool.connectionTimeout}, then fails with 53300; leases already held are untouched, so work in flight
 * finishes. A pause belongs to the database name, not to a pool: it outlives eviction and reloads.
 *
 * <p>Thread-safe; {@link #await} blocks (virtual threads), the rest returns at once.
 */
final class PauseGates {
    /** One pause: waiters block on the latch; resume opens it. */
    private static final class Gate {
        final CountDownLatch open = new CountDownLatch(1);
        final AtomicInteger waiting = new AtomicInteger();
    }

    private final Map<String, Gate> paused = new ConcurrentHashMap<>();

    /** False when it was paused already. */
    boolean pause(String database) {
        return paused.putIfAbsent(database, new Gate()) == null;
    }

    /** Wakes every waiter; false when it was not paused. */
    boolean resume(String database) {
        Gate gate = paused.remove(database);
        if (gate == null) return false;
        gate.open.countDown();
        return true;
    }

    boolean isPaused(String database) {
        return paused.containsKey(database);
    }

    /** Leases waiting for {@code database} to be resumed. */
    int waiting(String database) {
        return Optional.ofNullable(paused.get(database)).map(g -> g.waiting.get()).orElse(0);
    }

    /**
     * Returns at once unless {@code db} is paused; then waits for the resume, up to its connectionTimeout.
     *
     * @throws SQLTransientConnectionException 53300 naming the database when it stays paused
     * @throws SQLException                    57014 when interrupted (the request was cancelled)
     */
    void await(DatabaseConfig db) throws SQLException {
        Gate gate = paused.get(db.name());
        if (gate == null) return;
        gate.waiting.incrementAndGet();
        try {
            if (!gate.open.await(db.pool().connectionTimeout().toNanos(), TimeUnit.NANOSECONDS)) {
                throw new SQLTransientConnectionException("no backend connection for database \"" + db.name()
                        + "\": the database is paused and was not resumed within "
                        + BorrowFailure.human(db.pool().connectionTimeout()) + " (pool.connectionTimeout)",
                        BorrowFailure.NO_CAPACITY);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for paused database \"" + db.name() + "\" to resume",
                    BorrowFailure.CANCELLED, e);
        } finally {
            gate.waiting.decrementAndGet();
        }
    }
}

package dev.switchboard.proxy.pool;

import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The global budget {@code registry.maxBackendConnections}: one permit per physical backend connection, across all
 * pools, taken before a connection is opened and given back when it closes. The sum of open backend connections
 * therefore never exceeds the budget, under any load.
 *
 * <p>Waiting is fair: permits go out first come, first served (a fair semaphore), so no pool starves behind one that
 * keeps asking. When a pool has to wait, the registry is asked (once per wait) to reclaim idle connections of other
 * pools, and {@link Lease}s returning to a pool while other pools wait give their connection up instead of keeping it
 * idle ({@link #othersWaiting}). Thread-safe.
 */
public final class ConnectionBudget {
    /** How often a waiting opener re-checks whether its pool still wants the connection. */
    private static final long POLL_MILLIS = 100;

    private final int max;
    private final Semaphore permits;
    private final Map<String, AtomicInteger> waiting = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> held = new ConcurrentHashMap<>();
    private volatile Consumer<String> onShortage = db -> { };
    private volatile long lastShortageNanos;

    public ConnectionBudget(int max) {
        if (max < 1) throw new IllegalArgumentException("max must be >= 1, was " + max);
        this.max = max;
        this.permits = new Semaphore(max, true);
    }

    /** No practical limit: for tests and tools that build pools without a registry budget. */
    public static ConnectionBudget unlimited() {
        return new ConnectionBudget(Integer.MAX_VALUE);
    }

    public int max() {
        return max;
    }

    /** Backend connections open (or being opened) now. */
    public int inUse() {
        return max - permits.availablePermits();
    }

    /** Called with the waiting database when a pool starts waiting for a permit; must not block. */
    void onShortage(Consumer<String> reclaimer) {
        this.onShortage = reclaimer;
    }

    /**
     * Takes a permit for a connection of {@code database}, waiting as long as {@code stillWanted} says the pool still
     * wants it (HikariCP's connection adder gives up when its pool closes).
     *
     * @throws SQLException 57014 when interrupted or no longer wanted
     */
    void acquire(String database, BooleanSupplier stillWanted) throws SQLException {
        waitForPermit(database, stillWanted);
        held.computeIfAbsent(database, d -> new AtomicInteger()).incrementAndGet();
    }

    private void waitForPermit(String database, BooleanSupplier stillWanted) throws SQLException {
        if (permits.tryAcquire()) return;
        AtomicInteger mine = waiting.computeIfAbsent(database, d -> new AtomicInteger());
        mine.incrementAndGet();
        lastShortageNanos = System.nanoTime();
        try {
            onShortage.accept(database);
            while (!permits.tryAcquire(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                if (!stillWanted.getAsBoolean()) {
                    throw new SQLException("no longer waiting for a backend connection of database \"" + database
                            + "\"", "57014");
                }
                lastShortageNanos = System.nanoTime();
                onShortage.accept(database);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for registry.maxBackendConnections", "57014", e);
        } finally {
            mine.decrementAndGet();
        }
    }

    void release(String database) {
        held.computeIfPresent(database, (d, n) -> n.decrementAndGet() <= 0 ? null : n);
        permits.release();
    }

    /** Connections {@code database} holds now. */
    int held(String database) {
        AtomicInteger n = held.get(database);
        return n == null ? 0 : n.get();
    }

    /**
     * The share of the budget each database may keep while others wait: the budget divided among the databases
     * that hold or want connections. Zero when there are more such databases than permits: then every holder gives
     * up its connection while someone waits, and the permits rotate instead of some databases starving.
     */
    int fairShare() {
        var active = new java.util.HashSet<>(held.keySet());
        waiting.forEach((d, n) -> {
            if (n.get() > 0) active.add(d);
        });
        return max / Math.max(1, active.size());
    }

    /**
     * True when {@code database} should give up a connection: another database waits for a permit and this one holds
     * more than its fair share. Below its share a database keeps its connections, so pressure does not turn every
     * statement into a new backend connection.
     */
    boolean shouldYield(String database) {
        return othersWaiting(database) && held(database) > fairShare();
    }

    /** True when a pool other than {@code database}'s is waiting for a permit. */
    boolean othersWaiting(String database) {
        for (var e : waiting.entrySet()) {
            if (e.getValue().get() > 0 && !e.getKey().equals(database)) return true;
        }
        return false;
    }

    /** True when some pool waited for a permit within {@code withinNanos}: a borrow timeout is then the budget's. */
    boolean shortRecently(long withinNanos) {
        long last = lastShortageNanos;
        return last != 0 && System.nanoTime() - last <= withinNanos;
    }
}

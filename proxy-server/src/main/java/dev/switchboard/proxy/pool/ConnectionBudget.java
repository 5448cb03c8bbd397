package dev.switchboard.proxy.pool;

import java.sql.SQLException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import java.util.function.ToIntFunction;

/**
 * The global budget {@code registry.maxBackendConnections}: one permit per physical backend connection, across all
 * pools, taken before a connection is opened and given back when it closes. The sum of open backend connections
 * therefore never exceeds the budget, under any load.
 *
 * <p>Waiting is fair: permits go out first come, first served (a fair semaphore), so no pool starves behind one that
 * keeps asking. A pool that has to wait asks the registry to reclaim an idle connection of another pool, as its wait
 * starts and every 100 ms of it. A connection that comes back while pools wait and no reclaimed connection is already
 * on its way to each of them asks again ({@link #afterReturn}), once it is idle: whichever idle connection is coldest
 * then closes, this one or another pool's, so that hot databases keep theirs while the permits rotate. A connection
 * that would go straight to another borrower of its own pool closes instead when its database holds more than its
 * fair share ({@link #yieldsToOthers}): busy connections cannot be reclaimed, and a hammered database must not hold
 * the budget. Thread-safe.
 */
public final class ConnectionBudget {
    /** How often a waiting opener re-checks whether its pool still wants the connection. */
    private static final long POLL_MILLIS = 100;

    private final int max;
    private final Semaphore permits;
    private final Map<String, AtomicInteger> waiting = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> held = new ConcurrentHashMap<>();
    private volatile ToIntFunction<String> onShortage = db -> 0;
    /**
     * Connections the reclaimer has started closing for waiters, less permits given back since: what waiters can
     * count on without another reclaim. An estimate (any permit given back counts, floored at 0), erring towards
     * reclaiming again, which at worst closes one idle connection too many.
     */
    private final AtomicInteger reclaimsInFlight = new AtomicInteger();
    private final LongAdder reclaimed = new LongAdder();
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

    /**
     * @param reclaimer called with a waiting database when a pool starts waiting for a permit, while it waits, and
     *                  when a connection comes back while pools wait; closes idle connections of other databases'
     *                  pools and says how many; must not block
     */
    void onShortage(ToIntFunction<String> reclaimer) {
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
        try {
            // The timed form honours the queue: a permit freed for a waiter is the waiter's. (tryAcquire() would
            // barge in ahead of it, and a waiter whose permits kept going to newcomers could wait out its
            // connectionTimeout.)
            if (permits.tryAcquire(0, TimeUnit.NANOSECONDS)) return;
            waitInLine(database, stillWanted);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for registry.maxBackendConnections", "57014", e);
        }
    }

    private void waitInLine(String database, BooleanSupplier stillWanted) throws SQLException, InterruptedException {
        // Counted under the map's per-key lock and removed at zero, so the map holds only databases waiting now.
        waiting.compute(database, (d, n) -> {
            AtomicInteger count = n == null ? new AtomicInteger() : n;
            count.incrementAndGet();
            return count;
        });
        lastShortageNanos = System.nanoTime();
        try {
            reclaimFor(database);
            while (!permits.tryAcquire(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                if (!stillWanted.getAsBoolean()) {
                    throw new SQLException("no longer waiting for a backend connection of database \"" + database
                            + "\"", "57014");
                }
                lastShortageNanos = System.nanoTime();
                reclaimFor(database);
            }
        } finally {
            waiting.computeIfPresent(database, (d, n) -> n.decrementAndGet() <= 0 ? null : n);
        }
    }

    private void reclaimFor(String database) {
        int closing = onShortage.applyAsInt(database);
        if (closing > 0) {
            reclaimsInFlight.addAndGet(closing);
            reclaimed.add(closing);
        }
    }

    void release(String database) {
        held.computeIfPresent(database, (d, n) -> n.decrementAndGet() <= 0 ? null : n);
        reclaimsInFlight.getAndUpdate(n -> n > 0 ? n - 1 : 0);
        permits.release();
    }

    /**
     * True when a connection of {@code database} coming back while its own pool has borrowers queueing for it should
     * close instead, its permit going to another database: that database waits for more permits than reclaims under
     * way will free, and {@code database} holds more than its fair share. A pool that keeps all its connections busy
     * has no idle one to reclaim, so without this a database hammered by many clients would hold the budget while a
     * quiet one waited out its connectionTimeout. Counts the permit as under way when it says yes.
     */
    boolean yieldsToOthers(String database) {
        // Nobody waiting is the usual case, and the cheapest to tell: fairShare() builds a set.
        if (othersWaitingBeyondReclaims(database) == null || held(database) <= fairShare()) return false;
        reclaimsInFlight.incrementAndGet();
        reclaimed.increment();
        return true;
    }

    /**
     * A connection of {@code database} has just gone back to its pool, idle. When other databases wait for more
     * permits than reclaims under way will free, the coldest idle connection closes for one of them: this one, or a
     * colder pool's. (Closing every returning connection while anyone waited freed a second permit for a waiter its
     * own reclaim was already serving, and, once databases outnumber permits and the fair share is 0, took hot
     * databases' connections as readily as cold ones'.) Must not block.
     */
    void afterReturn(String database) {
        String other = othersWaitingBeyondReclaims(database);
        if (other != null) reclaimFor(other);
    }

    /**
     * A database other than {@code database} waiting for a permit, when the waiters outnumber the permits that
     * reclaims under way will free; null otherwise.
     */
    private String othersWaitingBeyondReclaims(String database) {
        if (waiting.isEmpty()) return null;
        int waiters = 0;
        String other = null;
        for (var e : waiting.entrySet()) {
            int n = e.getValue().get();
            waiters += n;
            if (n > 0 && other == null && !e.getKey().equals(database)) other = e.getKey();
        }
        return waiters > reclaimsInFlight.get() ? other : null;
    }

    /**
     * Connections closed so far to free permits for other databases: idle ones reclaimed for a waiter, and busy
     * databases' returns given up ({@link #yieldsToOthers}).
     */
    public long reclaimed() {
        return reclaimed.sum();
    }

    /** The databases holding connections now (a live view: at most one per permit in use). */
    Set<String> holders() {
        return held.keySet();
    }

    /** Connections {@code database} holds now. */
    int held(String database) {
        AtomicInteger n = held.get(database);
        return n == null ? 0 : n.get();
    }

    /**
     * The share of the budget each database may keep while others wait: the budget divided among the databases
     * that hold or want connections. Zero when there are more such databases than permits: then every idle
     * connection may be reclaimed while someone waits, coldest first, and the permits rotate instead of some
     * databases starving.
     */
    int fairShare() {
        var active = new java.util.HashSet<>(held.keySet());
        waiting.forEach((d, n) -> {
            if (n.get() > 0) active.add(d);
        });
        return max / Math.max(1, active.size());
    }

    /** True when some pool waited for a permit within {@code withinNanos}: a borrow timeout is then the budget's. */
    boolean shortRecently(long withinNanos) {
        long last = lastShortageNanos;
        return last != 0 && System.nanoTime() - last <= withinNanos;
    }
}

package dev.switchboard.proxy.pool;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import dev.switchboard.proxy.config.DatabaseConfig;
import dev.switchboard.proxy.config.PoolSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The HikariCP pool of one database, and its drain: {@link State#OPEN} → {@link State#RETIRING} → {@link
 * State#CLOSED}. {@code HikariDataSource.close()} aborts borrowed connections, so an evicted pool is retired instead:
 * it takes no new leases, and closes when its last lease returns, or when {@code drainTimeout} passes (then HikariCP
 * aborts what is still leased).
 *
 * <p>Thread-safe. Leases go through {@link PoolRegistry#lease}, which owns the pool: it creates it, retires it, and
 * retries on a fresh pool when this one retires under a caller. Reads ({@link #state()}, counters) never block;
 * {@link #backendInfo()} may, once. Closing blocks, so it runs on the registry's retirer executor, not on the thread
 * that returns the last lease (unless the retirer runs tasks inline, as tests do).
 */
public final class BackendPool {
    /** Drain state. Only ever moves forward. */
    public enum State { OPEN, RETIRING, CLOSED }

    private static final Logger log = LoggerFactory.getLogger(BackendPool.class);
    private static final String DRAIN_TIMEOUT = "drain timeout";

    private final DatabaseConfig config;
    private final HikariDataSource dataSource;
    private final ScheduledExecutorService timer;
    private final Executor retirer;
    private final InstantSource clock;
    private final Instant createdAt;
    /** Leases held plus borrows in progress. The pool closes when this reaches 0 while it is RETIRING. */
    private final AtomicInteger leases = new AtomicInteger();
    private final AtomicReference<State> state = new AtomicReference<>(State.OPEN);
    private final AtomicBoolean closing = new AtomicBoolean();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private volatile long lastUsedMillis;
    /** Leases taken lately: counted on each reservation, halved every second by the registry ({@link #cool()}). */
    private final AtomicLong heat = new AtomicLong();

    private volatile EvictionCause retiredFor;
    private volatile ScheduledFuture<?> drainDeadline;
    private volatile BackendInfo backendInfo;
    private final ConnectionBudget budget;

    BackendPool(DatabaseConfig config, HikariDataSource dataSource, ConnectionBudget budget,
                ScheduledExecutorService timer, Executor retirer, InstantSource clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.budget = Objects.requireNonNull(budget, "budget");
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.timer = Objects.requireNonNull(timer, "timer");
        this.retirer = Objects.requireNonNull(retirer, "retirer");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.createdAt = clock.instant();
        this.lastUsedMillis = createdAt.toEpochMilli();
    }

    public String database() {
        return config.name();
    }

    /** Never evicted for size or idleness, and not counted against {@code registry.maxPools}. */
    public boolean keepWarm() {
        return config.keepWarm();
    }

    public PoolSettings settings() {
        return config.pool();
    }

    public State state() {
        return state.get();
    }

    /** Why the pool was retired; empty while it is open. */
    public Optional<EvictionCause> retiredFor() {
        return Optional.ofNullable(retiredFor);
    }

    /** Leases not yet closed, plus borrows still waiting for a connection. */
    public int activeLeases() {
        return leases.get();
    }

    /** Physical connections idle in the pool (HikariCP's count; 0 once closed). */
    public int idleConnections() {
        HikariPoolMXBean mx = dataSource.getHikariPoolMXBean();
        return mx == null ? 0 : mx.getIdleConnections();
    }

    /** Physical connections open, idle or borrowed (HikariCP's count; 0 once closed). */
    public int totalConnections() {
        HikariPoolMXBean mx = dataSource.getHikariPoolMXBean();
        return mx == null ? 0 : mx.getTotalConnections();
    }

    /** Borrowers waiting for one of this pool's connections (HikariCP's count; 0 once closed). */
    public int waitingBorrowers() {
        HikariPoolMXBean mx = dataSource.getHikariPoolMXBean();
        return mx == null ? 0 : mx.getThreadsAwaitingConnection();
    }

    public Instant createdAt() {
        return createdAt;
    }

    /** When a lease was last taken or returned (creation time before the first). */
    public Instant lastUsed() {
        return Instant.ofEpochMilli(lastUsedMillis);
    }

    /**
     * The backend's product name and version, read from the first leased connection's metadata and cached. Blocks
     * to borrow a connection when no lease has been taken yet.
     *
     * @throws SQLException as {@link PoolRegistry#lease} does, or when the pool is no longer open
     */
    public BackendInfo backendInfo() throws SQLException {
        BackendInfo info = backendInfo;
        if (info != null) return info;
        try (Lease lease = tryLease().orElseThrow(() -> new SQLTransientConnectionException(
                "pool of database \"" + database() + "\" is " + state(), BorrowFailure.NO_CAPACITY))) {
            return backendInfo(lease);
        }
    }

    /** The backend info, read through {@code lease}'s connection if not cached yet. */
    BackendInfo backendInfo(Lease lease) throws SQLException {
        BackendInfo info = backendInfo;
        if (info == null) backendInfo = info = readBackendInfo(lease.connection());
        return info;
    }

    /** The backend info if a connection has been made already; no I/O. */
    Optional<BackendInfo> cachedBackendInfo() {
        return Optional.ofNullable(backendInfo);
    }

    /** Completes once the HikariCP pool is closed. */
    CompletableFuture<Void> closed() {
        return closed;
    }

    /**
     * True when this pool was built from what {@code db} says about the backend: URL, credentials, pool settings and
     * keepWarm. The pool mode is the session's business, so changing it keeps the pool.
     */
    boolean builtFrom(DatabaseConfig db) {
        return config == db || config.name().equals(db.name()) && config.jdbcUrl().equals(db.jdbcUrl())
                && config.username().equals(db.username()) && config.password().equals(db.password())
                && config.pool().equals(db.pool()) && config.keepWarm() == db.keepWarm();
    }

    /** True once closing has begun (drained, or the drain timeout passed), before HikariCP has finished. */
    boolean closing() {
        return closing.get();
    }

    long lastUsedMillis() {
        return lastUsedMillis;
    }

    /**
     * How hot the pool is: leases taken in about the last second, plus half of those of the second before, a quarter
     * of the one before that, and so on. Which idle connection the registry reclaims first goes by it.
     */
    long heat() {
        return heat.get();
    }

    /** Halves {@link #heat()}; the registry calls it once a second. */
    void cool() {
        heat.getAndUpdate(h -> h >> 1);
    }

    /** Reserves then borrows; empty when the pool is not {@link State#OPEN}. Blocks up to connectionTimeout. */
    Optional<Lease> tryLease() throws SQLException {
        return reserve() ? Optional.of(borrow()) : Optional.empty();
    }

    /**
     * Counts a lease in before it is borrowed, so a drain cannot close the pool under a borrow that passed the state
     * check. False, with nothing counted, when the pool is no longer open.
     */
    boolean reserve() {
        leases.incrementAndGet();
        // Retire writes the state, then reads the count; we write the count, then read the state: whichever runs
        // second sees the other, so either we back out or the drain waits for us.
        if (state.get() != State.OPEN) {
            release();
            return false;
        }
        touch();
        heat.incrementAndGet();
        return true;
    }

    /**
     * Borrows a connection for a {@link #reserve() reservation}; the reservation passes to the lease, or is given
     * back when this throws. Blocks up to the pool's connectionTimeout.
     */
    Lease borrow() throws SQLException {
        Connection connection;
        try {
            connection = dataSource.getConnection();
        } catch (SQLException e) {
            release();
            if (closing() || dataSource.isClosed()) {
                throw new SQLTransientConnectionException("pool of database \"" + database()
                        + "\" closed while borrowing", BorrowFailure.NO_CAPACITY, e);
            }
            throw BorrowFailure.of(config, dataSource.getHikariPoolMXBean(), e, budget);
        } catch (RuntimeException | Error e) {
            release();
            throw e;
        }
        if (backendInfo == null) {
            try {
                backendInfo = readBackendInfo(connection);
            } catch (SQLException e) {
                // Not worth failing the lease for: the connection is checked when it is used; backendInfo() retries.
                log.debug("no backend metadata db={} sqlState={}", database(), e.getSQLState());
            }
        }
        return new Lease(this, connection);
    }

    /** Gives back one reservation; the last one out of a retiring pool closes it. */
    void release() {
        touch();
        if (leases.decrementAndGet() == 0 && state.get() == State.RETIRING) closeSoon("drained");
    }

    /**
     * True when a connection coming back should close, its permit going to another database waiting for the global
     * budget: this pool's own borrowers queue for it (so it would not idle, and no reclaim could take it) and the
     * database holds more than its fair share ({@link ConnectionBudget#yieldsToOthers}).
     */
    boolean yieldsConnection() {
        return waitingBorrowers() > 0 && budget.yieldsToOthers(database());
    }

    /**
     * A connection has just come back to this pool, idle: pools waiting for the global budget may take the coldest
     * idle connection, this one or another pool's ({@link ConnectionBudget#afterReturn}).
     */
    void afterReturn() {
        budget.afterReturn(database());
    }

    /**
     * Closes this pool's idle connections now and its leased ones when they come back, giving their budget permits
     * to pools that wait (HikariCP's soft eviction). Does not block.
     */
    void yieldConnections() {
        HikariPoolMXBean mx = dataSource.getHikariPoolMXBean();
        if (mx != null) mx.softEvictConnections();
    }

    /** A broken connection leaves the pool instead of going back to it. */
    void discard(Connection connection) {
        dataSource.evictConnection(connection);
    }

    /**
     * Stops new leases and closes the pool once its leases are back, or after {@code drainTimeout} at the latest.
     * Does not block. False (and nothing done) when the pool was already retired.
     */
    boolean retire(EvictionCause cause, Duration drainTimeout) {
        if (!state.compareAndSet(State.OPEN, State.RETIRING)) return false;
        retiredFor = cause;
        int inFlight = leases.get();
        // Making room (SIZE) is routine churn, counted by switchboard_pool_evictions_total{cause="size"} and logged at
        // DEBUG: under tenant churn it would be hundreds of lines a second. A drain that times out is logged (WARN)
        // when the pool closes. The other causes are events an operator wants to see.
        if (cause == EvictionCause.SIZE) {
            log.debug("pool evicted db={} cause={} leases={}", database(), cause, inFlight);
        } else {
            log.info("pool evicted db={} cause={} leases={}", database(), cause, inFlight);
        }
        if (inFlight == 0) {
            closeSoon("no leases");
        } else {
            drainDeadline = timer.schedule(() -> closeSoon(DRAIN_TIMEOUT + ", " + leases.get() + " leases aborted"),
                    drainTimeout.toNanos(), TimeUnit.NANOSECONDS);
            // The last lease may have come back (and closed the pool) before the deadline was set: drop it early.
            if (closing.get()) drainDeadline.cancel(false);
        }
        return true;
    }

    private void closeSoon(String why) {
        if (!closing.compareAndSet(false, true)) return;
        ScheduledFuture<?> deadline = drainDeadline;
        if (deadline != null) deadline.cancel(false);
        try {
            retirer.execute(() -> close(why));
        } catch (RejectedExecutionException shuttingDown) {
            close(why);
        }
    }

    private void close(String why) {
        try {
            dataSource.close();
            if (why.startsWith(DRAIN_TIMEOUT)) log.warn("pool closed db={} ({})", database(), why);
            else log.debug("pool closed db={} ({})", database(), why);
        } catch (RuntimeException e) {
            log.warn("pool closed with errors db={} ({})", database(), why, e);
        } finally {
            state.set(State.CLOSED);
            closed.complete(null);
        }
    }

    /** Stamps the use, skipping the write when the millisecond has not changed: hot pools share this field. */
    private void touch() {
        long now = clock.millis();
        if (now != lastUsedMillis) lastUsedMillis = now;
    }

    private static BackendInfo readBackendInfo(Connection connection) throws SQLException {
        DatabaseMetaData md = connection.getMetaData();
        return new BackendInfo(Objects.requireNonNullElse(md.getDatabaseProductName(), "unknown"),
                Objects.requireNonNullElse(md.getDatabaseProductVersion(), "unknown"));
    }

    @Override
    public String toString() {
        return "BackendPool[" + database() + ", " + state() + ", leases=" + activeLeases() + "]";
    }
}

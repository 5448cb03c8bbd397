package dev.switchboard.proxy.pool;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.switchboard.proxy.config.DatabaseConfig;
import dev.switchboard.proxy.config.PoolSettings;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;

/**
 * Builds the {@link HikariDataSource} of one database. Every pool it builds shares one housekeeping scheduler (a
 * couple of platform daemon threads) and one virtual-thread factory, so hundreds of pools cost no more platform
 * threads than one: left to itself, each HikariCP pool starts its own housekeeper, connection adder, connection
 * closer and network-timeout threads.
 *
 * <p>Thread-safe. Building a pool does not touch the network. The factory owns the shared scheduler, which the
 * pools' housekeeping and the registry's idle sweep and drain deadlines run on: {@link #close()} it only after every
 * pool it built is closed ({@link PoolRegistry#close()} waits for that).
 */
public final class PoolFactory implements AutoCloseable {
    /** Housekeeping threads: enough that one slow keepalive check does not hold up every other pool. */
    public static final int DEFAULT_HOUSEKEEPING_THREADS = 2;

    private final ScheduledThreadPoolExecutor scheduler;
    private final ThreadFactory hikariThreads = Thread.ofVirtual().name("hikari-", 0).factory();

    public PoolFactory() {
        this(DEFAULT_HOUSEKEEPING_THREADS);
    }

    public PoolFactory(int housekeepingThreads) {
        if (housekeepingThreads < 1) {
            throw new IllegalArgumentException("housekeepingThreads must be >= 1, was " + housekeepingThreads);
        }
        this.scheduler = new ScheduledThreadPoolExecutor(housekeepingThreads,
                Thread.ofPlatform().daemon().name("switchboard-pool-housekeeper-", 0).factory());
        // HikariCP cancels a closed connection's max-lifetime and keepalive tasks, and a closed pool's housekeeper,
        // but leaves them to the scheduler. Without this, every pool ever closed would sit in the queue for up to
        // maxLifetime (30 min), holding its whole pool reachable.
        scheduler.setRemoveOnCancelPolicy(true);
        scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /**
     * A new, started pool for {@code db}: no connection is opened until the first borrow (or HikariCP's first
     * housekeeping run, 100 ms later, when {@code pool.minIdle > 0}).
     *
     * @throws RuntimeException from HikariCP when no JDBC driver accepts {@code db.jdbcUrl()}; its message may hold
     *                          the (password-masked) URL, so callers must not pass it on to clients
     */
    public HikariDataSource create(DatabaseConfig db) {
        PoolSettings pool = db.pool();
        var hc = new HikariConfig();
        hc.setPoolName(db.name());                     // what HikariCP logs: the name, never the URL
        hc.setJdbcUrl(db.jdbcUrl());
        hc.setUsername(db.username());
        hc.setPassword(db.password().value());
        hc.setMaximumPoolSize(pool.maxPoolSize());
        hc.setMinimumIdle(pool.minIdle());
        hc.setConnectionTimeout(pool.connectionTimeout().toMillis());
        // -1: building a pool does not touch the network. The registry builds pools under its single-creation lock,
        // so a dead backend would otherwise stall the first use of every other database behind it. Connection
        // failures surface on borrow instead, as 08xxx errors naming the database.
        hc.setInitializationFailTimeout(-1);
        // Shared by all pools: HikariCP only shuts the scheduler down when it created it itself.
        hc.setScheduledExecutor(scheduler);
        // Connection adder, closer, network-timeout and shutdown executors: one thread each per pool, created through
        // this factory. Virtual threads make them free; each pool's executors still stop their threads when idle.
        hc.setThreadFactory(hikariThreads);
        // Seam for registry.maxBackendConnections (not enforced yet): the global budget will wrap the driver's
        // DataSource here (hc.setDataSource), taking a permit per physical connection and returning it on close.
        return new HikariDataSource(hc);
    }

    /** Shared by every pool's housekeeping; the registry's idle sweep and drain deadlines run on it too. */
    ScheduledExecutorService scheduler() {
        return scheduler;
    }

    /** Stops the shared scheduler. Pools built by this factory must be closed first. Idempotent. */
    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}

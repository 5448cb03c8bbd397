package dev.switchboard.proxy.pool;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.util.DriverDataSource;
import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import dev.switchboard.proxy.config.DatabaseConfig;
import dev.switchboard.proxy.config.PoolSettings;

import java.util.Properties;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicReference;

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
    /**
     * HikariCP keeps the connections a thread returned in a thread-local list of that thread, one list per pool, so
     * the thread finds them first next time. Held strongly (its default), such a list keeps its whole pool reachable
     * for as long as the thread lives, closed or not: the proxy's worker threads return connections to every pool
     * they touch, and under tenant churn the heap filled with closed pools (OutOfMemoryError after ~20,000 pools at
     * -Xmx128m). Weak references, HikariCP's own option, let a closed pool go. Read by each pool as it is built; a
     * value set on the command line wins.
     */
    static final String HIKARI_WEAK_THREAD_LOCALS = "com.zaxxer.hikari.useWeakReferences";

    static {
        if (System.getProperty(HIKARI_WEAK_THREAD_LOCALS) == null) {
            System.setProperty(HIKARI_WEAK_THREAD_LOCALS, "true");
        }
    }

    /** pgjdbc's bound on one response's buffered rows: a tenth of the proxy's heap (16 MB at the default -Xmx160m). */
    static final String PG_MAX_RESULT_BUFFER = "10p";

    private final ScheduledThreadPoolExecutor scheduler;
    private final ThreadFactory hikariThreads = Thread.ofVirtual().name("hikari-", 0).factory();
    private final ConnectionBudget budget;
    private final MetricsTrackerFactory trackers;

    /** A factory without a global budget (tests, tools). */
    public PoolFactory() {
        this(DEFAULT_HOUSEKEEPING_THREADS, ConnectionBudget.unlimited());
    }

    /** A factory whose pools share {@code budget} ({@code registry.maxBackendConnections}). */
    public PoolFactory(ConnectionBudget budget) {
        this(DEFAULT_HOUSEKEEPING_THREADS, budget);
    }

    public PoolFactory(int housekeepingThreads) {
        this(housekeepingThreads, ConnectionBudget.unlimited(), null);
    }

    public PoolFactory(int housekeepingThreads, ConnectionBudget budget) {
        this(housekeepingThreads, budget, null);
    }

    /**
     * @param budget   the global connection budget ({@code registry.maxBackendConnections}) all pools share
     * @param trackers where HikariCP reports each pool's own metrics ({@code hikaricp_*}, tagged with the pool's
     *                 name, the database); HikariCP removes a pool's meters when it closes. Null: no pool metrics.
     */
    public PoolFactory(int housekeepingThreads, ConnectionBudget budget, MetricsTrackerFactory trackers) {
        this.budget = java.util.Objects.requireNonNull(budget, "budget");
        this.trackers = trackers;
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
        // Physical connections open through the global budget: a permit each, given back when the connection closes.
        // The credentials live in the driver DataSource, so HikariCP calls getConnection() without arguments.
        var driver = new DriverDataSource(db.jdbcUrl(), null, driverDefaults(db.jdbcUrl()), db.username(),
                db.password().value());
        var built = new AtomicReference<HikariDataSource>();
        hc.setDataSource(new BudgetedDataSource(driver, budget, db.name(),
                () -> built.get() == null || !built.get().isClosed()));
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
        // (Their socket I/O runs on platform threads all the same: see BackendSocket.)
        hc.setThreadFactory(hikariThreads);
        if (trackers != null) hc.setMetricsTrackerFactory(trackers);
        var dataSource = new HikariDataSource(hc);
        built.set(dataSource);
        return dataSource;
    }

    /**
     * Driver properties Switchboard sets unless the database's URL sets them itself (URL parameters win). For
     * pgjdbc: {@code maxResultBuffer} bounds what one response may buffer in the proxy (a query learned to be small
     * runs in plain autocommit, where pgjdbc reads the result whole; see exec.ResultSizes), {@code
     * assumeMinServerVersion} lets a new connection skip a round trip at startup (every PostgreSQL since 9.4 has
     * what it assumes), which makes cold tenant pools cheaper, and {@code socketFactory} gives pgjdbc sockets that
     * stay blocking ({@link BackendSocket}).
     */
    public static Properties driverDefaults(String jdbcUrl) {
        var props = new Properties();
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            props.setProperty("maxResultBuffer", PG_MAX_RESULT_BUFFER);
            props.setProperty("assumeMinServerVersion", "9.4");
            props.setProperty("socketFactory", BackendSocketFactory.class.getName());
        }
        return props;
    }

    /** The global connection budget every pool of this factory opens connections through. */
    public ConnectionBudget budget() {
        return budget;
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

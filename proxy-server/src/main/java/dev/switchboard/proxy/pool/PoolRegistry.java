package dev.switchboard.proxy.pool;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.zaxxer.hikari.HikariDataSource;
import dev.switchboard.proxy.config.BreakerSettings;
import dev.switchboard.proxy.config.DatabaseConfig;
import dev.switchboard.proxy.config.RegistrySettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One HikariCP pool per backend database in use: created on first use, bounded by {@code registry.maxPools} (least
 * recently used first) and {@code registry.idlePoolTimeout}, and retired rather than closed when evicted, so that
 * evicting never breaks work in flight (see {@link BackendPool}).
 *
 * <p><b>How.</b> The store is a Caffeine {@link Cache} keyed by database name. The hot path, a lease on a resident
 * pool, is one lock-free {@code getIfPresent} plus a reservation on the pool. The cold path (create a pool, make room
 * for it) runs under one lock, which also serialises idle and explicit evictions. That lock is what makes
 * {@code maxPools} a hard bound: room is made (the victim leaves the map) before the new pool goes in, so
 * {@link #size()} never exceeds {@code maxPools}, sampled at any time. Caffeine's own size eviction cannot promise
 * that, since it evicts after the insert (and its W-TinyLFU admission may even drop the new pool instead of an old
 * one). Caffeine still holds {@code maximumWeight(maxPools)}, keepWarm pools weighing 0, as a safety net that never
 * fires while the lock does its job; what it would evict, it retires too (cause SIZE). Building a pool under the lock
 * is cheap because {@link PoolFactory} pools do not touch the network until the first borrow.
 *
 * <p><b>Which pool goes</b> when the registry is full follows Caffeine's own eviction order (frequency-aware,
 * see {@link #makeRoomLocked}), with idle pools preferred among the coldest; the idle sweep uses each pool's own
 * {@link BackendPool#lastUsed()} stamp, taken when a lease is taken and when it is returned, since Caffeine sees only
 * lookups (a pool serving one long transaction would look unused).
 *
 * <p><b>The global budget</b> {@code registry.maxBackendConnections} is a {@link ConnectionBudget} that every pool
 * opens its physical connections through ({@link PoolFactory}). When a pool has to wait for a permit, the registry
 * reclaims idle connections elsewhere ({@link #reclaimFor}): draining pools first, then the coldest pool (fewest
 * leases lately) with idle connections; and a connection returning while pools wait makes the coldest idle
 * connection close, its own or another pool's, unless reclaims already under way cover the waiters
 * ({@link ConnectionBudget#afterReturn}).
 *
 * <p>Thread-safe. {@link #lease} blocks (callers are worker threads, never event loops); everything else but
 * {@link #close()} returns promptly. Pools are closed, and idle sweeps run, on the injected {@code retirer} executor
 * (virtual threads in production: closing blocks, and an inline retirer would close under the lock); drain deadlines
 * and sweeps are timed by the factory's shared scheduler. Longer than most classes: most of its lines are contract,
 * and the cold path cannot leave without splitting the one lock's invariant across two classes.
 */
public final class PoolRegistry implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PoolRegistry.class);

    /** Borrows per lease when the pool is force-closed under a waiting borrower (drain timeout); then 53300. */
    private static final int MAX_ATTEMPTS = 3;
    private static final Duration MIN_SWEEP_PERIOD = Duration.ofMillis(10);
    private static final Duration MAX_SWEEP_PERIOD = Duration.ofSeconds(30);
    /** How long {@link #close()} waits beyond the drain timeout for HikariCP to finish closing. */
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(15);
    private static final String SHUTTING_DOWN = "57P01";

    private final RegistrySettings settings;
    private final PoolFactory factory;
    private final Executor retirer;
    private final InstantSource clock;
    private final Cache<String, BackendPool> pools;
    /** Serialises creation, making room and eviction; never held by the hot path, never held while borrowing. */
    private final ReentrantLock coldPath = new ReentrantLock();
    /** Resident pools that count against maxPools. Raised only under coldPath, after room was made. */
    private final AtomicInteger counted = new AtomicInteger();
    private final Set<BackendPool> draining = ConcurrentHashMap.newKeySet();
    /** One breaker per database, kept (bounded, by access) after its pool is evicted: a dead tenant stays known. */
    private final Cache<String, CircuitBreaker> breakers = Caffeine.newBuilder()
            .maximumSize(10_000).expireAfterAccess(Duration.ofMinutes(30)).build();
    /**
     * Backend product and version per database, kept after its pool is evicted: a session switching to a known
     * database answers at once, without borrowing a connection (which, under churn, could build a pool that is gone
     * again before the session's first statement). Small entries, at most 100,000 databases.
     */
    private final Cache<String, KnownBackend> knownBackends = Caffeine.newBuilder().maximumSize(100_000).build();
    /** What each server (a JDBC URL up to its database, {@link #serverOf}) said it is: shared by its databases. */
    private final Cache<String, BackendInfo> knownServers = Caffeine.newBuilder().maximumSize(10_000).build();
    private volatile BreakerSettings breakerSettings;
    private final PauseGates paused = new PauseGates();
    private final LongAdder creations = new LongAdder();
    private final Map<EvictionCause, LongAdder> evictions = new EnumMap<>(EvictionCause.class);
    private final ScheduledFuture<?> sweeper;
    private final ScheduledFuture<?> cooler;
    private volatile boolean closed;

    public PoolRegistry(RegistrySettings settings, PoolFactory factory, Executor retirer) {
        this(settings, factory, retirer, InstantSource.system());
    }

    /**
     * @param retirer runs pool closes and idle sweeps, which block on HikariCP; never an event loop. A test may pass
     *                {@code Runnable::run}.
     * @param clock   stamps pool creation and use, for LRU order and idleness
     */
    public PoolRegistry(RegistrySettings settings, PoolFactory factory, Executor retirer, InstantSource clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.breakerSettings = settings.breaker();
        this.factory = Objects.requireNonNull(factory, "factory");
        this.retirer = Objects.requireNonNull(retirer, "retirer");
        this.clock = Objects.requireNonNull(clock, "clock");
        for (EvictionCause cause : EvictionCause.values()) evictions.put(cause, new LongAdder());
        this.pools = Caffeine.newBuilder()
                .maximumWeight(settings.maxPools())
                .weigher((String db, BackendPool p) -> p.keepWarm() ? 0 : 1)
                .executor(retirer)                         // Caffeine's maintenance and listener: never the event loop
                .removalListener((String db, BackendPool p, RemovalCause why) -> {
                    if (why == RemovalCause.SIZE && p != null) safetyNetEvicted(p);
                })
                .build();
        long period = Math.clamp(settings.idlePoolTimeout().toNanos() / 2, MIN_SWEEP_PERIOD.toNanos(),
                MAX_SWEEP_PERIOD.toNanos());
        factory.budget().onShortage(this::reclaimFor);
        this.sweeper = factory.scheduler().scheduleWithFixedDelay(this::sweepSoon, period, period,
                TimeUnit.NANOSECONDS);
        // Cheap (one atomic per pool) and never blocks, so it runs on the housekeeping thread itself.
        this.cooler = factory.scheduler().scheduleWithFixedDelay(this::coolDown, 1, 1, TimeUnit.SECONDS);
    }

    /**
     * Borrows a connection of {@code db}, creating its pool on first use (exactly once, however many callers race)
     * and replacing it (cause CONFIG) when {@code db} names another backend, credentials or pool settings than the
     * resident pool was built from. Blocks up to {@code db.pool().connectionTimeout()}; while the database is
     * {@link #pause paused}, first waits up to that long again for {@link #resume}.
     *
     * @throws SQLTransientConnectionException {@code 53300} when the pool stays full for connectionTimeout; the
     *                                         message names the database and {@code pool.maxPoolSize}
     * @throws SQLException                    class {@code 08} (or the backend's own state, e.g. {@code 28P01}) when
     *                                         the backend refuses or does not answer; {@code 57014} when interrupted;
     *                                         {@code 57P01} once the registry is closed. Never quotes the JDBC URL
     *                                         or credentials.
     */
    public Lease lease(DatabaseConfig db) throws SQLException {
        Objects.requireNonNull(db, "db");
        paused.await(db);                                 // a paused database: wait before anything else
        CircuitBreaker breaker = breakers.get(db.name(), this::newBreaker);
        breaker.beforeBorrow();
        boolean told = false;
        try {
            Lease lease = leaseThroughBreaker(db);
            breaker.onSuccess();
            told = true;
            return lease;
        } catch (SQLException e) {
            if (isConnectionFailure(e)) {
                breaker.onFailure();
                told = true;
            }
            throw e;
        } finally {
            if (!told) breaker.onAbandoned();
        }
    }

    /** Refused or unanswered connection attempts, as opposed to a full pool (53300) or a cancelled wait (57014). */
    private static boolean isConnectionFailure(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("08") || state.startsWith("28") || state.startsWith("3D"));
    }

    private CircuitBreaker newBreaker(String database) {
        BreakerSettings b = breakerSettings;
        return new CircuitBreaker(database, b.failures(), b.cooldown(), b.maxCooldown(), System::nanoTime);
    }

    /** Overrides {@code registry.breaker} (tests shorten it). */
    void breakerSettings(int threshold, Duration cooldown) {
        this.breakerSettings = new BreakerSettings(threshold, cooldown, breakerSettings.maxCooldown());
    }

    private Lease leaseThroughBreaker(DatabaseConfig db) throws SQLException {
        SQLException closedUnder = null;
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            BackendPool pool = reserve(db);
            try {
                return pool.borrow();
            } catch (SQLException e) {
                if (!pool.closing()) throw e;
                closedUnder = e;                           // force-closed by its drain deadline: try its successor
            }
        }
        SQLException churn = BorrowFailure.churn(db, MAX_ATTEMPTS, settings.maxPools());
        churn.addSuppressed(closedUnder);
        throw churn;
    }

    /**
     * The product name and version of {@code db}'s backend: cached once any connection of its pool was made, or of
     * another database on the same server (a tenant's first switch or login then opens nothing: its first statement
     * does), otherwise learned by borrowing one (creating the pool if needed; blocks like {@link #lease}).
     */
    public BackendInfo backendInfo(DatabaseConfig db) throws SQLException {
        BackendInfo info = knownBackendInfo(db).orElse(null);
        if (info != null) return info;
        BackendPool resident = pools.getIfPresent(db.name());
        if (resident != null && resident.builtFrom(db)) info = resident.cachedBackendInfo().orElse(null);
        if (info == null) {
            try (Lease lease = lease(db)) {
                info = lease.pool().backendInfo(lease);
            }
        }
        knownBackends.put(db.name(), new KnownBackend(db.jdbcUrl(), info));
        knownServers.put(serverOf(db.jdbcUrl()), info);
        return info;
    }

    /**
     * The server part of a JDBC URL, up to the database path: {@code jdbc:postgresql://host:5432} for {@code
     * jdbc:postgresql://host:5432/tenant_7?ssl=true}. Databases with the same server part are on one server, so they
     * share its product and version. A URL without {@code //host} (H2's {@code jdbc:h2:mem:x}) is its own server.
     */
    static String serverOf(String jdbcUrl) {
        int hostAt = jdbcUrl.indexOf("://");
        if (hostAt < 0) return jdbcUrl;
        int end = hostAt + 3;
        while (end < jdbcUrl.length() && jdbcUrl.charAt(end) != '/' && jdbcUrl.charAt(end) != '?') end++;
        return jdbcUrl.substring(0, end);
    }

    /**
     * {@link #backendInfo} when it is known without touching the network or blocking (learned from this database or
     * another on its server): a login can then complete on its event loop.
     */
    public Optional<BackendInfo> knownBackendInfo(DatabaseConfig db) {
        KnownBackend known = knownBackends.getIfPresent(db.name());
        if (known != null && known.jdbcUrl().equals(db.jdbcUrl())) return Optional.of(known.info());
        return Optional.ofNullable(knownServers.getIfPresent(serverOf(db.jdbcUrl())));
    }

    /** What a database's backend said it is, valid while its URL stays the same. */
    private record KnownBackend(String jdbcUrl, BackendInfo info) {
    }

    /** Backend connections open now across all pools (draining ones included), against the global budget. */
    public int backendConnections() {
        return factory.budget().inUse();
    }

    public int maxBackendConnections() {
        return factory.budget().max();
    }

    /**
     * Backend connections closed since start to free the global budget for another database
     * ({@code switchboard_backend_reclaims_total}; {@link ConnectionBudget#reclaimed()}).
     */
    public long reclaimedConnections() {
        return factory.budget().reclaimed();
    }

    /**
     * Frees budget for {@code waiting}, at once, on the thread that asks (the waiting pool's connection adder, or a
     * thread returning a connection, see {@link ConnectionBudget#afterReturn}). Draining pools give up all their idle
     * connections; then the coldest pool that may gives up its idle ones. A pool may when it is not {@code waiting}'s,
     * has an idle connection, no borrower waiting for one, and more connections than its fair share of the budget
     * (any, once databases outnumber permits; below its share a database keeps what it has).
     *
     * <p>Coldest is the least {@link BackendPool#heat() heat} (leases lately, halved every second), the least
     * recently used among equals: with many pools over a small budget, hot tenants keep their idle connections while
     * the cold tenants' rotate. Plain LRU would close a hot tenant's connection whenever a burst of cold ones passed
     * (and Caffeine's eviction order is LRU among pools used twice or more, which all pools holding connections are).
     * Looks only at the databases holding connections, however many pools there are. Does not block (HikariCP closes
     * the connections on its own threads); synchronized, so that concurrent callers see each other's reclaims and
     * pick different pools.
     *
     * @return the connections it started closing
     */
    synchronized int reclaimFor(String waiting) {
        int closing = 0;
        for (BackendPool p : draining) {
            closing += p.idleConnections();
            p.yieldConnections();
        }
        ConnectionBudget budget = factory.budget();
        int share = budget.fairShare();
        BackendPool coldest = null;
        for (String db : budget.holders()) {
            BackendPool p = pools.asMap().get(db);
            // A pool with borrowers waiting is about to hand its idle connection over (HikariCP just opened it for
            // them): reclaiming it would send them back to the queue, and cold pools would take turns at stealing
            // each other's fresh connections.
            if (p == null || db.equals(waiting) || budget.held(db) <= share || p.idleConnections() == 0
                    || p.waitingBorrowers() > 0) {
                continue;
            }
            if (coldest == null || p.heat() < coldest.heat()
                    || p.heat() == coldest.heat() && p.lastUsedMillis() < coldest.lastUsedMillis()) {
                coldest = p;
            }
        }
        if (coldest != null) {
            int idle = coldest.idleConnections();
            log.debug("reclaiming {} idle connections of db={} for db={}", idle, coldest.database(), waiting);
            coldest.yieldConnections();
            closing += idle;
        }
        return closing;
    }

    /** Once a second: halves every pool's heat, so that it counts recent leases ({@link BackendPool#heat()}). */
    private void coolDown() {
        for (BackendPool p : pools.asMap().values()) p.cool();
    }

    /** The resident pool of {@code database}. @throws NoSuchElementException when it has none */
    public BackendPool pool(String database) {
        return find(database).orElseThrow(() -> new NoSuchElementException("no pool for database " + database));
    }

    /** The resident pool of {@code database}, if any. Does not count as a use. */
    public Optional<BackendPool> find(String database) {
        return Optional.ofNullable(pools.asMap().get(database));
    }

    /** A snapshot of the resident pools, keepWarm ones included; retired pools still draining are not. */
    public Collection<BackendPool> pools() {
        return List.copyOf(pools.asMap().values());
    }

    /** Resident pools that count against {@code registry.maxPools} (keepWarm ones do not): never more than it. */
    public int size() {
        return counted.get();
    }

    /** Retired pools still waiting for their leases (or their drain timeout) before they close. */
    public int draining() {
        return draining.size();
    }

    /** Pools created since start ({@code switchboard_pool_creations_total}). */
    public long creations() {
        return creations.sum();
    }

    /** Pools evicted for {@code cause} since start ({@code switchboard_pool_evictions_total{cause}}). */
    public long evictions(EvictionCause cause) {
        return evictions.get(cause).sum();
    }

    /**
     * Retires the pool of {@code database}: no new leases, closes once its leases are back or after drainTimeout.
     * The next lease creates a fresh pool. KeepWarm pools refuse SIZE and IDLE.
     *
     * @return false when there was no such resident pool (or it is keepWarm and the cause is SIZE or IDLE)
     */
    public boolean evict(String database, EvictionCause cause) {
        Objects.requireNonNull(cause, "cause");
        coldPath.lock();
        try {
            BackendPool pool = pools.asMap().get(database);
            if (pool == null || pool.keepWarm() && (cause == EvictionCause.SIZE || cause == EvictionCause.IDLE)) {
                return false;
            }
            return evictLocked(pool, cause);
        } finally {
            coldPath.unlock();
        }
    }

    /**
     * Pauses {@code database}: from now on its new leases wait (up to its connectionTimeout, then 53300) until
     * {@link #resume}; leases already held carry on. Works whether or not the database has a pool now, and survives
     * the pool's eviction. False when it was paused already.
     */
    public boolean pause(String database) {
        return paused.pause(Objects.requireNonNull(database, "database"));
    }

    /** Lets {@code database}'s leases through again and wakes those waiting; false when it was not paused. */
    public boolean resume(String database) {
        return paused.resume(Objects.requireNonNull(database, "database"));
    }

    public boolean isPaused(String database) {
        return paused.isPaused(database);
    }

    /** Leases of {@code database} waiting for it to be resumed. */
    public int waitingForResume(String database) {
        return paused.waiting(database);
    }

    /**
     * Retires every pool and waits, up to drainTimeout plus a grace period, until all (including pools retired
     * earlier) are closed. Later leases fail with {@code 57P01}. Close the {@link PoolFactory} after this.
     */
    @Override
    public void close() {
        coldPath.lock();
        try {
            if (closed) return;
            closed = true;
            sweeper.cancel(false);
            cooler.cancel(false);
            for (BackendPool pool : List.copyOf(pools.asMap().values())) {
                if (pools.asMap().remove(pool.database(), pool) && !pool.keepWarm()) counted.decrementAndGet();
                retire(pool, EvictionCause.EXPLICIT);      // shutting down is not an eviction: not counted
            }
        } finally {
            coldPath.unlock();
        }
        List<CompletableFuture<Void>> closing = new ArrayList<>();
        for (BackendPool pool : draining) closing.add(pool.closed());
        log.info("pool registry closing: {} pools draining for up to {}", closing.size(), settings.drainTimeout());
        try {
            CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new))
                    .get(settings.drainTimeout().plus(CLOSE_GRACE).toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.warn("pool registry closed with {} pools still closing", draining.size());
        }
    }

    /** A pool of {@code db} with a lease reserved on it: lock-free when the pool is resident and open. */
    private BackendPool reserve(DatabaseConfig db) throws SQLException {
        BackendPool pool = pools.getIfPresent(db.name());
        if (pool != null && pool.builtFrom(db) && pool.reserve()) return pool;
        return reserveCold(db);
    }

    /**
     * Creates the pool, or finds the one a racing caller created, and reserves on it under the lock: a fresh pool
     * cannot be evicted before its creator's reservation counts, so the creator always gets its borrow.
     */
    private BackendPool reserveCold(DatabaseConfig db) throws SQLException {
        coldPath.lock();
        try {
            if (closed) {
                throw new SQLTransientConnectionException("no backend connection for database \"" + db.name()
                        + "\": the proxy is shutting down", SHUTTING_DOWN);
            }
            BackendPool current = pools.asMap().get(db.name());
            if (current != null) {
                if (current.builtFrom(db) && current.reserve()) return current;
                evictLocked(current, EvictionCause.CONFIG);
            }
            BackendPool created = create(db);             // before making room: a pool that fails to build evicts none
            if (!db.keepWarm()) makeRoomLocked();
            pools.put(db.name(), created);
            if (!db.keepWarm()) counted.incrementAndGet();
            creations.increment();
            created.reserve();
            log.debug("pool created db={} maxPoolSize={} keepWarm={}", db.name(), db.pool().maxPoolSize(),
                    db.keepWarm());
            return created;
        } finally {
            coldPath.unlock();
        }
    }

    private BackendPool create(DatabaseConfig db) throws SQLException {
        HikariDataSource dataSource;
        try {
            dataSource = factory.create(db);
        } catch (RuntimeException e) {
            // HikariCP's message quotes the (password-masked) URL: log the type only.
            log.warn("pool not built db={}: {}", db.name(), e.getClass().getName());
            throw BorrowFailure.notBuilt(db, e);
        }
        return new BackendPool(db, dataSource, factory.budget(), factory.scheduler(), retirer, clock);
    }

    /**
     * Evicts (cause SIZE) until a new pool fits under maxPools. The victim comes from Caffeine's eviction order
     * (W-TinyLFU: a segmented LRU in which pools used again and again sit in a protected segment), so hot tenants stay
     * resident while a stream of cold ones passes through; plain LRU would push a hot tenant out whenever it paused
     * for a moment. Among the coldest quarter, an idle pool goes before a busy one: evicting a busy pool makes the
     * next request for it open a second pool while the first still drains.
     */
    private void makeRoomLocked() {
        while (counted.get() >= settings.maxPools()) {
            List<BackendPool> coldest = pools.policy().eviction().orElseThrow().coldest(Integer.MAX_VALUE).values()
                    .stream().filter(p -> !p.keepWarm()).toList();
            if (coldest.isEmpty()) {                       // the safety net's listener has not caught up yet
                counted.set((int) pools.asMap().values().stream().filter(p -> !p.keepWarm()).count());
                continue;
            }
            int window = Math.max(1, settings.maxPools() / 4);
            BackendPool victim = coldest.stream().limit(window).filter(p -> p.activeLeases() == 0).findFirst()
                    .orElse(coldest.getFirst());
            evictLocked(victim, EvictionCause.SIZE);
        }
    }

    /** Removes {@code pool} from the map and retires it; false when it was no longer resident. */
    private boolean evictLocked(BackendPool pool, EvictionCause cause) {
        if (!pools.asMap().remove(pool.database(), pool)) return false;
        if (!pool.keepWarm()) counted.decrementAndGet();
        if (retire(pool, cause)) evictions.get(cause).increment();
        return true;
    }

    private boolean retire(BackendPool pool, EvictionCause cause) {
        draining.add(pool);                                // before the listener: an inline close removes it again
        pool.closed().whenComplete((ignored, error) -> draining.remove(pool));
        return pool.retire(cause, settings.drainTimeout());
    }

    /** Caffeine evicted for size: the lock should make that impossible, so it is worth a warning. */
    private void safetyNetEvicted(BackendPool pool) {
        log.warn("pool registry over maxPools={}: Caffeine evicted db={}", settings.maxPools(), pool.database());
        if (!pool.keepWarm()) counted.decrementAndGet();
        if (retire(pool, EvictionCause.SIZE)) evictions.get(EvictionCause.SIZE).increment();
    }

    /** On the scheduler: hands the sweep to the retirer, keeping the shared housekeeping threads free. */
    private void sweepSoon() {
        try {
            retirer.execute(() -> {
                try {
                    sweepIdle();
                } catch (RuntimeException e) {
                    log.warn("idle sweep failed", e);
                }
            });
        } catch (RuntimeException rejected) {              // must not escape, or the scheduler stops sweeping
            log.debug("idle sweep skipped: {}", rejected.toString());
        }
    }

    /** Retires (cause IDLE) every pool without keepWarm, without leases, unused for idlePoolTimeout. */
    void sweepIdle() {
        for (BackendPool pool : pools.asMap().values()) {
            if (!isIdle(pool)) continue;
            coldPath.lock();
            try {
                // A lease taken between this check and the retire is fine: it drains like any other.
                if (isIdle(pool)) evictLocked(pool, EvictionCause.IDLE);
            } finally {
                coldPath.unlock();
            }
        }
    }

    private boolean isIdle(BackendPool pool) {
        return !pool.keepWarm() && pool.activeLeases() == 0
                && clock.millis() - pool.lastUsedMillis() >= settings.idlePoolTimeout().toMillis();
    }
}

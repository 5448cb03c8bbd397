package dev.switchboard.proxy.pool;

import dev.switchboard.proxy.config.DatabaseConfig;
import dev.switchboard.proxy.config.PoolMode;
import dev.switchboard.proxy.config.PoolSettings;
import dev.switchboard.proxy.pool.BackendPool.State;
import org.h2.jdbc.JdbcConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static dev.switchboard.proxy.pool.TestDbs.await;
import static dev.switchboard.proxy.pool.TestDbs.h2;
import static dev.switchboard.proxy.pool.TestDbs.selectOne;
import static dev.switchboard.proxy.pool.TestDbs.settings;
import static dev.switchboard.proxy.pool.TestDbs.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(60)
class PoolRegistryTest {
    private static final Duration LONG = Duration.ofMinutes(10);

    private final PoolFactory factory = new PoolFactory();
    private final ExecutorService retirer = Executors.newVirtualThreadPerTaskExecutor();
    private PoolRegistry registry;

    @AfterEach
    void closeAll() {
        if (registry != null) registry.close();
        factory.close();
        retirer.close();
    }

    @Test
    void concurrentFirstLeasesCreateOnePool() throws Exception {
        registry = new PoolRegistry(settings(8, LONG, LONG), factory, retirer);
        DatabaseConfig db = h2(unique("race"));
        var start = new CountDownLatch(1);
        var errors = new ConcurrentLinkedQueue<Throwable>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                    try (Lease lease = registry.lease(db)) {
                        assertThat(selectOne(lease.connection())).isEqualTo(1);
                    }
                } catch (Throwable t) {
                    errors.add(t);
                }
            }));
        }
        start.countDown();
        for (Thread t : threads) t.join();

        assertThat(errors).isEmpty();
        assertThat(registry.creations()).isEqualTo(1);
        assertThat(registry.pools()).hasSize(1);
        assertThat(registry.pool(db.name()).activeLeases()).isZero();
    }

    @Test
    void maxPoolsIsAHardBoundUnderChurn() throws Exception {
        registry = new PoolRegistry(settings(3, LONG, LONG), factory, retirer);
        List<DatabaseConfig> dbs = new ArrayList<>();
        for (int i = 0; i < 10; i++) dbs.add(h2(unique("churn" + i)));
        var stop = new AtomicBoolean();
        var maxSampled = new AtomicInteger();
        var errors = new ConcurrentLinkedQueue<Throwable>();
        Set<BackendPool> seen = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));

        Thread sampler = Thread.ofPlatform().start(() -> {
            while (!stop.get()) maxSampled.accumulateAndGet(registry.size(), Math::max);
        });
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            workers.add(Thread.ofPlatform().start(() -> {
                while (!stop.get()) {
                    DatabaseConfig db = dbs.get(ThreadLocalRandom.current().nextInt(dbs.size()));
                    try (Lease lease = registry.lease(db)) {
                        seen.add(lease.pool());
                        assertThat(selectOne(lease.connection())).isEqualTo(1);
                    } catch (Throwable t) {
                        errors.add(t);
                    }
                }
            }));
        }
        Thread.sleep(2_000);                               // load duration, not an assertion
        stop.set(true);
        for (Thread t : workers) t.join();
        sampler.join();

        assertThat(errors).isEmpty();
        assertThat(maxSampled.get()).isBetween(1, 3);
        assertThat(registry.size()).isLessThanOrEqualTo(3);
        assertThat(registry.creations()).isGreaterThan(3);
        assertThat(registry.evictions(EvictionCause.SIZE)).isEqualTo(registry.creations() - registry.pools().size());
        Set<BackendPool> resident = Collections.newSetFromMap(new IdentityHashMap<>());
        resident.addAll(registry.pools());
        List<BackendPool> retired;
        synchronized (seen) {
            retired = seen.stream().filter(p -> !resident.contains(p)).toList();
        }
        assertThat(retired).isNotEmpty();
        for (BackendPool pool : retired) await(pool + " closed", () -> pool.state() == State.CLOSED);
        assertThat(retired).allSatisfy(p -> assertThat(p.totalConnections()).isZero());
        assertThat(resident).allSatisfy(p -> assertThat(p.state()).isEqualTo(State.OPEN));
    }

    @Test
    void leastRecentlyUsedPoolMakesRoom() throws SQLException {
        var now = new AtomicLong(1_000);
        registry = new PoolRegistry(settings(2, LONG, LONG), factory, Runnable::run,
                () -> Instant.ofEpochMilli(now.incrementAndGet()));
        DatabaseConfig a = h2(unique("lru_a"));
        DatabaseConfig b = h2(unique("lru_b"));
        DatabaseConfig c = h2(unique("lru_c"));
        registry.lease(a).close();
        registry.lease(b).close();
        BackendPool poolB = registry.pool(b.name());
        registry.lease(a).close();                          // now b is the least recently used

        registry.lease(c).close();

        assertThat(registry.find(b.name())).isEmpty();
        assertThat(poolB.state()).isEqualTo(State.CLOSED);
        assertThat(poolB.retiredFor()).contains(EvictionCause.SIZE);
        assertThat(registry.pools()).extracting(BackendPool::database).containsExactlyInAnyOrder(a.name(), c.name());
    }

    @Test
    void sizePressurePrefersIdlePoolsOverBusyOnes() throws SQLException {
        var now = new AtomicLong(1_000);
        registry = new PoolRegistry(settings(2, LONG, LONG), factory, Runnable::run,
                () -> Instant.ofEpochMilli(now.incrementAndGet()));
        DatabaseConfig busy = h2(unique("pref_busy"));
        DatabaseConfig idle = h2(unique("pref_idle"));
        try (Lease held = registry.lease(busy)) {          // least recently used, but in use
            registry.lease(idle).close();

            registry.lease(h2(unique("pref_new"))).close();

            assertThat(registry.find(idle.name())).isEmpty();
            assertThat(held.pool().state()).isEqualTo(State.OPEN);
        }
    }

    @Test
    void keepWarmPoolSurvivesSizePressureAndDoesNotCount() throws SQLException {
        registry = new PoolRegistry(settings(2, LONG, LONG), factory, Runnable::run);
        DatabaseConfig warm = h2(unique("warm"), PoolSettings.DEFAULTS, true);
        registry.lease(warm).close();
        BackendPool warmPool = registry.pool(warm.name());

        for (int i = 0; i < 6; i++) registry.lease(h2(unique("cold" + i))).close();

        assertThat(registry.pool(warm.name())).isSameAs(warmPool);
        assertThat(warmPool.state()).isEqualTo(State.OPEN);
        assertThat(registry.size()).isEqualTo(2);
        assertThat(registry.pools()).hasSize(3);
        assertThat(registry.evictions(EvictionCause.SIZE)).isEqualTo(4);
        assertThat(registry.evict(warm.name(), EvictionCause.SIZE)).isFalse();
        assertThat(registry.evict(warm.name(), EvictionCause.EXPLICIT)).isTrue();
        assertThat(warmPool.state()).isEqualTo(State.CLOSED);
    }

    @Test
    void idleSweepRetiresUnusedPoolsButNotLeasedOrKeepWarmOnes() throws SQLException {
        registry = new PoolRegistry(settings(8, Duration.ofMillis(200), LONG), factory, Runnable::run);
        DatabaseConfig busy = h2(unique("busy"));
        DatabaseConfig warm = h2(unique("idlewarm"), PoolSettings.DEFAULTS, true);
        DatabaseConfig unused = h2(unique("unused"));
        try (Lease held = registry.lease(busy)) {
            registry.lease(warm).close();
            registry.lease(unused).close();
            BackendPool unusedPool = registry.pool(unused.name());

            await("the idle pool is closed", () -> unusedPool.state() == State.CLOSED);
            registry.sweepIdle();                          // busy and warm have been unused even longer by now

            assertThat(unusedPool.retiredFor()).contains(EvictionCause.IDLE);
            assertThat(registry.find(unused.name())).isEmpty();
            assertThat(registry.pool(busy.name()).state()).isEqualTo(State.OPEN);
            assertThat(registry.pool(warm.name()).state()).isEqualTo(State.OPEN);
            assertThat(selectOne(held.connection())).isEqualTo(1);
        }
        assertThat(registry.evictions(EvictionCause.IDLE)).isEqualTo(1);
    }

    @Test
    void evictedPoolKeepsLeasedConnectionWorkingAndClosesWhenItReturns() throws SQLException {
        registry = new PoolRegistry(settings(8, LONG, LONG), factory, Runnable::run);
        DatabaseConfig db = h2(unique("drain"));
        Lease lease = registry.lease(db);
        BackendPool old = lease.pool();

        assertThat(registry.evict(db.name(), EvictionCause.EXPLICIT)).isTrue();

        assertThat(old.state()).isEqualTo(State.RETIRING);
        assertThat(registry.draining()).isEqualTo(1);
        assertThat(selectOne(lease.connection())).isEqualTo(1);
        try (Lease fresh = registry.lease(db)) {           // the next lease gets a new pool
            assertThat(fresh.pool()).isNotSameAs(old);
            assertThat(selectOne(fresh.connection())).isEqualTo(1);
        }
        assertThat(old.state()).isEqualTo(State.RETIRING);

        lease.close();

        assertThat(old.state()).isEqualTo(State.CLOSED);
        assertThat(old.activeLeases()).isZero();
        assertThat(registry.draining()).isZero();
        assertThat(registry.creations()).isEqualTo(2);
        assertThat(registry.evictions(EvictionCause.EXPLICIT)).isEqualTo(1);
    }

    @Test
    void drainTimeoutForceClosesAPoolWhoseLeaseNeverReturns() throws SQLException {
        registry = new PoolRegistry(settings(8, LONG, Duration.ofMillis(100)), factory, retirer);
        DatabaseConfig db = h2(unique("forced"));
        Lease lease = registry.lease(db);
        BackendPool pool = lease.pool();

        JdbcConnection physical = lease.connection().unwrap(JdbcConnection.class);

        registry.evict(db.name(), EvictionCause.EXPLICIT);
        await("the drain timeout closes the pool", () -> pool.state() == State.CLOSED);

        assertThat(pool.totalConnections()).isZero();
        // HikariCP aborted the leased connection; H2's abort() does nothing, so the lease closes it for real.
        lease.close();
        assertThat(physical.isClosed()).isTrue();
        assertThat(pool.activeLeases()).isZero();
    }

    @Test
    void changedConfigReplacesThePool() throws SQLException {
        registry = new PoolRegistry(settings(8, LONG, LONG), factory, Runnable::run);
        String name = unique("reconf");
        DatabaseConfig before = h2(name);
        DatabaseConfig after = h2(name, new PoolSettings(3, 0, Duration.ofSeconds(1)), false);
        Lease old = registry.lease(before);

        try (Lease lease = registry.lease(after)) {
            assertThat(lease.pool()).isNotSameAs(old.pool());
            assertThat(lease.pool().settings().maxPoolSize()).isEqualTo(3);
        }
        assertThat(old.pool().retiredFor()).contains(EvictionCause.CONFIG);
        assertThat(selectOne(old.connection())).isEqualTo(1);
        old.close();
        assertThat(old.pool().state()).isEqualTo(State.CLOSED);
        assertThat(registry.evictions(EvictionCause.CONFIG)).isEqualTo(1);
        assertThat(registry.size()).isEqualTo(1);
    }

    @Test
    void changedPoolModeKeepsThePool() throws SQLException {
        registry = new PoolRegistry(settings(8, LONG, LONG), factory, Runnable::run);
        DatabaseConfig db = h2(unique("mode"));
        registry.lease(db).close();

        registry.lease(new DatabaseConfig(db.name(), db.jdbcUrl(), db.username(), db.password(), db.pool(),
                Optional.of(PoolMode.SESSION), db.keepWarm())).close();

        assertThat(registry.creations()).isEqualTo(1);
        assertThat(registry.evictions(EvictionCause.CONFIG)).isZero();
    }

    @Test
    void closeRetiresEverythingAndRefusesLaterLeases() throws SQLException {
        registry = new PoolRegistry(settings(8, LONG, Duration.ofSeconds(5)), factory, retirer);
        DatabaseConfig a = h2(unique("close_a"));
        DatabaseConfig b = h2(unique("close_b"), PoolSettings.DEFAULTS, true);
        registry.lease(a).close();
        registry.lease(b).close();
        List<BackendPool> pools = List.copyOf(registry.pools());

        registry.close();

        assertThat(pools).allSatisfy(p -> assertThat(p.state()).isEqualTo(State.CLOSED));
        assertThat(registry.pools()).isEmpty();
        assertThat(registry.size()).isZero();
        assertThatThrownBy(() -> registry.lease(a))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("57P01"));
    }

    @Test
    void backendInfoComesFromTheFirstConnection() throws SQLException {
        registry = new PoolRegistry(settings(8, LONG, LONG), factory, Runnable::run);
        DatabaseConfig db = h2(unique("info"));
        registry.lease(db).close();

        BackendInfo info = registry.pool(db.name()).backendInfo();

        assertThat(info.productName()).isEqualTo("H2");
        assertThat(info.productVersion()).isNotBlank();
    }

    @Test
    void databasesWithTheSameHostAndPortAreOnOneServer() {
        assertThat(PoolRegistry.serverOf("jdbc:postgresql://db1:5432/tenant_7?ssl=true"))
                .isEqualTo(PoolRegistry.serverOf("jdbc:postgresql://db1:5432/tenant_8"))
                .isEqualTo("jdbc:postgresql://db1:5432");
        assertThat(PoolRegistry.serverOf("jdbc:postgresql://db1:5433/tenant_7")).isEqualTo("jdbc:postgresql://db1:5433");
        assertThat(PoolRegistry.serverOf("jdbc:mariadb://db2?user=x")).isEqualTo("jdbc:mariadb://db2");
        assertThat(PoolRegistry.serverOf("jdbc:h2:mem:a")).isEqualTo("jdbc:h2:mem:a");
    }

    @Test
    void backendInfoOfAnEvictedDatabaseNeedsNoNewPool() throws SQLException {
        registry = new PoolRegistry(settings(8, LONG, LONG), factory, Runnable::run);
        DatabaseConfig db = h2(unique("info_evicted"));
        BackendInfo first = registry.backendInfo(db);
        assertThat(registry.creations()).isEqualTo(1);
        assertThat(registry.evict(db.name(), EvictionCause.EXPLICIT)).isTrue();

        assertThat(registry.backendInfo(db)).isEqualTo(first);
        assertThat(registry.creations()).as("answered from what was learned").isEqualTo(1);
        assertThat(registry.size()).isZero();

        DatabaseConfig moved = new DatabaseConfig(db.name(), db.jdbcUrl() + ";MODE=PostgreSQL", db.username(),
                db.password(), db.pool(), db.poolMode(), db.keepWarm());
        assertThat(registry.backendInfo(moved).productName()).isEqualTo("H2");
        assertThat(registry.creations()).as("a new URL is asked again").isEqualTo(2);
    }
}

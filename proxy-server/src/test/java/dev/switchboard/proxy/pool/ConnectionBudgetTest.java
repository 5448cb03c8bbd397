package dev.switchboard.proxy.pool;

import dev.switchboard.proxy.config.DatabaseConfig;
import dev.switchboard.proxy.config.PoolSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.switchboard.proxy.pool.TestDbs.await;
import static dev.switchboard.proxy.pool.TestDbs.h2;
import static dev.switchboard.proxy.pool.TestDbs.selectOne;
import static dev.switchboard.proxy.pool.TestDbs.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** registry.maxBackendConnections: physical connections across all pools never exceed it, and no pool starves. */
@Timeout(60)
class ConnectionBudgetTest {
    private static final Duration LONG = Duration.ofMinutes(10);
    private static final PoolSettings FOUR = new PoolSettings(4, 0, Duration.ofSeconds(5));

    private final ExecutorService retirer = Executors.newVirtualThreadPerTaskExecutor();
    private PoolFactory factory;
    private PoolRegistry registry;

    @AfterEach
    void closeAll() {
        if (registry != null) registry.close();
        if (factory != null) factory.close();
        retirer.close();
    }

    private PoolRegistry registry(int budget) {
        factory = new PoolFactory(new ConnectionBudget(budget));
        registry = new PoolRegistry(TestDbs.settings(16, LONG, Duration.ofSeconds(5)), factory, retirer);
        return registry;
    }

    @Test
    void exhaustedBudgetIs53300NamingTheLimit() throws Exception {
        registry(2);
        DatabaseConfig a = h2(unique("budget_a"), FOUR, false);
        DatabaseConfig b = h2(unique("budget_b"), new PoolSettings(4, 0, Duration.ofMillis(400)), false);
        try (Lease l1 = registry.lease(a); Lease l2 = registry.lease(a)) {
            assertThat(registry.backendConnections()).isEqualTo(2);
            var e = catchThrowableOfType(SQLTransientConnectionException.class, () -> registry.lease(b));
            assertThat(e.getSQLState()).isEqualTo("53300");
            assertThat(e.getMessage()).contains(b.name()).contains("registry.maxBackendConnections=2");
            assertThat(selectOne(l1.connection()) + selectOne(l2.connection())).isEqualTo(2);
        }
    }

    @Test
    void idleConnectionsOfOtherPoolsAreReclaimedForAWaiter() throws Exception {
        registry(3);
        DatabaseConfig a = h2(unique("reclaim_a"), FOUR, false);
        DatabaseConfig b = h2(unique("reclaim_b"), FOUR, false);
        var held = new ArrayList<Lease>();
        for (int i = 0; i < 3; i++) held.add(registry.lease(a));
        held.forEach(Lease::close);                       // a now idles on the whole budget
        await("a's connections idle", () -> registry.pool(a.name()).idleConnections() == 3);
        assertThat(registry.reclaimedConnections()).isZero();
        try (Lease lb = registry.lease(b)) {              // must not wait for a's idle timeout
            assertThat(selectOne(lb.connection())).isEqualTo(1);
        }
        assertThat(registry.backendConnections()).isLessThanOrEqualTo(3);
        assertThat(registry.reclaimedConnections()).as("a's idle connections, closed for b").isEqualTo(3);
    }

    @Test
    void theLeastRecentlyUsedIdleConnectionIsReclaimedFirst() throws Exception {
        registry(2);
        DatabaseConfig old = h2(unique("reclaim_old"), FOUR, false);
        DatabaseConfig recent = h2(unique("reclaim_recent"), FOUR, false);
        DatabaseConfig cold = h2(unique("reclaim_cold"), FOUR, false);
        registry.lease(old).close();
        Thread.sleep(20);                                 // lastUsed has millisecond resolution
        registry.lease(recent).close();                   // the budget is now idle in two pools, one per pool
        assertReclaimedFor(cold, old, recent, "the recently used pool keeps its own");
    }

    @Test
    void aFrequentlyUsedPoolKeepsItsIdleConnectionOverARecentlyUsedColdOne() throws Exception {
        registry(2);
        DatabaseConfig hot = h2(unique("reclaim_hot"), FOUR, false);
        DatabaseConfig cold = h2(unique("reclaim_cold"), FOUR, false);
        DatabaseConfig next = h2(unique("reclaim_next"), FOUR, false);
        for (int i = 0; i < 30; i++) registry.lease(hot).close();
        Thread.sleep(20);                                 // lastUsed has millisecond resolution
        registry.lease(cold).close();                     // the cold pool is now the more recently used
        assertReclaimedFor(next, cold, hot, "the frequently used pool keeps its own");
    }

    /**
     * With the budget idle in {@code reclaimed}'s and {@code kept}'s pools, one connection each, a lease of
     * {@code waiter} closes {@code reclaimed}'s and leaves {@code kept}'s.
     */
    private void assertReclaimedFor(DatabaseConfig waiter, DatabaseConfig reclaimed, DatabaseConfig kept,
                                    String why) throws SQLException {
        await("both idle", () -> registry.pool(reclaimed.name()).idleConnections() == 1
                && registry.pool(kept.name()).idleConnections() == 1);
        try (Lease lease = registry.lease(waiter)) {
            assertThat(selectOne(lease.connection())).isEqualTo(1);
            assertThat(registry.pool(kept.name()).idleConnections()).as(why).isEqualTo(1);
            assertThat(registry.pool(reclaimed.name()).idleConnections()).isZero();
        }
    }

    @Test
    void aReturnAsksForAReclaimWhenNoReclaimIsAlreadyFreeingAPermitForTheWaiter() throws Exception {
        var budget = new ConnectionBudget(1);
        var askedByReturn = new CopyOnWriteArrayList<String>();
        var asked = new AtomicInteger();
        Thread returning = Thread.currentThread();
        budget.onShortage(db -> {
            asked.incrementAndGet();
            if (Thread.currentThread() == returning) askedByReturn.add(db);
            return 0;                                     // nothing idle to reclaim: the waiter's reclaims free nothing
        });
        budget.acquire("hot", () -> true);
        Thread waiter = waitFor(budget, "cold");
        await("the waiter asked", () -> asked.get() > 0);
        budget.afterReturn("cold");                       // the waiting database's own return: nothing to do
        assertThat(askedByReturn).isEmpty();
        budget.afterReturn("hot");                        // another database's connection is idle now: reclaim
        assertThat(askedByReturn).containsExactly("cold");
        budget.release("hot");
        waiter.join();
        assertThat(budget.inUse()).isEqualTo(1);
    }

    @Test
    void aReturnLeavesItsConnectionWhenTheWaitersOwnReclaimIsFreeingOne() throws Exception {
        var budget = new ConnectionBudget(1);
        var askedByReturn = new AtomicInteger();
        var asked = new AtomicInteger();
        Thread returning = Thread.currentThread();
        budget.onShortage(db -> {
            asked.incrementAndGet();
            if (Thread.currentThread() == returning) askedByReturn.incrementAndGet();
            return 1;                                     // every reclaim starts closing one idle connection
        });
        budget.acquire("hot", () -> true);
        Thread waiter = waitFor(budget, "cold");
        await("the waiter asked", () -> asked.get() > 0);
        budget.afterReturn("hot");                        // a permit is already on its way to the one waiter
        assertThat(askedByReturn.get()).isZero();
        budget.release("hot");
        waiter.join();
    }

    /** A thread that takes a permit for {@code database}, waiting for it. */
    private static Thread waitFor(ConnectionBudget budget, String database) {
        return Thread.ofVirtual().start(() -> {
            try {
                budget.acquire(database, () -> true);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void aBusyPoolGivesUpConnectionsOnReturnWhileAnotherWaits() throws Exception {
        registry(2);
        DatabaseConfig hog = h2(unique("hog"), FOUR, false);
        DatabaseConfig quiet = h2(unique("quiet"), FOUR, false);
        Lease h1 = registry.lease(hog);
        Lease h2 = registry.lease(hog);
        CompletableFuture<Lease> waiter = CompletableFuture.supplyAsync(() -> {
            try {
                return registry.lease(quiet);
            } catch (SQLException e) {
                throw new RuntimeException(e);
            }
        }, retirer);
        Thread.sleep(200);                                // the quiet pool is now waiting for a permit
        assertThat(waiter).isNotDone();
        h1.close();                                       // returning while another pool waits: the permit moves
        try (Lease q = waiter.get(5, TimeUnit.SECONDS)) {
            assertThat(selectOne(q.connection())).isEqualTo(1);
        }
        h2.close();
    }

    @Test
    void manyDatabasesOverASmallBudgetAllGetServedWhenSomeAreHot() throws Exception {
        registry(4);
        var quick = new PoolSettings(2, 0, Duration.ofSeconds(3));
        List<DatabaseConfig> dbs = new ArrayList<>();
        for (int i = 0; i < 40; i++) dbs.add(h2(unique("skew"), quick, false));
        var errors = new AtomicInteger();
        var ok = new AtomicInteger();
        List<Thread> clients = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            clients.add(Thread.ofVirtual().start(() -> {
                var random = ThreadLocalRandom.current();
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(4);
                while (System.nanoTime() < end) {
                    // Half the operations go to two hot databases, the rest anywhere: cold pools keep needing a
                    // connection while hot ones keep theirs.
                    DatabaseConfig db = dbs.get(random.nextBoolean() ? random.nextInt(2) : random.nextInt(dbs.size()));
                    try (Lease l = registry.lease(db)) {
                        selectOne(l.connection());
                        ok.incrementAndGet();
                    } catch (SQLException e) {
                        errors.incrementAndGet();
                    }
                }
            }));
        }
        for (Thread c : clients) c.join();
        assertThat(errors.get()).as("operations that waited out connectionTimeout").isZero();
        assertThat(ok.get()).isGreaterThan(100);
        assertThat(registry.backendConnections()).isLessThanOrEqualTo(4);
    }

    @Test
    void neverMoreConnectionsThanTheBudgetUnderChurn() throws Exception {
        registry(5);
        List<DatabaseConfig> dbs = new ArrayList<>();
        for (int i = 0; i < 6; i++) dbs.add(h2(unique("churn"), FOUR, false));
        var stop = new AtomicBoolean();
        var maxSeen = new AtomicInteger();
        var errors = new AtomicInteger();
        var ok = new AtomicInteger();
        Thread sampler = Thread.ofPlatform().start(() -> {
            while (!stop.get()) maxSeen.accumulateAndGet(registry.backendConnections(), Math::max);
        });
        List<Thread> clients = new ArrayList<>();
        for (int t = 0; t < 12; t++) {
            int n = t;
            clients.add(Thread.ofVirtual().start(() -> {
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
                int i = n;
                while (System.nanoTime() < end) {
                    try (Lease l = registry.lease(dbs.get(i++ % dbs.size()))) {
                        selectOne(l.connection());
                        ok.incrementAndGet();
                    } catch (SQLException e) {
                        errors.incrementAndGet();
                    }
                }
            }));
        }
        for (Thread c : clients) c.join();
        stop.set(true);
        sampler.join();
        assertThat(maxSeen.get()).isBetween(1, 5);
        assertThat(errors.get()).isZero();
        assertThat(ok.get()).isGreaterThan(50);
    }
}

package dev.switchboard.bench.target;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * What an application does without a proxy: a map from database to HikariCP pool, created on first use and bounded
 * by a Caffeine cache (size-bounded), the "session registry" of DESIGN.md done in the app. An evicted pool is retired
 * the careful way: it takes no new users, and closes when its last user is done, so eviction never breaks work in
 * flight (a plain {@code close()} in the removal listener would abort borrowed connections). All pools share one
 * housekeeping scheduler. Thread-safe.
 */
final class InAppRegistry implements AutoCloseable {
    private final Function<String, String> urlOf;
    private final ToIntFunction<String> poolSizeOf;
    private final Login login;
    private final ScheduledExecutorService housekeeping = new ScheduledThreadPoolExecutor(1, r -> {
        var t = new Thread(r, "inapp-housekeeping");
        t.setDaemon(true);
        return t;
    });
    private final ExecutorService closer = Executors.newVirtualThreadPerTaskExecutor();
    private final Cache<String, Pool> pools;
    private final LongAdder created = new LongAdder();
    private final LongAdder evicted = new LongAdder();

    /** A pool and the threads using it; the last user out of a retired pool closes it. */
    private final class Pool {
        final HikariDataSource ds;
        final AtomicInteger users = new AtomicInteger();
        volatile boolean retired;

        Pool(HikariDataSource ds) {
            this.ds = ds;
        }

        /** False when the pool was retired meanwhile: take the new one. */
        boolean enter() {
            users.incrementAndGet();
            if (!retired) return true;
            leave();
            return false;
        }

        void leave() {
            if (users.decrementAndGet() == 0 && retired) closeSoon(ds);   // close() may race: idempotent
        }

        void retire() {
            retired = true;
            if (users.get() == 0) closeSoon(ds);
        }
    }

    InAppRegistry(Function<String, String> urlOf, ToIntFunction<String> poolSizeOf, int maxPools, Login login) {
        this.urlOf = urlOf;
        this.poolSizeOf = poolSizeOf;
        this.login = login;
        this.pools = Caffeine.newBuilder()
                .maximumSize(maxPools)
                .executor(closer)
                .removalListener((String db, Pool p, RemovalCause cause) -> {
                    if (cause.wasEvicted()) evicted.increment();      // not the EXPLICIT removals of close()
                    if (p != null) p.retire();
                })
                .build();
    }

    /** Runs {@code work} on a connection borrowed from {@code database}'s pool (created on first use). */
    <T> T call(String database, SqlWork<T> work) throws SQLException {
        Pool pool;
        do {
            pool = pools.get(database, this::create);
        } while (!pool.enter());
        try (Connection c = pool.ds.getConnection()) {
            return work.apply(c);
        } finally {
            pool.leave();
        }
    }

    /**
     * Pools created and evicted so far. An eviction is counted when Caffeine's removal listener runs, on the closer
     * executor, moments after the insert that caused it.
     */
    PoolCounts counts() {
        return new PoolCounts(created.sum(), evicted.sum());
    }

    /**
     * Closes {@code ds} on the closer, or right here once {@link #close()} has shut the closer down: the removal
     * listener of that last {@code invalidateAll()} runs on the closer too, after the shutdown, and its pools must
     * still close (not linger until the garbage collector finds their connections).
     */
    private void closeSoon(HikariDataSource ds) {
        try {
            closer.execute(ds::close);
        } catch (RejectedExecutionException shuttingDown) {
            ds.close();
        }
    }

    private Pool create(String database) {
        created.increment();                                  // Caffeine calls this once per miss, however many race
        var hc = new HikariConfig();
        hc.setPoolName("inapp-" + database);
        hc.setJdbcUrl(urlOf.apply(database));
        hc.setUsername(login.user());
        hc.setPassword(login.password());
        hc.setMaximumPoolSize(poolSizeOf.applyAsInt(database));
        hc.setMinimumIdle(0);
        hc.setConnectionTimeout(5_000);
        hc.setScheduledExecutor(housekeeping);
        // -1: building a pool does not touch the network, so a slow backend never blocks the cache's compute.
        hc.setInitializationFailTimeout(-1);
        return new Pool(new HikariDataSource(hc));
    }

    @Override
    public void close() {
        pools.invalidateAll();
        pools.cleanUp();
        closer.shutdown();
        try {
            if (!closer.awaitTermination(30, TimeUnit.SECONDS)) closer.shutdownNow();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        housekeeping.shutdownNow();
    }
}

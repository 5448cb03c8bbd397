package dev.switchboard.proxy.pool;

import com.zaxxer.hikari.HikariDataSource;
import dev.switchboard.proxy.config.DatabaseConfig;
import dev.switchboard.proxy.config.PoolSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.ref.WeakReference;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import static dev.switchboard.proxy.pool.TestDbs.h2;
import static dev.switchboard.proxy.pool.TestDbs.settings;
import static dev.switchboard.proxy.pool.TestDbs.unique;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pool churn leaves nothing behind: evicted and closed pools become garbage while the threads that borrowed from
 * them live on. HikariCP keeps each pool's recently returned connections in a thread-local list of the returning
 * thread; holding them strongly, every long-lived worker thread would keep every pool it ever touched (the proxy ran
 * out of heap after ~20,000 pools in the tenants bench). {@link PoolFactory} makes those lists weak.
 */
@Timeout(120)
class PoolChurnTest {
    private static final int DATABASES = 100;
    private static final int WORKERS = 4;

    @Test
    void closedPoolsBecomeGarbageWhileTheirBorrowersLiveOn() throws Exception {
        ExecutorService workers = Executors.newFixedThreadPool(WORKERS);    // long-lived, like the proxy's
        try (var retirer = Executors.newVirtualThreadPerTaskExecutor();
             var factory = new PoolFactory(2, new ConnectionBudget(40), null);
             var registry = new PoolRegistry(settings(10, Duration.ofMinutes(1), Duration.ofSeconds(10)), factory,
                     retirer)) {
            List<DatabaseConfig> dbs = new ArrayList<>();
            for (int i = 0; i < DATABASES; i++) {
                dbs.add(h2(unique("churn"), new PoolSettings(2, 0, Duration.ofSeconds(5)), false));
            }
            List<WeakReference<HikariDataSource>> pools = Collections.synchronizedList(new ArrayList<>());
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < WORKERS; w++) {
                done.add(workers.submit(() -> {
                    for (int i = 0; i < 500; i++) {
                        DatabaseConfig db = dbs.get(ThreadLocalRandom.current().nextInt(DATABASES));
                        try (Lease lease = registry.lease(db)) {
                            assertThat(lease.connection().isValid(1)).isTrue();
                            registry.find(db.name()).ifPresent(p -> pools.add(new WeakReference<>(hikari(p))));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) f.get();
            long created = registry.creations();
            assertThat(created).as("the workload churns pools").isGreaterThan(200);
            long alive = Long.MAX_VALUE;
            for (int i = 0; i < 50 && alive > 10; i++) {          // the evicted ones close on the retirer
                System.gc();
                Thread.sleep(100);
                alive = pools.stream().map(WeakReference::get).filter(p -> p != null).distinct().count();
            }
            assertThat(alive).as("pools still reachable, of %d created; the registry keeps 10", created)
                    .isLessThanOrEqualTo(10);
        } finally {
            workers.shutdownNow();
        }
    }

    private static HikariDataSource hikari(BackendPool pool) {
        try {
            var field = BackendPool.class.getDeclaredField("dataSource");
            field.setAccessible(true);
            return (HikariDataSource) field.get(pool);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}

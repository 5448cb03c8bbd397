package dev.switchboard.proxy.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The pool registry seen through the proxy: bounded pools under churn, and one pool per cold database under a race. */
@Timeout(120)
class RegistryIT {
    private static final String PASSWORD = "registry-secret";
    private TestProxy proxy;

    @AfterEach
    void stop() {
        if (proxy != null) proxy.close();
    }

    private TestProxy start(int maxPools) throws InterruptedException {
        return TestProxy.builder()
                .rawDatabase("\"t_{name}\": { jdbcUrl: \"jdbc:h2:mem:registry_it_{name};DB_CLOSE_DELAY=-1\", username: sa,"
                        + " pool: { maxPoolSize: 4 } }")
                .registry("{ maxPools: " + maxPools + ", drainTimeout: 5s }")
                .user("app", PASSWORD, List.of("t_{name}"))
                .start();
    }

    @Test
    void neverMoreThanMaxPoolsOpenAndNoClientErrors() throws Exception {
        proxy = start(3);
        var registry = proxy.server().registry();
        var stop = new AtomicBoolean();
        var maxSeen = new AtomicInteger();
        var queries = new AtomicInteger();
        Thread sampler = Thread.ofPlatform().start(() -> {
            while (!stop.get()) maxSeen.accumulateAndGet(registry.size(), Math::max);
        });
        ExecutorService clients = Executors.newFixedThreadPool(16);
        List<Future<?>> work = new ArrayList<>();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        for (int t = 0; t < 16; t++) {
            work.add(clients.submit(() -> {
                try (Connection c = proxy.connect("app", PASSWORD, "t_0")) {
                    while (System.nanoTime() < end) {
                        String db = "t_" + ThreadLocalRandom.current().nextInt(10);
                        c.setCatalog(db);
                        assertThat(TestDb.rows(c, "SELECT 1")).containsExactly(List.of(1));
                        queries.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : work) f.get();          // rethrows any client error
        stop.set(true);
        sampler.join();
        clients.shutdown();
        assertThat(queries.get()).isGreaterThan(100);
        assertThat(maxSeen.get()).isBetween(1, 3);
        assertThat(registry.creations()).as("churn over 10 databases").isGreaterThan(3);
    }

    @Test
    void fiftyConcurrentFirstUsesOfAColdDatabaseCreateOnePool() throws Exception {
        proxy = start(8);
        var registry = proxy.server().registry();
        long before = registry.creations();
        var go = new CountDownLatch(1);
        ExecutorService clients = Executors.newFixedThreadPool(50);
        List<Future<?>> work = new ArrayList<>();
        for (int t = 0; t < 50; t++) {
            work.add(clients.submit(() -> {
                go.await();
                try (Connection c = proxy.connect("app", PASSWORD, "t_cold")) {
                    assertThat(TestDb.rows(c, "SELECT 1")).containsExactly(List.of(1));
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : work) f.get();
        clients.shutdown();
        assertThat(registry.creations() - before).isEqualTo(1);
    }
}

package dev.switchboard.proxy.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Thousands of tenants on a fixed budget, against PostgreSQL: 200 tenants made from one template share 20 pools and
 * 40 backend connections; concurrent first queries make one pool; a hammering tenant does not starve a quiet one.
 * Tenants are schemas of the test database, and the proxy's backend connections carry an application name of their
 * own, so pg_stat_activity counts exactly them.
 */
@Timeout(180)
class TenantsIT {
    private static final String APP = "sb-tenants-it";
    private static final String PASSWORD = "tenant-secret";
    private static final int TENANTS = 200;
    private TestProxy proxy;

    @BeforeAll
    static void createTenants() throws SQLException {
        try (Connection c = Backend.POSTGRES.direct(); Statement st = c.createStatement()) {
            for (int i = 0; i < TENANTS; i++) {
                String schema = tenant(i);
                st.addBatch("CREATE SCHEMA IF NOT EXISTS " + schema);
                st.addBatch("CREATE TABLE IF NOT EXISTS " + schema + ".t (id INT PRIMARY KEY, v TEXT)");
                st.addBatch("INSERT INTO " + schema + ".t VALUES (1, '" + schema + "') ON CONFLICT DO NOTHING");
            }
            st.executeBatch();
        }
    }

    private static String tenant(int i) {
        return "tenant_%03d".formatted(i);
    }

    @AfterEach
    void stop() {
        if (proxy != null) proxy.close();
    }

    private TestProxy start(int maxPools, int budget, int maxPoolSize, String connectionTimeout)
            throws InterruptedException {
        String url = Backend.POSTGRES.require().jdbcUrl + "?currentSchema=tenant_{name}&ApplicationName=" + APP;
        return TestProxy.builder()
                .rawDatabase("\"tenant_{name}\": { jdbcUrl: \"" + url + "\", username: \"" + Backend.POSTGRES.user
                        + "\", password: \"${env:" + Backend.POSTGRES.passwordEnvName() + "}\", pool: { maxPoolSize: "
                        + maxPoolSize + ", connectionTimeout: " + connectionTimeout + " } }")
                .env(Backend.POSTGRES.env())
                .registry("{ maxPools: " + maxPools + ", maxBackendConnections: " + budget + ", drainTimeout: 5s }")
                .user("ops", PASSWORD, List.of("tenant_{name}"))
                .start();
    }

    /** Backend connections the proxy holds now, as PostgreSQL sees them. */
    private static int backendConnections(Statement monitor) throws SQLException {
        try (ResultSet rs = monitor.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE application_name = '"
                + APP + "'")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void twoHundredTenantsNeverExceedTheBackendBudget() throws Exception {
        proxy = start(20, 40, 4, "10s");
        var stop = new AtomicBoolean();
        var maxSeen = new AtomicInteger();
        var samples = new AtomicInteger();
        var ok = new AtomicInteger();
        var overload = new AtomicInteger();
        var unexpected = new ConcurrentLinkedQueue<SQLException>();
        Thread sampler = Thread.ofPlatform().start(() -> {
            try (Connection c = Backend.POSTGRES.direct(); Statement monitor = c.createStatement()) {
                while (!stop.get()) {
                    maxSeen.accumulateAndGet(backendConnections(monitor), Math::max);
                    samples.incrementAndGet();
                    Thread.sleep(100);
                }
            } catch (SQLException | InterruptedException e) {
                throw new RuntimeException(e);
            }
        });
        List<Thread> clients = new ArrayList<>();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (int t = 0; t < 32; t++) {
            clients.add(Thread.ofPlatform().start(() -> {
                try (Connection c = proxy.connect("ops", PASSWORD, tenant(0))) {
                    while (System.nanoTime() < end) {
                        String tenant = tenant(ThreadLocalRandom.current().nextInt(TENANTS));
                        try {
                            c.setCatalog(tenant);
                            assertThat(TestDb.rows(c, "SELECT v FROM t")).containsExactly(List.of(tenant));
                            ok.incrementAndGet();
                        } catch (SQLException e) {
                            if ("53300".equals(e.getSQLState())) overload.incrementAndGet();
                            else unexpected.add(e);
                        }
                    }
                } catch (SQLException e) {
                    unexpected.add(e);
                }
            }));
        }
        for (Thread c : clients) c.join();
        stop.set(true);
        sampler.join();
        assertThat(unexpected).as("errors other than 53300").isEmpty();
        assertThat(samples.get()).isGreaterThan(100);
        assertThat(maxSeen.get()).as("backend connections seen in pg_stat_activity").isBetween(1, 40);
        assertThat(ok.get()).as("queries answered").isPositive();
        assertThat(proxy.server().registry().size()).isLessThanOrEqualTo(20);
    }

    @Test
    void zipfSkewedLoadKeepsTheHotTenantsResident() throws Exception {
        proxy = start(20, 40, 4, "10s");
        var registry = proxy.server().registry();
        double[] cumulative = zipf(TENANTS, 1.1);
        List<String> hot = List.of(tenant(0), tenant(1), tenant(2), tenant(3), tenant(4));
        var instances = new ConcurrentHashMap<String, java.util.Set<Object>>();
        hot.forEach(t -> instances.put(t, java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>())));
        var stop = new AtomicBoolean();
        Thread sampler = Thread.ofPlatform().start(() -> {
            while (!stop.get()) {
                for (String t : hot) registry.find(t).ifPresent(p -> instances.get(t).add(p));
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        var unexpected = new ConcurrentLinkedQueue<SQLException>();
        List<Thread> clients = new ArrayList<>();
        for (int t = 0; t < 16; t++) {             // a fixed amount of work, not a duration: slow machines churn too
            clients.add(Thread.ofPlatform().start(() -> {
                try (Connection c = proxy.connect("ops", PASSWORD, tenant(0))) {
                    for (int op = 0; op < 150; op++) {
                        int i = java.util.Arrays.binarySearch(cumulative, ThreadLocalRandom.current().nextDouble());
                        String tenant = tenant(Math.min(TENANTS - 1, i < 0 ? -i - 1 : i));
                        try {
                            c.setCatalog(tenant);
                            TestDb.rows(c, "SELECT v FROM t");
                        } catch (SQLException e) {
                            if (!"53300".equals(e.getSQLState())) unexpected.add(e);
                        }
                    }
                } catch (SQLException e) {
                    unexpected.add(e);
                }
            }));
        }
        for (Thread c : clients) c.join();
        stop.set(true);
        sampler.join();
        assertThat(unexpected).isEmpty();
        assertThat(registry.creations()).as("cold tenants churn").isGreaterThan(20);
        for (String t : hot) {
            assertThat(instances.get(t)).as("pools created for hot tenant " + t).hasSizeLessThanOrEqualTo(2);
        }
    }

    /** Cumulative Zipf(s) probabilities over n ranks. */
    private static double[] zipf(int n, double s) {
        double[] c = new double[n];
        double sum = 0;
        for (int k = 1; k <= n; k++) sum += 1 / Math.pow(k, s);
        double acc = 0;
        for (int k = 1; k <= n; k++) {
            acc += 1 / Math.pow(k, s) / sum;
            c[k - 1] = acc;
        }
        return c;
    }

    @Test
    void aTenantOnAKnownServerIsSwitchedToWithoutABackendConnection() throws Exception {
        proxy = start(20, 40, 2, "60s");
        var registry = proxy.server().registry();
        try (Connection c = proxy.connect("ops", PASSWORD, tenant(0))) {
            assertThat(TestDb.rows(c, "SELECT id FROM t")).containsExactly(List.of(1));
            long created = registry.creations();
            c.setCatalog(tenant(150));                  // never seen, but on the server tenant_000 is on
            assertThat(registry.creations()).as("switching opened nothing").isEqualTo(created);
            assertThat(c.getMetaData().getDatabaseProductName()).isEqualTo("PostgreSQL");
            assertThat(TestDb.rows(c, "SELECT id FROM t")).containsExactly(List.of(1));
            assertThat(registry.creations()).as("its first statement did").isEqualTo(created + 1);
        }
    }

    @Test
    void hundredConcurrentFirstQueriesOnAColdTenantMakeOnePool() throws Exception {
        proxy = start(20, 40, 4, "60s");            // about one pool, not speed: generous on a loaded machine
        var registry = proxy.server().registry();
        long before = registry.creations();
        var go = new CountDownLatch(1);
        var errors = new ConcurrentLinkedQueue<Throwable>();
        List<Thread> clients = new ArrayList<>();
        for (int t = 0; t < 100; t++) {
            clients.add(Thread.ofVirtual().start(() -> {
                try {
                    go.await();
                    try (Connection c = proxy.connect("ops", PASSWORD, tenant(199))) {
                        assertThat(TestDb.rows(c, "SELECT id FROM t")).containsExactly(List.of(1));
                    }
                } catch (Throwable e) {
                    errors.add(e);
                }
            }));
        }
        go.countDown();
        for (Thread c : clients) c.join();
        assertThat(errors).isEmpty();
        assertThat(registry.creations() - before).isEqualTo(1);
    }

    @Test
    void aHammeringTenantDoesNotStarveAQuietOne() throws Exception {
        proxy = start(20, 8, 8, "5s");             // the hog alone could take the whole budget
        var stop = new AtomicBoolean();
        var hogErrors = new ConcurrentHashMap<String, AtomicInteger>();
        List<Thread> hogs = new ArrayList<>();
        for (int t = 0; t < 64; t++) {
            hogs.add(Thread.ofVirtual().start(() -> {
                try (Connection c = proxy.connect("ops", PASSWORD, tenant(1))) {
                    while (!stop.get()) {
                        try {
                            TestDb.rows(c, "SELECT pg_sleep(0.005)");
                        } catch (SQLException e) {
                            hogErrors.computeIfAbsent(e.getSQLState(), s -> new AtomicInteger()).incrementAndGet();
                        }
                    }
                } catch (SQLException e) {
                    hogErrors.computeIfAbsent(e.getSQLState(), s -> new AtomicInteger()).incrementAndGet();
                }
            }));
        }
        Thread.sleep(1000);                         // the hog now holds the budget
        long[] waits = new long[100];
        try (Connection quiet = proxy.connect("ops", PASSWORD, tenant(2))) {
            for (int i = 0; i < waits.length; i++) {
                long t0 = System.nanoTime();
                assertThat(TestDb.rows(quiet, "SELECT id FROM t")).containsExactly(List.of(1));
                waits[i] = System.nanoTime() - t0;
                Thread.sleep(20);
            }
        } finally {
            stop.set(true);
            for (Thread h : hogs) h.join();
        }
        Arrays.sort(waits);
        long p99 = waits[98];
        assertThat(TimeUnit.NANOSECONDS.toMillis(p99)).as("quiet tenant's p99 (connectionTimeout is 5 s)")
                .isLessThan(5000);
        assertThat(hogErrors.keySet()).as("hog errors by SQLSTATE").isSubsetOf(List.of("53300"));
    }
}

package dev.switchboard.proxy.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * {@code GET /metrics} parsed with a strict text-format parser: the series DESIGN.md lists exist, per-database series
 * stay bounded by {@code maxPools} however many tenants are touched, and counters never go backwards when pools go.
 */
@Timeout(120)
class MetricsIT {
    private static final String PASSWORD = "metrics-secret";
    private TestProxy proxy;

    @AfterEach
    void stop() {
        if (proxy != null) proxy.close();
    }

    private TestProxy start(int maxPools) throws InterruptedException {
        return TestProxy.builder()
                .rawDatabase("\"t_{name}\": { jdbcUrl: \"jdbc:h2:mem:metrics_it_{name};DB_CLOSE_DELAY=-1\","
                        + " username: sa, pool: { maxPoolSize: 2 } }")
                .registry("{ maxPools: " + maxPools + ", drainTimeout: 5s }")
                .user("app", PASSWORD, List.of("t_{name}"))
                .start();
    }

    private Map<String, PrometheusText.Family> scrape() {
        var response = new AdminHttp(proxy, null).get("/metrics");
        assertThat(response.status()).isEqualTo(200);
        return PrometheusText.parse(response.body());
    }

    @Test
    void touchingAHundredTenantsLeavesAtMostMaxPoolsDatabasesSeriesAndCountersNeverGoBack() throws Exception {
        proxy = start(5);
        Map<String, Double> previous = new HashMap<>();
        try (Connection c = proxy.connect("app", PASSWORD, "t_0")) {
            for (int i = 0; i < 100; i++) {
                c.setCatalog("t_" + i);
                assertThat(TestDb.rows(c, "SELECT 1")).containsExactly(List.of(1));
                if (i % 10 == 9) {
                    var families = scrape();
                    assertThat(databasesOf(families, "switchboard_", "database")).hasSizeLessThanOrEqualTo(5);
                    assertCountersNeverDecrease(previous, families);
                }
            }
        }
        awaitNoPoolDraining();
        var families = scrape();
        Set<String> resident = proxy.server().registry().pools().stream().map(p -> p.database())
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(resident).hasSize(5);
        assertThat(databasesOf(families, "switchboard_", "database")).isEqualTo(resident);
        assertThat(databasesOf(families, "hikaricp_", "pool")).isEqualTo(resident);
        assertThat(value(families, "switchboard_pool_creations", Map.of())).isEqualTo(100);
        assertThat(value(families, "switchboard_pool_evictions", Map.of("cause", "size"))).isEqualTo(95);
        assertThat(value(families, "switchboard_pools_open", Map.of())).isEqualTo(5);
        assertThat(value(families, "switchboard_backend_borrows", Map.of()))
                .as("borrows of evicted pools stay in the proxy-wide counter").isGreaterThanOrEqualTo(100);
        assertCountersNeverDecrease(previous, families);
    }

    @Test
    void connectionsClosedToFreeTheBudgetAreCounted() throws Exception {
        proxy = TestProxy.builder()
                .rawDatabase("\"t_{name}\": { jdbcUrl: \"jdbc:h2:mem:metrics_it_{name};DB_CLOSE_DELAY=-1\","
                        + " username: sa, pool: { maxPoolSize: 2 } }")
                .registry("{ maxPools: 8, maxBackendConnections: 1 }")
                .user("app", PASSWORD, List.of("t_{name}"))
                .start();
        try (Connection c = proxy.connect("app", PASSWORD, "t_a")) {
            for (String db : List.of("t_a", "t_b", "t_a")) {          // one connection: each switch reclaims it
                c.setCatalog(db);
                assertThat(TestDb.rows(c, "SELECT 1")).containsExactly(List.of(1));
            }
        }
        assertThat(value(scrape(), "switchboard_backend_reclaims", Map.of())).isEqualTo(2);
    }

    @Test
    void theSeriesDesignMdListsAreExported() throws Exception {
        proxy = start(8);
        catchThrowableOfType(SQLException.class, () -> proxy.connect("app", "wrong", "t_a"));
        try (Connection c = proxy.connect("app", PASSWORD, "t_a")) {
            c.setAutoCommit(false);
            TestDb.rows(c, "SELECT 1");                                   // a transaction pins its connection
            c.commit();
            c.setAutoCommit(true);
            try (Statement st = c.createStatement()) {
                st.setFetchSize(2);
                try (ResultSet rs = st.executeQuery("SELECT X FROM SYSTEM_RANGE(1, 10)")) {
                    assertThat(rs.next()).isTrue();                      // an open cursor pins its connection
                    var families = scrape();
                    assertThat(value(families, "switchboard_client_connections", Map.of("state", "idle")))
                            .isEqualTo(1);
                    assertThat(value(families, "switchboard_pool_connections",
                            Map.of("database", "t_a", "state", "active"))).isEqualTo(1);
                    assertThat(value(families, "switchboard_backend_connections_in_use", Map.of())).isEqualTo(1);
                }
            }
        }
        var f = scrape();
        assertThat(value(f, "switchboard_client_connection_attempts", Map.of("outcome", "accepted"))).isEqualTo(1);
        assertThat(value(f, "switchboard_client_connection_attempts", Map.of("outcome", "auth_failed"))).isEqualTo(1);
        assertThat(value(f, "switchboard_auth_failures", Map.of("reason", "wrong_password"))).isEqualTo(1);
        assertThat(value(f, "switchboard_requests", Map.of("kind", "execute", "outcome", "ok"))).isGreaterThan(1);
        assertThat(value(f, "switchboard_requests", Map.of("kind", "transact", "outcome", "ok"))).isEqualTo(1);
        assertThat(value(f, "switchboard_requests", Map.of("kind", "fetch", "outcome", "ok"))).isGreaterThan(0);
        assertThat(value(f, "switchboard_pins", Map.of("reason", "transaction"))).isEqualTo(1);
        assertThat(value(f, "switchboard_pins", Map.of("reason", "cursor"))).isEqualTo(1);
        assertThat(value(f, "switchboard_pins", Map.of("reason", "session_state"))).isZero();
        assertThat(f.get("switchboard_request_duration_seconds").type()).isEqualTo("histogram");
        assertThat(f.get("switchboard_backend_wait_seconds").type()).isEqualTo("histogram");
        assertThat(value(f, "switchboard_backend_wait_seconds_count", Map.of())).isGreaterThan(1);
        assertThat(value(f, "switchboard_backend_connections_max", Map.of())).isEqualTo(200);
        assertThat(value(f, "switchboard_pools_max", Map.of())).isEqualTo(8);
        assertThat(value(f, "switchboard_pool_evictions", Map.of("cause", "config"))).isZero();
        assertThat(value(f, "switchboard_client_received_bytes", Map.of())).isGreaterThan(100);
        assertThat(value(f, "switchboard_client_sent_bytes", Map.of())).isGreaterThan(100);
        assertThat(value(f, "hikaricp_connections", Map.of("pool", "t_a"))).isGreaterThanOrEqualTo(1);
        assertThat(f).containsKeys("jvm_memory_used_bytes", "jvm_threads_live_threads", "jvm_classes_loaded_classes",
                "process_uptime_seconds", "system_cpu_count");
    }

    /** Every counter (and histogram count) seen before is still there and has not gone down. */
    private static void assertCountersNeverDecrease(Map<String, Double> previous,
                                                    Map<String, PrometheusText.Family> families) {
        Map<String, Double> now = new HashMap<>();
        for (var family : families.values()) {
            boolean monotonic = family.type().equals("counter") || family.type().equals("histogram");
            if (!monotonic || !family.name().startsWith("switchboard_")) continue;
            for (var s : family.samples()) {
                if (s.name().endsWith("_sum") && family.type().equals("histogram")) continue;
                now.put(s.name() + new java.util.TreeMap<>(s.labels()), s.value());
            }
        }
        previous.forEach((series, before) -> {
            if (series.contains("database=")) return;                   // per-database series may go with their pool
            assertThat(now).as(series + " disappeared").containsKey(series);
            assertThat(now.get(series)).as(series + " went backwards").isGreaterThanOrEqualTo(before);
        });
        previous.putAll(now);
    }

    private static Set<String> databasesOf(Map<String, PrometheusText.Family> families, String prefix, String tag) {
        return families.values().stream()
                .filter(f -> f.name().startsWith(prefix))
                .flatMap(f -> f.samples().stream())
                .map(s -> s.label(tag))
                .filter(v -> v != null)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** The one sample of {@code name} (family or sample name) whose labels include {@code labels}. */
    private static double value(Map<String, PrometheusText.Family> families, String name, Map<String, String> labels) {
        var matches = families.values().stream()
                .flatMap(f -> f.samples().stream())
                .filter(s -> s.name().equals(name) || s.name().equals(name + "_total"))
                .filter(s -> s.labels().entrySet().containsAll(labels.entrySet()))
                .toList();
        assertThat(matches).as(name + labels).hasSize(1);
        return matches.getFirst().value();
    }

    private void awaitNoPoolDraining() throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (proxy.server().registry().draining() > 0 && System.nanoTime() < deadline) Thread.sleep(20);
        assertThat(proxy.server().registry().draining()).isZero();
    }
}

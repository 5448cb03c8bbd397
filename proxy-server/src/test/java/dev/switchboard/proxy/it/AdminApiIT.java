package dev.switchboard.proxy.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The admin HTTP API (docs/admin-api.md) against a running proxy on H2: every endpoint's answer and main error. */
@Timeout(60)
class AdminApiIT {
    private static final String TOKEN = "admin-it-token";
    private static final String PASSWORD = "admin-secret";
    private static TestProxy proxy;
    private static AdminHttp api;

    @BeforeAll
    static void start() throws Exception {
        proxy = TestProxy.builder()
                .rawDatabase("sales: { jdbcUrl: \"jdbc:h2:mem:admin_sales;DB_CLOSE_DELAY=-1\", username: sa }")
                .rawDatabase("slow: { jdbcUrl: \"jdbc:h2:mem:admin_slow;DB_CLOSE_DELAY=-1\", username: sa,"
                        + " pool: { connectionTimeout: 500ms } }")
                .rawDatabase("\"t_{name}\": { jdbcUrl: \"jdbc:h2:mem:admin_t_{name};DB_CLOSE_DELAY=-1\","
                        + " username: sa }")
                .user("alice", PASSWORD, List.of("sales", "slow", "t_{name}"))
                .adminToken(TOKEN)
                .start();
        api = new AdminHttp(proxy, TOKEN);
    }

    @AfterAll
    static void stop() {
        if (proxy != null) proxy.close();
    }

    @Test
    void apiCallsWithoutTheRightTokenAre401() {
        var none = new AdminHttp(proxy, null).get("/api/v1/pools");
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.error()).contains("missing bearer token");
        var wrong = api.withToken("not-" + TOKEN).get("/api/v1/pools");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.error()).isEqualTo("wrong bearer token").doesNotContain(TOKEN);
        assertThat(api.withToken(TOKEN + "x").get("/api/v1/nowhere").status()).as("401 before 404").isEqualTo(401);
        assertThat(api.get("/api/v1/pools").status()).isEqualTo(200);
    }

    @Test
    void withoutAConfiguredTokenTheApiIsOff() throws Exception {
        try (var open = TestProxy.builder()
                .rawDatabase("d: { jdbcUrl: \"jdbc:h2:mem:admin_off;DB_CLOSE_DELAY=-1\", username: sa }")
                .user("u", PASSWORD, List.of("d")).start()) {
            var http = new AdminHttp(open, "anything");
            assertThat(http.get("/api/v1/stats").status()).isEqualTo(403);
            assertThat(http.get("/api/v1/stats").error()).contains("admin.token");
            assertThat(http.get("/health/live").status()).isEqualTo(200);
        }
    }

    @Test
    void healthAndMetricsNeedNoToken() {
        var anonymous = new AdminHttp(proxy, null);
        assertThat(anonymous.get("/health/live").json().path("status").asText()).isEqualTo("live");
        var ready = anonymous.get("/health/ready");
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().path("status").asText()).isEqualTo("ready");
        var metrics = anonymous.get("/metrics");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.contentType()).startsWith("text/plain; version=0.0.4");
        assertThat(PrometheusText.parse(metrics.body())).containsKey("switchboard_pools_open");
    }

    @Test
    void unknownPathsAre404AndWrongMethods405() {
        assertThat(api.get("/api/v1/nowhere").status()).isEqualTo(404);
        var wrongMethod = api.delete("/api/v1/pools");
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.error()).contains("DELETE");
    }

    @Test
    void poolsListsTheResidentPoolsAndEvictRetiresOne() throws Exception {
        try (Connection c = proxy.connect("alice", PASSWORD, "t_list")) {
            assertThat(TestDb.rows(c, "SELECT 1")).containsExactly(List.of(1));
        }
        JsonNode pool = find(api.get("/api/v1/pools").json().path("pools"), "database", "t_list");
        assertThat(pool.path("mode").asText()).isEqualTo("transaction");
        assertThat(pool.path("state").asText()).isEqualTo("open");
        assertThat(pool.path("maxPoolSize").asInt()).isEqualTo(10);
        assertThat(pool.path("total").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(pool.path("active").asInt()).isZero();
        assertThat(pool.path("waiting").asInt()).isZero();
        assertThat(pool.path("keepWarm").asBoolean()).isFalse();
        assertThat(pool.path("createdAt").asText()).endsWith("Z");
        assertThat(pool.path("lastUsedAt").asText()).endsWith("Z");

        long explicitBefore = api.get("/api/v1/stats").json().path("poolEvictions").path("explicit").asLong();
        var evicted = api.post("/api/v1/pools/t_list/evict", null);
        assertThat(evicted.status()).isEqualTo(200);
        assertThat(evicted.json().path("database").asText()).isEqualTo("t_list");
        assertThat(evicted.json().path("evicted").asBoolean()).isTrue();
        assertThat(api.get("/api/v1/stats").json().path("poolEvictions").path("explicit").asLong())
                .isEqualTo(explicitBefore + 1);
        var again = api.post("/api/v1/pools/t_list/evict", null);
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.error()).contains("t_list");
    }

    @Test
    void pauseMakesNewWorkWaitLetsWorkInFlightFinishAndResumeReleasesIt() throws Exception {
        try (Connection busy = proxy.connect("alice", PASSWORD, "sales");
             Connection waiter = proxy.connect("alice", PASSWORD, "sales")) {
            TestDb.update(busy, "CREATE TABLE IF NOT EXISTS paused_it (n INT)");
            busy.setAutoCommit(false);
            TestDb.update(busy, "INSERT INTO paused_it VALUES (1)");           // holds its connection

            var paused = api.post("/api/v1/pools/sales/pause", null);
            assertThat(paused.status()).isEqualTo(200);
            assertThat(paused.json().path("paused").asBoolean()).isTrue();

            CompletableFuture<List<List<Object>>> query = CompletableFuture.supplyAsync(() -> {
                try {
                    return TestDb.rows(waiter, "SELECT 42");
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThatThrownBy(() -> query.get(700, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
            JsonNode pool = find(api.get("/api/v1/pools").json().path("pools"), "database", "sales");
            assertThat(pool.path("state").asText()).isEqualTo("paused");
            assertThat(pool.path("waiting").asInt()).isEqualTo(1);

            TestDb.update(busy, "INSERT INTO paused_it VALUES (2)");           // the transaction in flight goes on
            busy.commit();

            var resumed = api.post("/api/v1/pools/sales/resume", null);
            assertThat(resumed.json().path("paused").asBoolean()).isFalse();
            assertThat(query.get(10, TimeUnit.SECONDS)).containsExactly(List.of(42));
            assertThat(find(api.get("/api/v1/pools").json().path("pools"), "database", "sales")
                    .path("state").asText()).isEqualTo("open");
        }
    }

    @Test
    void aDatabasePausedLongerThanItsConnectionTimeoutAnswers53300() throws Exception {
        try (Connection c = proxy.connect("alice", PASSWORD, "slow")) {
            api.post("/api/v1/pools/slow/pause", null);
            try {
                var e = catchThrowableOfType(SQLException.class, () -> TestDb.rows(c, "SELECT 1"));
                assertThat(e.getSQLState()).isEqualTo("53300");
                assertThat(e.getMessage()).contains("slow").contains("paused");
            } finally {
                api.post("/api/v1/pools/slow/resume", null);
            }
            assertThat(TestDb.rows(c, "SELECT 1")).containsExactly(List.of(1));
        }
        assertThat(api.post("/api/v1/pools/nosuchdb/pause", null).status()).isEqualTo(404);
    }

    @Test
    void sessionsListsClientsAndKillClosesOne() throws Exception {
        try (Connection victim = proxy.connect("alice", PASSWORD, "sales")) {
            victim.setAutoCommit(false);
            TestDb.rows(victim, "SELECT 1");
            JsonNode sessions = api.get("/api/v1/sessions").json().path("sessions");
            JsonNode mine = StreamSupport.stream(sessions.spliterator(), false)
                    .filter(s -> s.path("state").asText().equals("in-transaction")).findFirst().orElseThrow();
            assertThat(mine.path("user").asText()).isEqualTo("alice");
            assertThat(mine.path("database").asText()).isEqualTo("sales");
            assertThat(mine.path("client").asText()).contains("127.0.0.1");
            assertThat(mine.path("ageSeconds").asLong()).isGreaterThanOrEqualTo(0);
            assertThat(mine.path("runningMillis").isNull()).isTrue();
            long id = mine.path("id").asLong();

            var killed = api.delete("/api/v1/sessions/" + id);
            assertThat(killed.status()).isEqualTo(200);
            assertThat(killed.json().path("killed").asBoolean()).isTrue();
            var e = catchThrowableOfType(SQLException.class, () -> TestDb.rows(victim, "SELECT 1"));
            assertThat(e.getSQLState()).startsWith("08");
            assertThat(api.delete("/api/v1/sessions/" + id).status()).isIn(200, 404);   // 404 once it has closed
        }
        assertThat(api.delete("/api/v1/sessions/999999").status()).isEqualTo(404);
        assertThat(api.delete("/api/v1/sessions/abc").status()).isEqualTo(404);
    }

    @Test
    void usersAndDatabasesAreListedWithoutSecrets() {
        var users = api.get("/api/v1/users");
        assertThat(users.status()).isEqualTo(200);
        JsonNode alice = find(users.json().path("users"), "name", "alice");
        assertThat(alice.path("databases").toString()).isEqualTo("[\"sales\",\"slow\",\"t_{name}\"]");
        assertThat(alice.path("default").asText()).isEqualTo("sales");
        assertThat(alice.path("validUntil").isNull()).isTrue();
        assertThat(alice.path("maxClientConnections").asInt()).isZero();
        assertThat(users.body()).doesNotContain("SCRAM").doesNotContain("password");

        var databases = api.get("/api/v1/databases");
        JsonNode template = find(databases.json().path("databases"), "name", "t_{name}");
        assertThat(template.path("template").asBoolean()).isTrue();
        assertThat(template.path("jdbcUrl").asText()).isEqualTo("jdbc:h2:mem:admin_t_{name};DB_CLOSE_DELAY=-1");
        assertThat(template.path("username").asText()).isEqualTo("sa");
        assertThat(template.path("poolMode").isNull()).isTrue();
        JsonNode slow = find(databases.json().path("databases"), "name", "slow");
        assertThat(slow.path("pool").path("connectionTimeoutMillis").asLong()).isEqualTo(500);
        assertThat(databases.body()).doesNotContain("password");
    }

    @Test
    void badBodiesAre400WithTheReason() {
        var inlinePassword = api.put("/api/v1/databases/x", "{\"jdbcUrl\":\"jdbc:h2:mem:x\",\"password\":\"hunter2\"}");
        assertThat(inlinePassword.status()).isEqualTo(400);
        assertThat(inlinePassword.error()).contains("databases.x.password").doesNotContain("hunter2");
        var notJson = api.put("/api/v1/users/bob", "{not json");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.error()).contains("JSON");
        var unknownKey = api.put("/api/v1/users/bob", "{\"password\":\"x\",\"databases\":[],\"colour\":1}");
        assertThat(unknownKey.status()).isEqualTo(400);
        assertThat(unknownKey.error()).contains("colour");
        assertThat(api.post("/api/v1/reload?dryRun=maybe", null).status()).isEqualTo(400);
        assertThat(api.delete("/api/v1/users/nobody").status()).isEqualTo(404);
        assertThat(api.delete("/api/v1/databases/nothing").status()).isEqualTo(404);
        var badTarget = api.post("/api/v1/databases/sales/move", "{\"jdbcUrl\":\"jdbc:h2:tcp://127.0.0.1:1/x\"}");
        assertThat(badTarget.status()).isEqualTo(409);
        assertThat(badTarget.error()).contains("failed its check").contains("nothing changed");
        assertThat(api.post("/api/v1/databases/nothing/move", "{\"jdbcUrl\":\"jdbc:h2:mem:x\"}").status())
                .isEqualTo(404);
    }

    @Test
    void statsSumsUpTheProxy() throws Exception {
        try (Connection c = proxy.connect("alice", PASSWORD, "sales")) {
            assertThat(c.isValid(5)).isTrue();
            JsonNode stats = api.get("/api/v1/stats").json();
            assertThat(stats.path("version").asText()).startsWith("Switchboard ");
            assertThat(stats.path("uptimeSeconds").asLong()).isGreaterThanOrEqualTo(0);
            assertThat(stats.path("clientConnections").asInt()).isGreaterThanOrEqualTo(1);
            assertThat(stats.path("sessions").asInt()).isGreaterThanOrEqualTo(1);
            assertThat(stats.path("poolsOpen").asInt()).isGreaterThanOrEqualTo(1);
            assertThat(stats.path("maxPools").asInt()).isEqualTo(64);
            assertThat(stats.path("maxBackendConnections").asInt()).isEqualTo(200);
            assertThat(stats.path("poolCreations").asLong()).isGreaterThanOrEqualTo(1);
            assertThat(stats.path("poolEvictions").has("config")).isTrue();
            assertThat(stats.path("backendConnections").asInt()).isGreaterThanOrEqualTo(0);
        }
    }

    @Test
    void shutdownAnswers202DrainsThenExits() throws Exception {
        var exited = new CompletableFuture<Void>();
        try (var doomed = TestProxy.builder()
                .rawDatabase("d: { jdbcUrl: \"jdbc:h2:mem:admin_shutdown;DB_CLOSE_DELAY=-1\", username: sa }")
                .user("u", PASSWORD, List.of("d"))
                .adminToken(TOKEN)
                .onExit(() -> exited.complete(null))
                .start()) {
            var http = new AdminHttp(doomed, TOKEN);
            Connection open = doomed.connect("u", PASSWORD, "d");
            open.setAutoCommit(false);
            assertThat(TestDb.rows(open, "SELECT 1")).containsExactly(List.of(1));   // a transaction in flight

            var accepted = http.post("/api/v1/shutdown", "{\"drainSeconds\":20}");
            assertThat(accepted.status()).isEqualTo(202);
            assertThat(accepted.json().path("draining").asBoolean()).isTrue();
            var ready = http.get("/health/ready");
            assertThat(ready.status()).isEqualTo(503);
            assertThat(ready.json().path("status").asText()).isEqualTo("draining");
            assertThat(http.post("/api/v1/shutdown", "{}").status()).isEqualTo(409);
            assertThatThrownBy(() -> doomed.connect("u", PASSWORD, "d")).isInstanceOf(SQLException.class);

            assertThat(TestDb.rows(open, "SELECT 2")).as("the transaction goes on").containsExactly(List.of(2));
            assertThatThrownBy(() -> exited.get(500, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
            open.commit();                              // the last transaction ends: its session closes, the drain ends
            exited.get(15, TimeUnit.SECONDS);
            open.close();
        } catch (ExecutionException e) {
            throw new AssertionError(e);
        }
    }

    private static JsonNode find(JsonNode array, String key, String value) {
        return StreamSupport.stream(array.spliterator(), false)
                .filter(n -> n.path(key).asText().equals(value))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + key + "=" + value + " in " + array));
    }
}

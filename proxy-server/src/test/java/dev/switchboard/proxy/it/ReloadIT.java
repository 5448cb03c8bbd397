package dev.switchboard.proxy.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.protocol.scram.ScramVerifier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Config changes without a restart: staged reloads of the config file, and users and databases edited through the
 * admin API, written durably to the file (a restarted proxy has them) and applied at once.
 */
@Timeout(60)
class ReloadIT {
    private static final String TOKEN = "reload-it-token";
    private static final String PASSWORD = "reload-secret";
    @TempDir
    Path dir;
    private final List<TestProxy> started = new ArrayList<>();

    @AfterEach
    void stop() {
        started.forEach(TestProxy::close);
    }

    private TestProxy start() throws InterruptedException {
        return keep(TestProxy.builder()
                .rawDatabase("a: { jdbcUrl: \"jdbc:h2:mem:reload_a;DB_CLOSE_DELAY=-1\", username: sa }")
                .rawDatabase("b: { jdbcUrl: \"jdbc:h2:mem:reload_b;DB_CLOSE_DELAY=-1\", username: sa }")
                .user("u", PASSWORD, List.of("a", "b"))
                .adminToken(TOKEN)
                .directory(dir)
                .start());
    }

    private TestProxy keep(TestProxy p) {
        started.add(p);
        return p;
    }

    private static void edit(Path file, String from, String to) throws Exception {
        String text = Files.readString(file);
        assertThat(text).contains(from);
        Files.writeString(file, text.replace(from, to));
    }

    @Test
    void dryRunShowsTheDiffThenApplyingSwapsTheConfig() throws Exception {
        TestProxy proxy = start();
        var api = new AdminHttp(proxy, TOKEN);
        Connection onB = proxy.connect("u", PASSWORD, "b");
        try (Connection onA = proxy.connect("u", PASSWORD, "a")) {
            assertThat(TestDb.rows(onA, "SELECT 1")).containsExactly(List.of(1));
        }
        Path file = proxy.configFile();
        edit(file, "  b: { jdbcUrl: \"jdbc:h2:mem:reload_b;DB_CLOSE_DELAY=-1\", username: sa }\n",
                "  c: { jdbcUrl: \"jdbc:h2:mem:reload_c;DB_CLOSE_DELAY=-1\", username: sa }\n");
        edit(file, "reload_a;DB_CLOSE_DELAY=-1\", username: sa }",
                "reload_a;DB_CLOSE_DELAY=-1\", username: sa, pool: { maxPoolSize: 3 } }");
        edit(file, "databases: [\"a\", \"b\"]", "databases: [\"a\", \"c\"]");

        var dry = api.post("/api/v1/reload?dryRun=true", null);
        assertThat(dry.status()).isEqualTo(200);
        assertThat(dry.json().path("applied").asBoolean()).isFalse();
        JsonNode changes = dry.json().path("changes");
        assertThat(names(changes, "databasesAdded")).containsExactly("c");
        assertThat(names(changes, "databasesRemoved")).containsExactly("b");
        assertThat(names(changes, "databasesChanged")).containsExactly("a");
        assertThat(names(changes, "usersChanged")).containsExactly("u");
        assertThat(names(changes, "usersAdded")).isEmpty();
        assertThat(names(changes, "poolsReplaced")).containsExactlyInAnyOrder("a", "b");
        assertThat(names(changes, "restartRequired")).isEmpty();
        assertThat(catchThrowableOfType(SQLException.class, () -> proxy.connect("u", PASSWORD, "c")).getSQLState())
                .as("a dry run applies nothing").isEqualTo("28000");

        long configEvictions = api.get("/api/v1/stats").json().path("poolEvictions").path("config").asLong();
        var applied = api.post("/api/v1/reload?dryRun=false", null);
        assertThat(applied.status()).isEqualTo(200);
        assertThat(applied.json().path("applied").asBoolean()).isTrue();
        try (Connection onC = proxy.connect("u", PASSWORD, "c")) {
            assertThat(TestDb.rows(onC, "SELECT 3")).containsExactly(List.of(3));
        }
        assertThat(catchThrowableOfType(SQLException.class, () -> proxy.connect("u", PASSWORD, "b")).getSQLState())
                .isEqualTo("28000");
        var gone = catchThrowableOfType(SQLException.class, () -> TestDb.rows(onB, "SELECT 1"));
        assertThat(gone.getSQLState()).as("a session on a removed database").isEqualTo("3D000");
        onB.close();
        assertThat(api.get("/api/v1/stats").json().path("poolEvictions").path("config").asLong())
                .isEqualTo(configEvictions + 2);
        try (Connection onA = proxy.connect("u", PASSWORD, "a")) {
            TestDb.rows(onA, "SELECT 1");
            assertThat(proxy.server().registry().pool("a").settings().maxPoolSize()).isEqualTo(3);
        }
        JsonNode again = api.post("/api/v1/reload", null).json().path("changes");
        assertThat(names(again, "databasesChanged")).as("nothing left to change").isEmpty();
    }

    @Test
    void aBadFileIsRefusedAndTheRunningConfigStays() throws Exception {
        TestProxy proxy = start();
        var api = new AdminHttp(proxy, TOKEN);
        Files.writeString(proxy.configFile(), Files.readString(proxy.configFile()) + "pool: { maxPoolSize: 0 }\n");
        for (String dryRun : List.of("true", "false")) {
            var refused = api.post("/api/v1/reload?dryRun=" + dryRun, null);
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.error()).contains("pool.maxPoolSize");
        }
        try (Connection c = proxy.connect("u", PASSWORD, "b")) {
            assertThat(TestDb.rows(c, "SELECT 1")).containsExactly(List.of(1));
        }
    }

    @Test
    void settingsThatNeedARestartAreReportedNotApplied() throws Exception {
        TestProxy proxy = start();
        var api = new AdminHttp(proxy, TOKEN);
        Files.writeString(proxy.configFile(), Files.readString(proxy.configFile())
                .replace("server: { listen: \"127.0.0.1:0\" }", "server: { listen: \"127.0.0.1:0\", "
                        + "maxFrameBytes: 65536, poolMode: session }")
                + "registry: { maxPools: 7 }\n");
        JsonNode changes = api.post("/api/v1/reload?dryRun=false", null).json().path("changes");
        assertThat(names(changes, "restartRequired")).containsExactly("server.maxFrameBytes", "registry.maxPools");
        assertThat(names(changes, "settingsChanged")).containsExactly("server.poolMode");
        assertThat(proxy.server().config().registry().maxPools()).isEqualTo(64);
        assertThat(proxy.server().config().server().maxFrameBytes()).isEqualTo(16 << 20);
        assertThat(proxy.server().config().server().poolMode().name()).isEqualTo("SESSION");
    }

    @Test
    void usersAddedAndRemovedThroughTheApiAreWrittenToTheFileAndSurviveARestart() throws Exception {
        TestProxy proxy = start();
        var api = new AdminHttp(proxy, TOKEN);
        String verifier = ScramVerifier.create("carols-secret".toCharArray()).format();
        var put = api.put("/api/v1/users/carol", "{\"password\":\"" + verifier + "\",\"databases\":[\"a\"],"
                + "\"validUntil\":\"2999-01-01\",\"maxClientConnections\":5}");
        assertThat(put.status()).isEqualTo(200);
        assertThat(put.json().path("name").asText()).isEqualTo("carol");
        assertThat(put.json().path("created").asBoolean()).isTrue();
        try (Connection c = proxy.connect("carol", "carols-secret", "")) {
            assertThat(c.getCatalog()).isEqualTo("a");
        }
        assertThat(Files.readString(proxy.configFile())).contains("carol").contains(verifier);
        assertThat(api.put("/api/v1/users/carol", "{\"password\":\"" + verifier + "\",\"databases\":[\"a\",\"b\"]}")
                .json().path("created").asBoolean()).isFalse();
        var refused = api.put("/api/v1/users/dave", "{\"password\":\"" + verifier + "\",\"databases\":[\"zz\"]}");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.error()).contains("users.dave.databases[0]");
        assertThat(Files.readString(proxy.configFile())).doesNotContain("dave");
        proxy.close();
        started.remove(proxy);

        TestProxy restarted = keep(TestProxy.fromFile(proxy.configFile(), proxy, () -> { }));
        try (Connection c = restarted.connect("carol", "carols-secret", "b")) {
            assertThat(TestDb.rows(c, "SELECT 1")).containsExactly(List.of(1));
        }
        var http = new AdminHttp(restarted, TOKEN);
        JsonNode carol = StreamSupport.stream(http.get("/api/v1/users").json().path("users").spliterator(), false)
                .filter(u -> u.path("name").asText().equals("carol")).findFirst().orElseThrow();
        assertThat(carol.path("maxClientConnections").asInt()).isZero();   // the second PUT replaced the entry

        var removed = http.delete("/api/v1/users/carol");
        assertThat(removed.status()).isEqualTo(200);
        assertThat(removed.json().path("removed").asBoolean()).isTrue();
        assertThat(catchThrowableOfType(SQLException.class, () -> restarted.connect("carol", "carols-secret", "a"))
                .getSQLState()).isEqualTo("28000");
        assertThat(Files.readString(proxy.configFile())).doesNotContain("carol");
        restarted.close();
        started.remove(restarted);

        TestProxy again = keep(TestProxy.fromFile(proxy.configFile(), proxy, () -> { }));
        assertThat(catchThrowableOfType(SQLException.class, () -> again.connect("carol", "carols-secret", "a"))
                .getSQLState()).isEqualTo("28000");
        try (Connection c = again.connect("u", PASSWORD, "a")) {
            assertThat(TestDb.rows(c, "SELECT 1")).containsExactly(List.of(1));
        }
    }

    @Test
    void databasesAddedThroughTheApiAreReachableAndOneInUseCannotBeRemoved() throws Exception {
        TestProxy proxy = start();
        var api = new AdminHttp(proxy, TOKEN);
        var put = api.put("/api/v1/databases/d", "{\"jdbcUrl\":\"jdbc:h2:mem:reload_d;DB_CLOSE_DELAY=-1\","
                + "\"username\":\"sa\",\"poolMode\":\"session\",\"pool\":{\"maxPoolSize\":2,"
                + "\"connectionTimeoutMillis\":1500}}");
        assertThat(put.status()).isEqualTo(200);
        assertThat(put.json().path("created").asBoolean()).isTrue();
        String verifier = ScramVerifier.create("erin".toCharArray()).format();
        assertThat(api.put("/api/v1/users/erin", "{\"password\":\"" + verifier + "\",\"databases\":[\"d\"]}")
                .status()).isEqualTo(200);
        try (Connection c = proxy.connect("erin", "erin", "d")) {
            assertThat(TestDb.rows(c, "SELECT 4")).containsExactly(List.of(4));
        }
        var d = proxy.server().config().database("d").orElseThrow();
        assertThat(d.pool().maxPoolSize()).isEqualTo(2);
        assertThat(d.pool().connectionTimeout().toMillis()).isEqualTo(1500);

        var inUse = api.delete("/api/v1/databases/d");
        assertThat(inUse.status()).isEqualTo(400);
        assertThat(inUse.error()).contains("users.erin.databases[0]");
        assertThat(api.delete("/api/v1/users/erin").status()).isEqualTo(200);
        assertThat(api.delete("/api/v1/databases/d").status()).isEqualTo(200);
        assertThat(proxy.server().config().database("d")).isEmpty();
        assertThat(Files.readString(proxy.configFile())).doesNotContain("reload_d");
    }

    private static List<String> names(JsonNode changes, String key) {
        assertThat(changes.has(key)).as(key).isTrue();
        return StreamSupport.stream(changes.path(key).spliterator(), false).map(JsonNode::asText).toList();
    }
}

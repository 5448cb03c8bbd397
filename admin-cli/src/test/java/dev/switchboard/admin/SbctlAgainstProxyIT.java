package dev.switchboard.admin;

import dev.switchboard.protocol.scram.ScramVerifier;
import dev.switchboard.proxy.Switchboard;
import dev.switchboard.proxy.config.ConfigLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** Every sbctl command against a running proxy (in-process, H2 backends), through its real admin HTTP API. */
@Timeout(120)
class SbctlAgainstProxyIT {
    private static final String TOKEN = "sbctl-e2e-token";
    private static final Map<String, String> ENV = Map.of("SB_ADMIN_TOKEN", TOKEN, "SWITCHBOARD_ADMIN_TOKEN", TOKEN);
    private static final AtomicBoolean exited = new AtomicBoolean();
    private static Path dir;
    private static Switchboard proxy;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("sbctl-e2e");
        String verifier = ScramVerifier.create("pw".toCharArray()).format();
        Path file = dir.resolve("switchboard.yml");
        Files.writeString(file, """
                server: { listen: "127.0.0.1:0" }
                admin: { listen: "127.0.0.1:0", token: "${env:SB_ADMIN_TOKEN}" }
                databases:
                  sales: { jdbcUrl: "jdbc:h2:mem:sbctl_sales;DB_CLOSE_DELAY=-1", username: sa }
                  archive: { jdbcUrl: "jdbc:h2:mem:sbctl_archive;DB_CLOSE_DELAY=-1", username: sa }
                  "t_{name}": { jdbcUrl: "jdbc:h2:mem:sbctl_t_{name};DB_CLOSE_DELAY=-1", username: sa }
                users:
                  alice: { password: "%s", databases: [sales, archive, "t_{name}"], default: sales }
                """.formatted(verifier));
        proxy = Switchboard.start(ConfigLoader.load(file, ENV::get),
                new Switchboard.Options(Optional.of(file), ENV::get, () -> exited.set(true)));
    }

    @AfterAll
    static void stop() {
        if (proxy != null) proxy.close();
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run sbctl(String stdin, String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        var cmd = Sbctl.commandLine(ENV, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), null);
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        var all = new ArrayList<>(List.of("--server", "http://127.0.0.1:" + proxy.adminAddress().getPort()));
        all.addAll(List.of(args));
        int exit = cmd.execute(all.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString());
    }

    private static Connection alice(String db) throws SQLException {
        return DriverManager.getConnection("jdbc:switchboard://127.0.0.1:" + proxy.port() + "/" + db, "alice", "pw");
    }

    private static int selectOne(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT 1")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void poolsSessionsStatsEvictPauseResumeKill() throws Exception {
        try (Connection c = alice("sales")) {
            assertThat(selectOne(c)).isEqualTo(1);
            Run pools = sbctl("", "pools");
            assertThat(pools.exit()).isZero();
            assertThat(pools.out()).contains("sales");
            Run sessions = sbctl("", "--output", "json", "sessions");
            assertThat(sessions.exit()).isZero();
            assertThat(sessions.out()).contains("\"user\"").contains("alice");
            assertThat(sbctl("", "stats").out()).contains("poolCreations");
            assertThat(sbctl("", "pause", "sales").exit()).isZero();
            assertThat(sbctl("", "pools").out()).contains("paused");
            assertThat(sbctl("", "resume", "sales").exit()).isZero();
            assertThat(selectOne(c)).isEqualTo(1);
            assertThat(sbctl("", "evict", "sales").exit()).isZero();
            assertThat(selectOne(c)).as("a new pool after the eviction").isEqualTo(1);
            String id = sessions.out().replaceAll("(?s).*\"id\"\\s*:\\s*\"?(\\d+).*", "$1");
            assertThat(sbctl("", "kill", id).exit()).isZero();
            long deadline = System.nanoTime() + 5_000_000_000L;
            SQLException gone = null;
            while (gone == null && System.nanoTime() < deadline) {
                try {
                    selectOne(c);
                    Thread.sleep(50);
                } catch (SQLException e) {
                    gone = e;
                }
            }
            assertThat((Object) gone).isNotNull();
            assertThat(gone.getSQLState()).startsWith("08");
        }
        assertThat(sbctl("", "evict", "no_such_db").exit()).isEqualTo(1);
    }

    @Test
    void usersAndDatabasesAreEditedDurablyAndReloadShowsTheDiff() throws Exception {
        Run add = sbctl("s3cret\n", "users", "add", "carol", "--databases", "sales", "--password-stdin");
        assertThat(add.exit()).as(add.err()).isZero();
        try (Connection c = DriverManager.getConnection("jdbc:switchboard://127.0.0.1:" + proxy.port() + "/sales",
                "carol", "s3cret")) {
            assertThat(selectOne(c)).isEqualTo(1);
        }
        assertThat(Files.readString(dir.resolve("switchboard.yml"))).contains("carol").doesNotContain("s3cret");
        assertThat(sbctl("", "users", "list").out()).contains("carol");
        assertThat(sbctl("", "users", "remove", "carol").exit()).isZero();

        Run db = sbctl("", "databases", "add", "support", "--jdbc-url", "jdbc:h2:mem:sbctl_support;DB_CLOSE_DELAY=-1",
                "--username", "sa");
        assertThat(db.exit()).as(db.err()).isZero();
        assertThat(sbctl("", "databases", "list").out()).contains("support");
        assertThat(sbctl("", "databases", "remove", "support").exit()).isZero();

        Path file = dir.resolve("switchboard.yml");
        Files.writeString(file, Files.readString(file).replace("sbctl_sales;", "sbctl_sales_moved;"));
        Run dry = sbctl("", "reload", "--dry-run");
        assertThat(dry.exit()).as(dry.err()).isZero();
        assertThat(dry.out()).contains("sales").contains("dry run");
        assertThat(sbctl("", "reload").exit()).isZero();
    }

    @Test
    void databasesMoveSwitchesTheBackendAndRefusesABadTarget() throws Exception {
        Run bad = sbctl("", "databases", "move", "archive", "--to", "jdbc:h2:tcp://127.0.0.1:1/nowhere");
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.err()).contains("nothing changed");
        Run moved = sbctl("", "databases", "move", "archive", "--to", "jdbc:h2:mem:sbctl_archive_new;DB_CLOSE_DELAY=-1");
        assertThat(moved.exit()).as(moved.err()).isZero();
        assertThat(sbctl("", "databases", "list").out()).contains("sbctl_archive_new");
        try (Connection c = alice("archive")) {
            assertThat(selectOne(c)).isEqualTo(1);
        }
    }

    @Test
    void scramAndCompletionNeedNoServerAndAWrongTokenIsARefusal() {
        Run scram = sbctl("pw\n", "scram", "--password-stdin");
        assertThat(scram.exit()).isZero();
        assertThat(ScramVerifier.parse(scram.out().trim()).iterations()).isEqualTo(4096);
        assertThat(sbctl("", "completion").out()).contains("sbctl");
        Run refused = sbctl("", "--token", "wrong", "pools");
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).containsIgnoringCase("token");
    }
}

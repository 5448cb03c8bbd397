package dev.switchboard.proxy.it;

import dev.switchboard.protocol.scram.ScramVerifier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Users and databases from the catalog tables in PostgreSQL (shared by replicas), merged with the config file (the
 * file wins), refreshed every {@code catalog.refresh}; bad rows are skipped, not fatal.
 */
@Timeout(90)
class CatalogIT {
    private static final String PASSWORD = "catalog-secret";
    private TestProxy proxy;

    @BeforeEach
    void cleanCatalog() throws SQLException {
        try (Connection c = Backend.POSTGRES.direct()) {
            TestDb.update(c, "DROP TABLE IF EXISTS switchboard_users");
            TestDb.update(c, "DROP TABLE IF EXISTS switchboard_databases");
        }
    }

    @AfterEach
    void stop() {
        if (proxy != null) proxy.close();
    }

    private static void catalog(String sql, Object... args) throws SQLException {
        try (Connection c = Backend.POSTGRES.direct(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
            ps.executeUpdate();
        }
    }

    private static void addUser(String name, String... databases) throws SQLException {
        try (Connection c = Backend.POSTGRES.direct(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO switchboard_users (name, verifier, databases) VALUES (?, ?, ?)")) {
            ps.setString(1, name);
            ps.setString(2, ScramVerifier.create(PASSWORD.toCharArray()).format());
            ps.setArray(3, c.createArrayOf("text", databases));
            ps.executeUpdate();
        }
    }

    private void awaitLogin(String user, String db, boolean expected) throws Exception {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (true) {
            boolean ok;
            try (Connection c = proxy.connect(user, PASSWORD, db)) {
                ok = TestDb.rows(c, "SELECT 1").equals(List.of(List.of(1)));
            } catch (SQLException e) {
                assertThat(e.getSQLState()).isEqualTo("28000");
                ok = false;
            }
            if (ok == expected) return;
            if (System.nanoTime() > deadline) throw new AssertionError(user + " login never became " + expected);
            Thread.sleep(200);
        }
    }

    @Test
    void catalogUsersAndDatabasesJoinTheFileOnesAndFollowTheCatalog() throws Exception {
        Backend.POSTGRES.require();
        try (Connection c = Backend.POSTGRES.direct()) {
            TestDb.update(c, dev.switchboard.proxy.control.Catalog.SCHEMA);
        }
        catalog("INSERT INTO switchboard_databases (name, jdbc_url, username) VALUES (?, ?, 'sa')",
                "cat_sales", "jdbc:h2:mem:catalog_cat_sales;DB_CLOSE_DELAY=-1");
        catalog("INSERT INTO switchboard_databases (name, jdbc_url, username) VALUES (?, ?, 'sa')",
                "sales", "jdbc:h2:mem:catalog_loser;DB_CLOSE_DELAY=-1");
        addUser("carol", "cat_sales");
        addUser("broken", "no_such_database");
        proxy = TestProxy.builder()
                .rawDatabase("sales: { jdbcUrl: \"jdbc:h2:mem:catalog_file_sales;DB_CLOSE_DELAY=-1\", username: sa }")
                .user("alice", PASSWORD, List.of("sales"))
                .section("catalog: { jdbcUrl: \"" + Backend.POSTGRES.jdbcUrl + "\", username: \"" + Backend.POSTGRES.user
                        + "\", password: \"${env:" + Backend.POSTGRES.passwordEnvName() + "}\", refresh: 1s }\n")
                .env(Backend.POSTGRES.env())
                .start();

        try (Connection carol = proxy.connect("carol", PASSWORD, "cat_sales")) {
            assertThat(TestDb.rows(carol, "SELECT 1")).containsExactly(List.of(1));
        }
        assertThat(proxy.server().registry().find("sales")).isEmpty();
        try (Connection h2 = java.sql.DriverManager.getConnection("jdbc:h2:mem:catalog_file_sales;DB_CLOSE_DELAY=-1",
                "sa", "")) {
            TestDb.update(h2, "CREATE TABLE IF NOT EXISTS origin (v VARCHAR(10))");
            TestDb.update(h2, "DELETE FROM origin");
            TestDb.update(h2, "INSERT INTO origin VALUES ('file')");
        }
        try (Connection alice = proxy.connect("alice", PASSWORD, "sales")) {
            assertThat(TestDb.rows(alice, "SELECT v FROM origin")).as("the file's sales wins over the catalog's")
                    .containsExactly(List.of("file"));
        }
        var broken = catchThrowableOfType(SQLException.class, () -> proxy.connect("broken", PASSWORD, ""));
        assertThat(broken.getSQLState()).isEqualTo("28000");

        addUser("dave", "cat_sales");
        awaitLogin("dave", "cat_sales", true);
        catalog("DELETE FROM switchboard_users WHERE name = ?", "carol");
        awaitLogin("carol", "cat_sales", false);
    }

    @Test
    void adminEditsGoToTheCatalogExceptForNamesTheFileDefines() throws Exception {
        Backend.POSTGRES.require();
        proxy = TestProxy.builder()
                .rawDatabase("sales: { jdbcUrl: \"jdbc:h2:mem:catalog_edit_sales;DB_CLOSE_DELAY=-1\", username: sa }")
                .user("alice", PASSWORD, List.of("sales"))
                .section("catalog: { jdbcUrl: \"" + Backend.POSTGRES.jdbcUrl + "\", username: \"" + Backend.POSTGRES.user
                        + "\", password: \"${env:" + Backend.POSTGRES.passwordEnvName() + "}\", refresh: 1m }\n")
                .env(Backend.POSTGRES.env())
                .adminToken("catalog-token")
                .start();
        var api = new AdminHttp(proxy, "catalog-token");
        String verifier = ScramVerifier.create(PASSWORD.toCharArray()).format();
        var put = api.put("/api/v1/users/erin", "{\"password\":\"" + verifier + "\",\"databases\":[\"sales\"]}");
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        try (Connection erin = proxy.connect("erin", PASSWORD, "sales")) {
            assertThat(TestDb.rows(erin, "SELECT 1")).containsExactly(List.of(1));
        }
        try (Connection c = Backend.POSTGRES.direct()) {
            assertThat(TestDb.rows(c, "SELECT name FROM switchboard_users")).containsExactly(List.of("erin"));
        }
        assertThat(java.nio.file.Files.readString(proxy.configFile())).doesNotContain("erin");
        var bad = api.put("/api/v1/users/frank", "{\"password\":\"" + verifier + "\",\"databases\":[\"nowhere\"]}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(api.delete("/api/v1/users/erin").status()).isEqualTo(200);
        var gone = catchThrowableOfType(SQLException.class, () -> proxy.connect("erin", PASSWORD, "sales"));
        assertThat(gone.getSQLState()).isEqualTo("28000");
        var fileUser = api.put("/api/v1/users/alice", "{\"password\":\"" + verifier + "\",\"databases\":[\"sales\"]}");
        assertThat(fileUser.status()).isEqualTo(200);
        assertThat(java.nio.file.Files.readString(proxy.configFile())).contains("alice");
    }
}

package dev.switchboard.proxy.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Pool modes on a one-connection pool: in transaction mode clients share the connection between transactions; in
 * session mode the first client keeps it and a second one runs out of capacity (53300) after connectionTimeout.
 */
@Timeout(60)
class PoolModeIT {
    private static final String PASSWORD = "mode-secret";
    private static TestProxy proxy;

    // 1.5 s, not less: the first login to a database borrows its first backend connection within this timeout, and
    // a loaded CI machine once took longer than 300 ms to make it.
    @BeforeAll
    static void start() throws Exception {
        proxy = TestProxy.builder()
                .rawDatabase("tx: { jdbcUrl: \"jdbc:h2:mem:pool_mode_tx;DB_CLOSE_DELAY=-1\", username: sa,"
                        + " pool: { maxPoolSize: 1, connectionTimeout: 1500ms } }")
                .rawDatabase("sess: { jdbcUrl: \"jdbc:h2:mem:pool_mode_sess;DB_CLOSE_DELAY=-1\", username: sa,"
                        + " poolMode: session, pool: { maxPoolSize: 1, connectionTimeout: 1500ms } }")
                .user("app", PASSWORD, List.of("tx", "sess"))
                .start();
    }

    @AfterAll
    static void stop() {
        proxy.close();
    }

    @Test
    void transactionModeSharesOneBackendConnectionBetweenClients() throws SQLException {
        try (Connection a = proxy.connect("app", PASSWORD, "tx"); Connection b = proxy.connect("app", PASSWORD, "tx")) {
            for (int i = 0; i < 5; i++) {
                assertThat(TestDb.rows(a, "SELECT " + i)).containsExactly(List.of(i));
                assertThat(TestDb.rows(b, "SELECT " + (i + 10))).containsExactly(List.of(i + 10));
            }
            a.setAutoCommit(false);
            TestDb.rows(a, "SELECT 1");                         // a now holds the only connection
            var e = catchThrowableOfType(SQLException.class, () -> TestDb.rows(b, "SELECT 2"));
            assertThat(e.getSQLState()).isEqualTo("53300");
            assertThat(e.getMessage()).contains("tx");
            a.commit();                                          // …and gives it back
            assertThat(TestDb.rows(b, "SELECT 3")).containsExactly(List.of(3));
        }
    }

    @Test
    void sessionModeKeepsTheConnectionForTheSession() throws SQLException {
        try (Connection a = proxy.connect("app", PASSWORD, "sess")) {
            TestDb.update(a, "CREATE LOCAL TEMPORARY TABLE IF NOT EXISTS mine (x INT)");
            TestDb.update(a, "INSERT INTO mine VALUES (1)");
            assertThat(TestDb.rows(a, "SELECT x FROM mine")).containsExactly(List.of(1));   // same backend session
            try (Connection b = proxy.connect("app", PASSWORD, "sess")) {
                var e = catchThrowableOfType(SQLException.class, () -> TestDb.rows(b, "SELECT 1"));
                assertThat(e.getSQLState()).isEqualTo("53300");
            }
        }
        try (Connection c = proxy.connect("app", PASSWORD, "sess")) {
            assertThat(TestDb.rows(c, "SELECT 1")).containsExactly(List.of(1));   // released when a closed
        }
    }

    @Test
    void preparedBatchesWorkInTransactionMode() throws SQLException {
        try (Connection c = proxy.connect("app", PASSWORD, "tx")) {
            TestDb.update(c, "CREATE TABLE IF NOT EXISTS prepared_test (x INT)");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO prepared_test VALUES (?)")) {
                for (int i = 0; i < 3; i++) {
                    ps.setInt(1, i);
                    ps.addBatch();
                }
                assertThat(ps.executeBatch()).containsExactly(1, 1, 1);
            }
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM prepared_test")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isGreaterThanOrEqualTo(3);
            }
        }
    }
}

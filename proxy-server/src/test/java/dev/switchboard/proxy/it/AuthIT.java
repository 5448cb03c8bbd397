package dev.switchboard.proxy.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Login: SCRAM against stored verifiers; wrong password, unknown user and a foreign database look the same. */
class AuthIT {
    private static TestProxy proxy;

    @BeforeAll
    static void start() throws Exception {
        proxy = TestProxy.builder()
                .rawDatabase("sales: { jdbcUrl: \"jdbc:h2:mem:auth_sales;DB_CLOSE_DELAY=-1\", username: sa }")
                .rawDatabase("support: { jdbcUrl: \"jdbc:h2:mem:auth_support;DB_CLOSE_DELAY=-1\", username: sa }")
                .user("alice", "wonderland", List.of("sales"))
                .user("bob", "builder", List.of("support", "sales"))
                .user("limited", "few", List.of("sales"), ", maxClientConnections: 2")
                .start();
    }

    @AfterAll
    static void stop() {
        proxy.close();
    }

    @Test
    void rightPasswordLogsInToTheDefaultDatabase() throws SQLException {
        try (Connection c = proxy.connect("alice", "wonderland", "")) {
            assertThat(c.getCatalog()).isEqualTo("sales");
            assertThat(TestDb.rows(c, "SELECT 41 + 1")).containsExactly(List.of(42));
        }
    }

    @Test
    void wrongPasswordIs28000() {
        var e = catchThrowableOfType(SQLException.class, () -> proxy.connect("alice", "wrong", "sales"));
        assertThat(e.getSQLState()).isEqualTo("28000");
    }

    @Test
    void unknownUserIsTheSameAnswerAsAWrongPassword() {
        var unknown = catchThrowableOfType(SQLException.class, () -> proxy.connect("mallory", "x", "sales"));
        var wrong = catchThrowableOfType(SQLException.class, () -> proxy.connect("alice", "x", "sales"));
        assertThat(unknown.getSQLState()).isEqualTo("28000");
        assertThat(unknown.getMessage().replace("mallory", "U")).isEqualTo(wrong.getMessage().replace("alice", "U"));
    }

    @Test
    void aliceCannotReachBobsDatabaseAndGetsTheSameAnswerAsAWrongPassword() {
        var notAllowed = catchThrowableOfType(SQLException.class, () -> proxy.connect("alice", "wonderland", "support"));
        var wrong = catchThrowableOfType(SQLException.class, () -> proxy.connect("alice", "nope", "support"));
        assertThat(notAllowed.getSQLState()).isEqualTo("28000");
        assertThat(notAllowed.getMessage()).isEqualTo(wrong.getMessage());
    }

    @Test
    void unknownDatabaseIs28000Too() {
        var e = catchThrowableOfType(SQLException.class, () -> proxy.connect("bob", "builder", "no_such_db"));
        assertThat(e.getSQLState()).isEqualTo("28000");
    }

    @Test
    void bobSwitchesBetweenHisDatabasesButNotToOthers() throws SQLException {
        try (Connection c = proxy.connect("bob", "builder", "")) {
            assertThat(c.getCatalog()).isEqualTo("support");
            TestDb.update(c, "CREATE TABLE IF NOT EXISTS where_am_i (db VARCHAR(20))");
            c.setCatalog("sales");
            assertThat(c.getCatalog()).isEqualTo("sales");
            assertThat(TestDb.rows(c, "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME = 'WHERE_AM_I'"))
                    .containsExactly(List.of(0L));
            var e = catchThrowableOfType(SQLException.class, () -> c.setCatalog("elsewhere"));
            assertThat(e.getSQLState()).isEqualTo("28000");
            assertThat(c.getCatalog()).isEqualTo("sales");
        }
    }

    @Test
    void perUserConnectionLimitIs53300AndFreesUpOnClose() throws SQLException {
        Connection b = proxy.connect("limited", "few", "");
        try (Connection a = proxy.connect("limited", "few", "")) {
            var e = catchThrowableOfType(SQLException.class, () -> proxy.connect("limited", "few", ""));
            assertThat(e.getSQLState()).isEqualTo("53300");
            assertThat(e.getMessage()).contains("users.limited.maxClientConnections=2");
            assertThat(TestDb.rows(a, "SELECT 1")).containsExactly(List.of(1));
            b.close();
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (true) {                               // the proxy notices the close asynchronously
                try (Connection c = proxy.connect("limited", "few", "")) {
                    assertThat(TestDb.rows(c, "SELECT 2")).containsExactly(List.of(2));
                    break;
                } catch (SQLException busy) {
                    if (!"53300".equals(busy.getSQLState()) || System.nanoTime() > deadline) throw busy;
                }
            }
        }
    }

    @Test
    void switchingDatabaseInsideATransactionIs25001() throws SQLException {
        try (Connection c = proxy.connect("bob", "builder", "support")) {
            c.setAutoCommit(false);
            TestDb.rows(c, "SELECT 1");
            var e = catchThrowableOfType(SQLException.class, () -> c.setCatalog("sales"));
            assertThat(e.getSQLState()).isEqualTo("25001");
            c.rollback();
        }
    }
}

package dev.switchboard.proxy.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The everyday JDBC surface through the proxy, on every backend, compared with direct JDBC to the same database. */
class CrudIT {
    private static final String PASSWORD = "crud-secret";
    private static TestProxy proxy;

    @BeforeAll
    static void start() throws Exception {
        var b = TestProxy.builder().database(Backend.H2, "h2db");
        if (Backend.POSTGRES.jdbcUrl != null) b.database(Backend.POSTGRES, "pgdb");
        if (Backend.MARIADB.jdbcUrl != null) b.database(Backend.MARIADB, "mariadb");
        proxy = b.user("app", PASSWORD, List.of("h2db", "pgdb", "mariadb").stream()
                .filter(d -> d.equals("h2db") || (d.equals("pgdb") ? Backend.POSTGRES.jdbcUrl != null
                        : Backend.MARIADB.jdbcUrl != null)).toList()).start();
    }

    @AfterAll
    static void stop() {
        if (proxy != null) proxy.close();
    }

    private static String db(Backend backend) {
        backend.require();
        return switch (backend) {
            case H2 -> "h2db";
            case POSTGRES -> "pgdb";
            case MARIADB -> "mariadb";
        };
    }

    private static Connection viaProxy(Backend backend) throws SQLException {
        return proxy.connect("app", PASSWORD, db(backend));
    }

    private static String table(Backend backend) {
        return "crud_it_" + backend.name().toLowerCase();
    }

    private static void createTable(Connection c, Backend backend) throws SQLException {
        String t = table(backend);
        String bool = backend == Backend.MARIADB ? "BOOLEAN" : "BOOLEAN";
        String bytes = switch (backend) {
            case POSTGRES -> "BYTEA";
            case MARIADB -> "VARBINARY(100)";
            case H2 -> "VARBINARY(100)";
        };
        TestDb.update(c, "DROP TABLE IF EXISTS " + t);
        TestDb.update(c, "CREATE TABLE " + t + " (id INT PRIMARY KEY, big BIGINT, amount DECIMAL(12,3), name VARCHAR(50), "
                + "flag " + bool + ", d_day DATE, d_at TIMESTAMP" + (backend == Backend.MARIADB ? "(6) NULL" : "")
                + ", data " + bytes + ")");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void ddlAndDmlRoundTrip(Backend backend) throws SQLException {
        try (Connection c = viaProxy(backend)) {
            createTable(c, backend);
            String t = table(backend);
            assertThat(TestDb.update(c, "INSERT INTO " + t + " (id, name) VALUES (1, 'one'), (2, 'two'), (3, 'three')"))
                    .isEqualTo(3);
            assertThat(TestDb.update(c, "UPDATE " + t + " SET name = 'TWO' WHERE id = 2")).isEqualTo(1);
            assertThat(TestDb.update(c, "DELETE FROM " + t + " WHERE id = 3")).isEqualTo(1);
            assertThat(TestDb.rows(c, "SELECT id, name FROM " + t + " ORDER BY id"))
                    .containsExactly(List.of(1, "one"), List.of(2, "TWO"));
        }
        try (Connection direct = backend.direct()) {
            assertThat(TestDb.rows(direct, "SELECT id, name FROM " + table(backend) + " ORDER BY id"))
                    .containsExactly(List.of(1, "one"), List.of(2, "TWO"));
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void preparedStatementsBindEveryCommonTypeAndNull(Backend backend) throws SQLException {
        String t = table(backend);
        var day = LocalDate.of(2026, 11, 23);
        var at = LocalDateTime.of(2026, 11, 23, 13, 45, 7, 123_456_000);
        try (Connection c = viaProxy(backend)) {
            createTable(c, backend);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + t
                    + " (id, big, amount, name, flag, d_day, d_at, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setInt(1, 1);
                ps.setLong(2, 9_000_000_000L);
                ps.setBigDecimal(3, new BigDecimal("1234.567"));
                ps.setString(4, "héllo ✓");
                ps.setBoolean(5, true);
                ps.setObject(6, day);
                ps.setObject(7, at);
                ps.setBytes(8, new byte[] {0, 1, 2, (byte) 0xff});
                assertThat(ps.executeUpdate()).isEqualTo(1);
                ps.setInt(1, 2);
                for (int i = 2; i <= 8; i++) ps.setNull(i, Types.NULL);
                assertThat(ps.executeUpdate()).isEqualTo(1);
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM " + t + " WHERE id = ?")) {
                ps.setInt(1, 1);
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getLong("big")).isEqualTo(9_000_000_000L);
                    assertThat(rs.getBigDecimal("amount")).isEqualByComparingTo("1234.567");
                    assertThat(rs.getString("name")).isEqualTo("héllo ✓");
                    assertThat(rs.getBoolean("flag")).isTrue();
                    assertThat(rs.getObject("d_day", LocalDate.class)).isEqualTo(day);
                    assertThat(rs.getObject("d_at", LocalDateTime.class)).isEqualTo(at);
                    assertThat(rs.getBytes("data")).containsExactly(0, 1, 2, 0xff);
                    assertThat(rs.next()).isFalse();
                }
                ps.setInt(1, 2);
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    for (String col : List.of("big", "amount", "name", "flag", "d_day", "d_at", "data")) {
                        assertThat(rs.getObject(col)).as(col).isNull();
                    }
                    assertThat(rs.getLong("big")).isZero();
                    assertThat(rs.wasNull()).isTrue();
                }
            }
            String all = "SELECT id, big, amount, name, flag, d_day, d_at, data FROM " + t + " ORDER BY id";
            try (Connection direct = backend.direct()) {
                assertThat(TestDb.rows(c, all)).isEqualTo(TestDb.rows(direct, all));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void commitKeepsAndRollbackDiscards(Backend backend) throws SQLException {
        String t = table(backend);
        try (Connection c = viaProxy(backend); Connection other = viaProxy(backend)) {
            createTable(c, backend);
            c.setAutoCommit(false);
            TestDb.update(c, "INSERT INTO " + t + " (id, name) VALUES (1, 'kept')");
            c.commit();
            TestDb.update(c, "INSERT INTO " + t + " (id, name) VALUES (2, 'discarded')");
            c.rollback();
            c.setAutoCommit(true);
            assertThat(TestDb.rows(other, "SELECT id, name FROM " + t + " ORDER BY id")).containsExactly(List.of(1, "kept"));
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void largeResultsArePulledInBatchesAndMatchDirect(Backend backend) throws SQLException {
        String sql = switch (backend) {
            case POSTGRES -> "SELECT n, n::text, n % 3 = 0, repeat('x', n % 50) FROM generate_series(1, 2500) n";
            case MARIADB -> "SELECT seq, CAST(seq AS CHAR), seq % 3 = 0, REPEAT('x', seq % 50) FROM seq_1_to_2500";
            case H2 -> "SELECT X, CAST(X AS VARCHAR), MOD(X, 3) = 0, REPEAT('x', MOD(X, 50)) FROM SYSTEM_RANGE(1, 2500)";
        };
        try (Connection c = viaProxy(backend); Statement st = c.createStatement(); Connection direct = backend.direct()) {
            st.setFetchSize(100);
            try (ResultSet rs = st.executeQuery(sql)) {
                assertThat(TestDb.rows(rs)).isEqualTo(TestDb.rows(direct, sql));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void failingStatementKeepsTheSessionUsable(Backend backend) throws SQLException {
        try (Connection c = viaProxy(backend); Statement st = c.createStatement()) {
            var error = org.assertj.core.api.Assertions.catchThrowableOfType(SQLException.class,
                    () -> st.executeQuery("SELECT * FROM no_such_table_anywhere"));
            assertThat(error.getSQLState()).startsWith("42");
            try (ResultSet rs = st.executeQuery("SELECT 1")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void reportsTheBackendProduct(Backend backend) throws SQLException {
        try (Connection c = viaProxy(backend)) {
            assertThat(c.getMetaData().getDatabaseProductName()).containsIgnoringCase(backend.productName);
            assertThat(c.getCatalog()).isEqualTo(db(backend));
        }
    }
}

package dev.switchboard.proxy.pool;

import dev.switchboard.proxy.config.DatabaseConfig;
import dev.switchboard.proxy.config.PoolSettings;
import org.h2.jdbc.JdbcConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import static dev.switchboard.proxy.pool.TestDbs.await;
import static dev.switchboard.proxy.pool.TestDbs.h2;
import static dev.switchboard.proxy.pool.TestDbs.selectOne;
import static dev.switchboard.proxy.pool.TestDbs.settings;
import static dev.switchboard.proxy.pool.TestDbs.unique;
import static org.assertj.core.api.Assertions.assertThat;

@Timeout(30)
class LeaseTest {
    private static final PoolSettings ONE_CONNECTION = new PoolSettings(1, 0, Duration.ofSeconds(5));

    private final PoolFactory factory = new PoolFactory();
    private final PoolRegistry registry =
            new PoolRegistry(settings(8, Duration.ofMinutes(10), Duration.ofMinutes(10)), factory, Runnable::run);

    @AfterEach
    void closeAll() {
        registry.close();
        factory.close();
    }

    @Test
    void closeRollsBackAnOpenTransactionAndLeavesNoLocks() throws SQLException {
        DatabaseConfig db = h2(unique("rollback"), ONE_CONNECTION, false);
        try (Connection direct = DriverManager.getConnection(db.jdbcUrl(), "sa", "");
             Statement st = direct.createStatement()) {
            st.execute("create table t (id int primary key)");
        }
        Lease lease = registry.lease(db);
        lease.connection().setAutoCommit(false);
        try (Statement st = lease.connection().createStatement()) {
            st.executeUpdate("insert into t values (1)");
        }

        lease.close();                                     // the client went away mid-transaction

        try (Connection direct = DriverManager.getConnection(db.jdbcUrl(), "sa", "");
             Statement st = direct.createStatement()) {
            st.execute("set lock_timeout 100");
            assertThat(st.executeUpdate("insert into t values (1)")).isEqualTo(1);   // no lock, no duplicate
        }
        try (Lease next = registry.lease(db);
             Statement st = next.connection().createStatement();
             ResultSet rs = st.executeQuery("select count(*) from t")) {
            assertThat(next.connection().getAutoCommit()).isTrue();
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(1);
        }
    }

    @Test
    void closeIsIdempotent() throws SQLException {
        Lease lease = registry.lease(h2(unique("twice")));

        lease.close();
        lease.close();
        lease.abort();

        assertThat(lease.pool().activeLeases()).isZero();
        assertThat(lease.pool().idleConnections()).isEqualTo(1);
    }

    @Test
    void abortDiscardsTheConnection() throws SQLException {
        DatabaseConfig db = h2(unique("abort"), ONE_CONNECTION, false);
        Lease lease = registry.lease(db);
        JdbcConnection physical = lease.connection().unwrap(JdbcConnection.class);

        lease.abort();

        assertThat(lease.pool().activeLeases()).isZero();
        try (Lease next = registry.lease(db)) {
            assertThat(next.connection().unwrap(JdbcConnection.class)).isNotSameAs(physical);
            assertThat(selectOne(next.connection())).isEqualTo(1);
        }
        await("HikariCP's closer closes the discarded connection", () -> isClosed(physical));
    }

    private static boolean isClosed(Connection connection) {
        try {
            return connection.isClosed();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}

package dev.switchboard.proxy.pool;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@link BackendSocket} against a real PostgreSQL: when a connection closes normally, its close returns only once
 * the backend process is gone, so the registry's budget permit (given back when close returns) never lets
 * PostgreSQL count more backends than {@code registry.maxBackendConnections} while closed ones are still exiting.
 */
class BackendSocketIT {
    private static final String URL = System.getenv("SWITCHBOARD_TEST_POSTGRES_URL");
    private static final String USER = System.getenv("SWITCHBOARD_TEST_POSTGRES_USER");
    private static final String PASSWORD = System.getenv("SWITCHBOARD_TEST_POSTGRES_PASSWORD");

    @Test
    void aClosedConnectionsBackendHasExitedWhenCloseReturns() throws SQLException {
        Properties props = backendProperties();
        try (Connection watcher = DriverManager.getConnection(URL, USER, PASSWORD);
             PreparedStatement listed = watcher.prepareStatement(
                     "SELECT count(*) FROM pg_stat_activity WHERE pid = ?")) {
            for (int i = 0; i < 20; i++) {
                int pid;
                Connection c = DriverManager.getConnection(URL, props);
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
                    rs.next();
                    pid = rs.getInt(1);
                }
                c.close();
                listed.setInt(1, pid);
                try (ResultSet rs = listed.executeQuery()) {
                    rs.next();
                    assertThat(rs.getInt(1)).as("backend %d listed after close, round %d", pid, i).isZero();
                }
            }
        }
    }

    /**
     * HikariCP's connection adder and closer are virtual threads: a login and a close each reach a platform thread in
     * one hand-off ({@link PlatformIo#whole}), not one per socket operation (a login took five or more).
     */
    @Test
    void aVirtualThreadsLoginAndCloseAreOneHandOffEach() throws Exception {
        var driver = new com.zaxxer.hikari.util.DriverDataSource(URL, null, backendProperties(), USER, PASSWORD);
        var source = new BudgetedDataSource(driver, new ConnectionBudget(1), "db", () -> true);
        var handOffs = (ThreadPoolExecutor) PlatformIo.THREADS;
        var pid = new AtomicInteger();
        var counts = new AtomicReference<long[]>();
        var failure = new AtomicReference<Throwable>();
        Thread.ofVirtual().start(() -> {
            try {
                long before = handOffs.getTaskCount();
                Connection c = source.getConnection();
                long afterLogin = handOffs.getTaskCount();
                try (Statement st = c.createStatement();
                     ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
                    rs.next();
                    pid.set(rs.getInt(1));
                }
                long afterQuery = handOffs.getTaskCount();
                c.close();
                counts.set(new long[] {afterLogin - before, afterQuery - afterLogin, handOffs.getTaskCount() - afterQuery});
            } catch (Throwable t) {
                failure.set(t);
            }
        }).join(30_000);
        assertThat(failure.get()).isNull();
        long[] n = counts.get();
        assertThat(n[0]).as("hand-offs for the login").isEqualTo(1);
        assertThat(n[2]).as("hand-offs for the close").isEqualTo(1);
        assertThat(n[1]).as("a statement outside such a piece still hops per socket operation").isGreaterThan(0);
        try (Connection watcher = DriverManager.getConnection(URL, USER, PASSWORD);
             PreparedStatement listed = watcher.prepareStatement("SELECT count(*) FROM pg_stat_activity WHERE pid = ?")) {
            listed.setInt(1, pid.get());
            try (ResultSet rs = listed.executeQuery()) {
                rs.next();
                assertThat(rs.getInt(1)).as("backend listed after close").isZero();
            }
        }
    }

    private static Properties backendProperties() {
        boolean required = Boolean.parseBoolean(System.getenv("SWITCHBOARD_TEST_REQUIRE_BACKENDS"));
        if (!required) assumeTrue(URL != null, "SWITCHBOARD_TEST_POSTGRES_URL is not set");
        var props = new Properties();
        props.setProperty("user", USER);
        props.setProperty("password", PASSWORD);
        props.setProperty("socketFactory", BackendSocketFactory.class.getName());
        return props;
    }
}

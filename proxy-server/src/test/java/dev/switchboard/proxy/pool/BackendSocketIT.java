package dev.switchboard.proxy.pool;

import com.zaxxer.hikari.util.DriverDataSource;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.ThreadPoolExecutor;
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
     * one hand-off ({@link PlatformIo#whole}), not one per socket operation (a login took seven). The hand-offs are
     * counted on the shared executor, where something else of this JVM could add one: the least of three rounds is
     * what this login and close took.
     */
    @Test
    void aVirtualThreadsLoginAndCloseAreOneHandOffEach() throws Exception {
        var source = new BudgetedDataSource(new DriverDataSource(URL, null, backendProperties(), USER, PASSWORD),
                new ConnectionBudget(1), "db", () -> true);
        var handOffs = (ThreadPoolExecutor) PlatformIo.THREADS;
        long fewestForLogin = Long.MAX_VALUE;
        long fewestForClose = Long.MAX_VALUE;
        for (int round = 0; round < 3; round++) {
            var counts = new AtomicReference<long[]>();
            var failure = new AtomicReference<Throwable>();
            Thread.ofVirtual().start(() -> {
                try {
                    long before = handOffs.getTaskCount();
                    Connection c = source.getConnection();
                    long afterLogin = handOffs.getTaskCount();
                    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT 1")) {
                        rs.next();
                    }
                    long afterQuery = handOffs.getTaskCount();
                    c.close();
                    long afterClose = handOffs.getTaskCount();
                    counts.set(new long[] {afterLogin - before, afterQuery - afterLogin, afterClose - afterQuery});
                } catch (Throwable t) {
                    failure.set(t);
                }
            }).join(30_000);
            assertThat(failure.get()).isNull();
            long[] n = counts.get();
            assertThat(n[1]).as("a statement outside such a piece still hops per socket operation").isPositive();
            fewestForLogin = Math.min(fewestForLogin, n[0]);
            fewestForClose = Math.min(fewestForClose, n[2]);
        }
        assertThat(fewestForLogin).as("hand-offs for a login").isEqualTo(1);
        assertThat(fewestForClose).as("hand-offs for a close").isEqualTo(1);
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

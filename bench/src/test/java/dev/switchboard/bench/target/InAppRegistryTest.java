package dev.switchboard.bench.target;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/**
 * The in-app registry against H2 in-memory databases. Such a database vanishes when its last connection closes,
 * which is how these tests see that a pool was closed.
 */
class InAppRegistryTest {
    private static final Login SA = new Login("sa", "");
    private final String prefix = "inapp_" + UUID.randomUUID().toString().replace("-", "") + "_";

    private InAppRegistry registry(int maxPools) {
        return new InAppRegistry(db -> "jdbc:h2:mem:" + db, db -> 1, maxPools, SA);
    }

    @Test
    void countsEveryPoolCreatedAndEveryPoolEvictedForRoom() throws Exception {
        try (var registry = registry(2)) {
            for (int i = 0; i < 5; i++) registry.call(prefix + i, c -> query(c, "SELECT 1"));

            // evictions are counted by the removal listener, which runs on the closer executor: wait for it
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (registry.counts().evicted() < 3 && System.nanoTime() < deadline) Thread.sleep(10);
            assertThat(registry.counts()).isEqualTo(new PoolCounts(5, 3));
        }
    }

    @Test
    void closeClosesThePoolsStillResidentThoughItsExecutorIsShuttingDown() throws SQLException {
        // The bug: close() shut the closer executor down while the removal listener, running on it, still had to
        // hand it each pool to close; the pools were left open (RejectedExecutionException, logged by Caffeine).
        var registry = registry(10);
        for (int i = 0; i < 3; i++) registry.call(prefix + i, c -> query(c, "CREATE TABLE kept (id INT)"));

        registry.close();

        for (int i = 0; i < 3; i++) {
            try (Connection c = DriverManager.getConnection("jdbc:h2:mem:" + prefix + i, SA.user(), SA.password())) {
                assertThat(query(c, "SELECT count(*) FROM information_schema.tables WHERE table_name = 'KEPT'"))
                        .as("database %d still open", i).isZero();
            }
        }
    }

    private static long query(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            if (!s.execute(sql)) return 0;
            try (ResultSet rs = s.getResultSet()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}

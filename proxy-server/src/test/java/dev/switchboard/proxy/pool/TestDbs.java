package dev.switchboard.proxy.pool;

import dev.switchboard.proxy.config.DatabaseConfig;
import dev.switchboard.proxy.config.PoolSettings;
import dev.switchboard.proxy.config.RegistrySettings;
import dev.switchboard.proxy.config.Secret;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.fail;

/** H2 in-memory databases and polling helpers for the pool tests. */
final class TestDbs {
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private TestDbs() {
    }

    /** A database name no other test uses (H2 keeps in-memory databases for the whole JVM). */
    static String unique(String prefix) {
        return prefix + "_" + SEQUENCE.incrementAndGet() + "_" + ProcessHandle.current().pid();
    }

    static DatabaseConfig h2(String name) {
        return h2(name, PoolSettings.DEFAULTS, false);
    }

    static DatabaseConfig h2(String name, PoolSettings pool, boolean keepWarm) {
        return new DatabaseConfig(name, "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", "sa", new Secret(""), pool,
                Optional.empty(), keepWarm);
    }

    static RegistrySettings settings(int maxPools, Duration idlePoolTimeout, Duration drainTimeout) {
        return new RegistrySettings(maxPools, 10_000, idlePoolTimeout, drainTimeout);
    }

    static int selectOne(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("select 1")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** Polls until {@code condition} holds; fails after 10 s. A hang guard, not a timing assertion. */
    static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) fail("timed out waiting until " + what);
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted waiting until " + what);
            }
        }
    }
}

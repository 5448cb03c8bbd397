package dev.switchboard.proxy.pool;

import dev.switchboard.proxy.config.DatabaseConfig;
import dev.switchboard.proxy.config.PoolSettings;
import dev.switchboard.proxy.config.Secret;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static dev.switchboard.proxy.pool.TestDbs.await;
import static dev.switchboard.proxy.pool.TestDbs.selectOne;
import static dev.switchboard.proxy.pool.TestDbs.settings;
import static dev.switchboard.proxy.pool.TestDbs.unique;
import static org.assertj.core.api.Assertions.assertThat;

@Timeout(120)
class PoolFactoryTest {

    @Test
    void pgjdbcGetsABoundedResultBuffer() {
        var pg = PoolFactory.driverDefaults("jdbc:postgresql://127.0.0.1:5432/app");
        assertThat(pg.getProperty("maxResultBuffer")).isEqualTo("10p");
        assertThat(pg.getProperty("assumeMinServerVersion")).isEqualTo("9.4");
        assertThat(PoolFactory.driverDefaults("jdbc:h2:mem:x")).isEmpty();
        assertThat(PoolFactory.driverDefaults("jdbc:mariadb://127.0.0.1/app")).isEmpty();
    }


    @Test
    void twoHundredPoolsCostAHandfulOfPlatformThreads() throws SQLException {
        String shared = unique("threads");
        String url = "jdbc:h2:mem:" + shared + ";DB_CLOSE_DELAY=-1";
        // minIdle=1: HikariCP's housekeeper also fills each pool in the background, on the shared threads
        var pool = new PoolSettings(2, 1, Duration.ofSeconds(5));
        try (var factory = new PoolFactory();
             var registry = new PoolRegistry(settings(256, Duration.ofMinutes(10), Duration.ofSeconds(5)), factory,
                     Runnable::run)) {
            int before = platformThreads();
            List<BackendPool> pools = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                var db = new DatabaseConfig(shared + "_" + i, url, "sa", new Secret(""), pool, Optional.empty(), false);
                try (Lease lease = registry.lease(db)) {
                    assertThat(selectOne(lease.connection())).isEqualTo(1);
                    pools.add(lease.pool());
                }
            }
            for (BackendPool p : pools) await(p + " filled to minIdle", () -> p.idleConnections() >= 1);

            int added = platformThreads() - before;

            assertThat(registry.size()).isEqualTo(200);
            assertThat(added).as("platform threads added by 200 pools").isLessThan(20);
            // HikariCP names threads it makes itself after the pool: "<pool> housekeeper", "<pool> connection adder"
            assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
                    .noneMatch(name -> name.startsWith(shared));
        }
    }

    /**
     * Live platform threads, without the JDK's virtual-thread carriers: there are at most one per core, shared by
     * every virtual thread in the JVM, however many pools exist.
     */
    private static int platformThreads() {
        return (int) Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !t.getClass().getName().equals("jdk.internal.misc.CarrierThread"))
                .count();
    }
}

package dev.switchboard.proxy.pool;

import com.zaxxer.hikari.HikariDataSource;
import dev.switchboard.proxy.config.PoolSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.switchboard.proxy.pool.TestDbs.h2;
import static dev.switchboard.proxy.pool.TestDbs.unique;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many pools stay cheap (issue #4: 1,000 pools under 100 MB and 20 threads): a pool the registry holds costs its
 * HikariCP bookkeeping, not threads, because all pools share one housekeeping scheduler and a virtual-thread factory.
 * Measures 1,000 pools as the registry builds them (no connection opened: that is the backend's cost) and prints
 * the figures BENCHMARKS.md quotes. Bounds are generous; they catch a regression such as a thread per pool.
 */
@Timeout(120)
class PoolFootprintTest {
    @Test
    void aThousandPoolsCostLittleMemoryAndNoThreads() throws Exception {
        var memory = ManagementFactory.getMemoryMXBean();
        var threads = ManagementFactory.getThreadMXBean();
        try (var factory = new PoolFactory()) {
            System.gc();
            long heapBefore = memory.getHeapMemoryUsage().getUsed();
            int threadsBefore = threads.getThreadCount();
            List<HikariDataSource> pools = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                pools.add(factory.create(h2(unique("footprint"), new PoolSettings(4, 0, Duration.ofSeconds(5)), false)));
            }
            Thread.sleep(500);                                      // let the housekeepers' first runs happen
            System.gc();
            long heapAfter = memory.getHeapMemoryUsage().getUsed();
            int threadsAfter = threads.getThreadCount();
            long mb = (heapAfter - heapBefore) / (1024 * 1024);
            System.out.printf("FOOTPRINT 1000 pools: heap +%d MB (%d KB per pool), platform threads +%d%n", mb,
                    (heapAfter - heapBefore) / 1024 / 1000, threadsAfter - threadsBefore);
            assertThat(mb).isLessThan(100);
            assertThat(threadsAfter - threadsBefore).isLessThan(20);
            pools.forEach(HikariDataSource::close);
        }
    }
}

package dev.switchboard.bench;

import dev.switchboard.bench.peer.ProcStats;
import dev.switchboard.bench.target.PoolCounts;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * Watches one benchmark cell from the side, every {@value #PERIOD_MS} ms on its own thread: the server process's
 * RSS (peak of VmRSS during the cell; VmHWM, the peak since the process started, at the end) and the number of
 * PostgreSQL backends the cell's database user holds (peak, from pg_stat_activity over the {@code monitor}
 * connection, which does not count itself). CPU time, the target's pool counters and PostgreSQL's count of logins
 * ({@link BackendLogins}) are read at the measured window's edges.
 */
final class CellSampler implements AutoCloseable {
    private static final long PERIOD_MS = 100;

    private final OptionalLong pid;
    private final Connection monitor;
    private final String backendUser;
    private final Supplier<Optional<PoolCounts>> poolCounts;
    private final Supplier<OptionalLong> logins;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long peakRssKb = -1;
    private volatile int peakBackends = -1;
    private Duration cpuAtStart = Duration.ZERO;
    private Duration cpuUsed = Duration.ZERO;
    private Optional<PoolCounts> poolsAtStart = Optional.empty();
    private Optional<PoolCounts> poolChurn = Optional.empty();
    private OptionalLong loginsAtStart = OptionalLong.empty();
    private OptionalLong loginsDuring = OptionalLong.empty();

    /**
     * @param poolCounts the target's pool counters ({@code Optional::empty} when they are not wanted)
     * @param logins     backend logins counted so far ({@link BackendLogins#total()}; {@code OptionalLong::empty} when
     *                   they are not wanted)
     */
    CellSampler(OptionalLong pid, Connection monitor, String backendUser, Supplier<Optional<PoolCounts>> poolCounts,
                Supplier<OptionalLong> logins) {
        this.pid = pid;
        this.monitor = monitor;
        this.backendUser = backendUser;
        this.poolCounts = poolCounts;
        this.logins = logins;
        this.thread = Thread.ofPlatform().daemon().name("cell-sampler").start(this::loop);
    }

    private void loop() {
        try (PreparedStatement ps = monitor.prepareStatement(
                "SELECT count(*) FROM pg_stat_activity WHERE usename = ? AND backend_type = 'client backend'"
                        + " AND pid <> pg_backend_pid()")) {
            ps.setString(1, backendUser);
            while (running) {
                if (pid.isPresent()) {
                    ProcStats.of(pid.getAsLong()).ifPresent(s -> peakRssKb = Math.max(peakRssKb, s.rssKb()));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) peakBackends = Math.max(peakBackends, rs.getInt(1));
                }
                Thread.sleep(PERIOD_MS);
            }
        } catch (SQLException e) {
            System.err.println("bench: backend sampling stopped: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void measureStart() {
        cpuAtStart = cpu().orElse(Duration.ZERO);
        poolsAtStart = poolCounts.get();
        loginsAtStart = logins.get();
    }

    void measureEnd() {
        cpuUsed = cpu().map(c -> c.minus(cpuAtStart)).orElse(Duration.ZERO);
        Optional<PoolCounts> atEnd = poolCounts.get();
        poolChurn = poolsAtStart.flatMap(start -> atEnd.map(end -> end.since(start)));
        OptionalLong loginsAtEnd = logins.get();
        loginsDuring = loginsAtStart.isPresent() && loginsAtEnd.isPresent()
                ? OptionalLong.of(loginsAtEnd.getAsLong() - loginsAtStart.getAsLong()) : OptionalLong.empty();
    }

    private Optional<Duration> cpu() {
        return pid.isPresent() ? ProcStats.of(pid.getAsLong()).map(ProcStats::cpu) : Optional.empty();
    }

    /** Peak VmRSS during the cell in MB, or -1 without a process. */
    double peakRssMb() {
        return peakRssKb < 0 ? -1 : peakRssKb / 1024.0;
    }

    /** VmHWM now, in MB: the process's peak since it started; -1 without a process. */
    double highWaterMb() {
        return pid.isPresent() ? ProcStats.of(pid.getAsLong()).map(s -> s.peakRssKb() / 1024.0).orElse(-1.0) : -1;
    }

    Duration cpuUsed() {
        return cpuUsed;
    }

    int peakBackends() {
        return peakBackends;
    }

    /** Pools created and evicted during the measured window; empty if either edge could not be read. */
    Optional<PoolCounts> poolChurn() {
        return poolChurn;
    }

    /** Backend logins counted during the measured window; empty if either edge could not be read. */
    OptionalLong backendLogins() {
        return loginsDuring;
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

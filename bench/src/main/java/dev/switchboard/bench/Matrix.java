package dev.switchboard.bench;

import dev.switchboard.bench.target.Target;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Runs every workload against every target, {@code reps} times, interleaved: repetition r runs workload after
 * workload, and within a workload every target once, starting from target r (A B C D, B C D A, …), so that drift of
 * the machine over time spreads evenly over the targets. Each cell is appended to {@code raw.csv} as it finishes.
 */
final class Matrix {
    private final Options o;
    private final Targets targets;
    private final DataSet data;
    private final PrintStream log;
    private int deadCells;

    Matrix(Options o, Targets targets, DataSet data, PrintStream log) {
        this.o = o;
        this.targets = targets;
        this.data = data;
        this.log = log;
    }

    List<CellResult> run(Path rawCsv) throws IOException, SQLException, InterruptedException {
        Files.writeString(rawCsv, CellResult.CSV_HEADER + "\n", StandardCharsets.UTF_8);
        var results = new ArrayList<CellResult>();
        int cells = o.reps() * o.workloads().size() * o.targets().size();
        int done = 0;
        // pg_stat_activity shows every session's user to any user; the monitor's own session is left out.
        try (Connection monitor = DriverManager.getConnection("jdbc:postgresql://" + o.pgHost() + ":" + o.pgPort()
                + "/postgres", data.bench().user(), data.bench().password())) {
            var logins = new BackendLogins(monitor, data.tenantPrefix(), System.err);
            for (int rep = 1; rep <= o.reps(); rep++) {
                for (Workload w : o.workloads()) {
                    for (int k = 0; k < o.targets().size(); k++) {
                        String target = o.targets().get((k + rep - 1) % o.targets().size());
                        CellResult r = cell(rep, w, target, monitor, logins);
                        results.add(r);
                        Files.writeString(rawCsv, r.csv() + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
                        log.printf("[%d/%d] %s%n", ++done, cells, describe(r));
                    }
                }
            }
        }
        return results;
    }

    private CellResult cell(int rep, Workload w, String targetName, Connection monitor, BackendLogins logins)
            throws InterruptedException {
        int threads = w == Workload.BIGRESULT ? o.bigThreads() : o.threads();
        var gen = new LoadGenerator(threads, o.warmup(), o.duration());
        String user = w.isTenants() ? data.tenant().user() : data.bench().user();
        try (Target target = targets.create(targetName);
             var sampler = new CellSampler(target.serverPid(), monitor, target.backendUser(user),
                     w.isTenants() ? target::poolCounts : Optional::empty,
                     w.isTenants() ? logins::total : OptionalLong::empty)) {
            LoadGenerator.Result r = gen.run(w.scenario(data, o.tenantPools()), target, sampler::measureStart,
                    sampler::measureEnd);
            if (r.completed() == 0) deadCells++;
            double cpuPct = target.serverPid().isPresent() ? 100.0 * sampler.cpuUsed().toNanos() / 1e9 / r.seconds() : -1;
            LatencyReport l = r.latency();
            TenantFigures tenants = w.isTenants()
                    ? TenantFigures.of(r.cold(), sampler.poolChurn(), sampler.backendLogins(), r.ops(), r.seconds())
                    : TenantFigures.NONE;
            return new CellResult(rep, w.label(), targetName, threads, r.seconds(), r.ops(), r.opsPerSecond(),
                    r.errors(), l.p50Us(), l.p99Us(), l.p999Us(), l.maxUs(), r.rows() / r.seconds(),
                    r.bytes() / 1e6 / r.seconds(), sampler.peakRssMb(), sampler.highWaterMb(), cpuPct,
                    sampler.peakBackends(), r.errorSamples().isEmpty() ? "" : String.join(" | ", r.errorSamples()),
                    tenants);
        } catch (IllegalStateException e) {                    // a client thread could not even start
            deadCells++;
            return new CellResult(rep, w.label(), targetName, threads, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, -1, -1, -1, -1,
                    String.valueOf(e.getCause() == null ? e : e.getCause()), TenantFigures.NONE);
        }
    }

    /** Cells in which not one operation succeeded, warm-up included (a short smoke may measure none in-window). */
    int deadCells() {
        return deadCells;
    }

    static String describe(CellResult r) {
        String rows = r.rowsPerSec() > 0 ? String.format(" rows/s=%.0f MB/s=%.1f", r.rowsPerSec(), r.mbPerSec()) : "";
        String server = r.serverPeakRssMb() >= 0
                ? String.format(" rss=%.0fMB peak=%.0fMB cpu=%.0f%%", r.serverRssMb(), r.serverPeakRssMb(),
                r.cpuPercent()) : "";
        String errors = r.errors() > 0 ? " errors=" + r.errors() + " (" + r.firstError() + ")" : "";
        return String.format("rep %d %-16s %-12s ops/s=%.0f p50=%.0fus p99=%.0fus p99.9=%.0fus backends=%d%s%s%s%s",
                r.rep(), r.workload(), r.target(), r.opsPerSec(), r.p50Us(), r.p99Us(), r.p999Us(), r.peakBackends(),
                rows, server, tenants(r.tenants()), errors);
    }

    private static String tenants(TenantFigures t) {
        var sb = new StringBuilder();
        if (t.hasCold()) sb.append(" cold=").append(t.coldOps());
        if (t.coldP50Us() >= 0) {
            sb.append(String.format(" cold-p50=%.0fus cold-p99=%.0fus", t.coldP50Us(), t.coldP99Us()));
        }
        if (t.hasPools()) {
            sb.append(String.format(" pools created/s=%.1f evicted/s=%.1f", t.poolsCreatedPerSec(),
                    t.poolsEvictedPerSec()));
        }
        if (t.hasLogins()) sb.append(String.format(" logins/op=%.2f", t.backendLoginsPerOp()));
        return sb.toString();
    }
}

package dev.switchboard.bench.report;

import dev.switchboard.bench.CellResult;
import dev.switchboard.bench.TenantFigures;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The medians of one workload × target over its repetitions. Throughput is ops/s, except for bigresult, where it is
 * rows/s. RSS and backends are maxima, errors a sum: a budget or a limit holds only if it holds in every cell. The
 * tenants figures are medians over the cells that have each figure, -1 if none has it.
 */
public record Median(String workload, String target, int reps, double throughput, double opsPerSec, double p50Us,
                     double p99Us, double p999Us, double rowsPerSec, double mbPerSec, double cpuPercent,
                     double peakRssMb, int peakBackends, long errors, TenantFigures tenants) {

    static Median of(String workload, String target, List<CellResult> cells) {
        double ops = median(cells, CellResult::opsPerSec);
        double rows = median(cells, CellResult::rowsPerSec);
        return new Median(workload, target, cells.size(), isStreaming(workload) ? rows : ops, ops,
                median(cells, CellResult::p50Us), median(cells, CellResult::p99Us), median(cells, CellResult::p999Us),
                rows, median(cells, CellResult::mbPerSec), median(cells, CellResult::cpuPercent),
                cells.stream().mapToDouble(CellResult::serverPeakRssMb).max().orElse(-1),
                cells.stream().mapToInt(CellResult::peakBackends).max().orElse(-1),
                cells.stream().mapToLong(CellResult::errors).sum(), tenants(cells));
    }

    static TenantFigures tenants(List<CellResult> cells) {
        double coldOps = known(cells, c -> c.tenants().coldOps());
        return new TenantFigures(Math.round(coldOps), known(cells, c -> c.tenants().coldP50Us()),
                known(cells, c -> c.tenants().coldP99Us()), known(cells, c -> c.tenants().poolsCreatedPerSec()),
                known(cells, c -> c.tenants().poolsEvictedPerSec()),
                known(cells, c -> c.tenants().backendLoginsPerOp()));
    }

    /** The median of the cells where {@code f} is known (not negative); -1 where it is known in none. */
    static double known(List<CellResult> cells, ToDoubleFunction<CellResult> f) {
        double m = median(cells.stream().filter(c -> f.applyAsDouble(c) >= 0).toList(), f);
        return Double.isNaN(m) ? -1 : m;
    }

    static boolean isStreaming(String workload) {
        return workload.equals("bigresult");
    }

    static double median(List<CellResult> cells, ToDoubleFunction<CellResult> f) {
        double[] v = cells.stream().mapToDouble(f).sorted().toArray();
        if (v.length == 0) return Double.NaN;
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}

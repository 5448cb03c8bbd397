package dev.switchboard.bench;

import dev.switchboard.bench.target.PoolCounts;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What only the tenants workloads measure, for one cell or as medians over cells. Every figure is -1 where it does
 * not apply (written as an empty field): all of them for other workloads, the pool rates for targets without
 * bounded pools (direct, pgbouncer) or whose counters could not be read, the cold percentiles when no operation in
 * the window was cold.
 *
 * @param coldOps            measured operations whose tenant was cold ({@code scenario.RecentTenants})
 * @param coldP50Us          median latency of those, in µs
 * @param coldP99Us          their 99th percentile, in µs
 * @param poolsCreatedPerSec pools the target created during the measured window, per second
 * @param poolsEvictedPerSec pools it evicted (for room or idleness, any cause) during the window, per second
 */
public record TenantFigures(long coldOps, double coldP50Us, double coldP99Us, double poolsCreatedPerSec,
                            double poolsEvictedPerSec) {
    /** Not a tenants workload. */
    public static final TenantFigures NONE = new TenantFigures(-1, -1, -1, -1, -1);
    static final String CSV_HEADER = "cold_ops,cold_p50_us,cold_p99_us,pools_created_per_sec,pools_evicted_per_sec";
    static final int CSV_FIELDS = 5;

    /** A cell's figures: its cold histogram, and the pools created and evicted during its window of {@code seconds}. */
    static TenantFigures of(LatencyReport cold, Optional<PoolCounts> churn, double seconds) {
        boolean any = cold.count() > 0;
        return new TenantFigures(cold.count(), any ? cold.p50Us() : -1, any ? cold.p99Us() : -1,
                churn.map(c -> c.created() / seconds).orElse(-1.0), churn.map(c -> c.evicted() / seconds).orElse(-1.0));
    }

    public boolean hasCold() {
        return coldOps >= 0;
    }

    public boolean hasPools() {
        return poolsCreatedPerSec >= 0;
    }

    /** The five CSV fields, empty where -1. */
    public List<String> csvFields() {
        return List.of(coldOps < 0 ? "" : Long.toString(coldOps), num(coldP50Us), num(coldP99Us),
                num(poolsCreatedPerSec), num(poolsEvictedPerSec));
    }

    /** Reads {@link #csvFields()} back. */
    static TenantFigures parse(List<String> f) {
        if (f.size() != CSV_FIELDS) throw new IllegalArgumentException("expected " + CSV_FIELDS + " fields: " + f);
        return new TenantFigures(f.get(0).isEmpty() ? -1 : Long.parseLong(f.get(0)), d(f.get(1)), d(f.get(2)),
                d(f.get(3)), d(f.get(4)));
    }

    private static String num(double v) {
        return v < 0 ? "" : String.format(Locale.ROOT, "%.2f", v);
    }

    private static double d(String s) {
        return s.isEmpty() ? -1 : Double.parseDouble(s);
    }
}

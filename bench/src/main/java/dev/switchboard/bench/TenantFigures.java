package dev.switchboard.bench;

import dev.switchboard.bench.target.PoolCounts;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What only the tenants workloads measure, for one cell or as medians over cells. Every figure is -1 where it does
 * not apply (written as an empty field): all of them for other workloads, the pool rates for targets without
 * bounded pools (direct, pgbouncer) or whose counters could not be read, the cold percentiles when no operation in
 * the window was cold, the logins per operation when PostgreSQL's count could not be read (before PostgreSQL 14) or
 * no operation was measured.
 *
 * @param coldOps            measured operations whose tenant was cold ({@code scenario.RecentTenants})
 * @param coldP50Us          median latency of those, in µs
 * @param coldP99Us          their 99th percentile, in µs
 * @param poolsCreatedPerSec pools the target created during the measured window, per second
 * @param poolsEvictedPerSec pools it evicted (for room or idleness, any cause) during the window, per second
 * @param backendLoginsPerOp new PostgreSQL connections to the tenant databases during the window (whoever opened
 *                           them: in a tenants cell, the target), per operation measured in it: the target's miss
 *                           ratio, about 1 for {@code direct} ({@link BackendLogins})
 */
public record TenantFigures(long coldOps, double coldP50Us, double coldP99Us, double poolsCreatedPerSec,
                            double poolsEvictedPerSec, double backendLoginsPerOp) {
    /** Not a tenants workload. */
    public static final TenantFigures NONE = new TenantFigures(-1, -1, -1, -1, -1, -1);
    static final String CSV_HEADER = "cold_ops,cold_p50_us,cold_p99_us,pools_created_per_sec,pools_evicted_per_sec,"
            + "backend_logins_per_op";
    static final int CSV_FIELDS = 6;
    /** What runs before the logins per operation wrote: the same fields without the last. */
    static final int CSV_FIELDS_WITHOUT_LOGINS = 5;

    /**
     * A cell's figures: its cold histogram, the pools created and evicted and the backend logins during its window of
     * {@code seconds}, in which {@code ops} operations were measured.
     */
    static TenantFigures of(LatencyReport cold, Optional<PoolCounts> churn, OptionalLong logins, long ops,
                            double seconds) {
        boolean any = cold.count() > 0;
        return new TenantFigures(cold.count(), any ? cold.p50Us() : -1, any ? cold.p99Us() : -1,
                churn.map(c -> c.created() / seconds).orElse(-1.0), churn.map(c -> c.evicted() / seconds).orElse(-1.0),
                logins.isPresent() && ops > 0 ? (double) logins.getAsLong() / ops : -1);
    }

    public boolean hasCold() {
        return coldOps >= 0;
    }

    public boolean hasPools() {
        return poolsCreatedPerSec >= 0;
    }

    public boolean hasLogins() {
        return backendLoginsPerOp >= 0;
    }

    /** The six CSV fields, empty where -1. */
    public List<String> csvFields() {
        return List.of(coldOps < 0 ? "" : Long.toString(coldOps), num(coldP50Us), num(coldP99Us),
                num(poolsCreatedPerSec), num(poolsEvictedPerSec), num(backendLoginsPerOp));
    }

    /** Reads {@link #csvFields()} back, or the five of an older run (no logins per operation: -1). */
    static TenantFigures parse(List<String> f) {
        if (f.size() != CSV_FIELDS && f.size() != CSV_FIELDS_WITHOUT_LOGINS) {
            throw new IllegalArgumentException("expected " + CSV_FIELDS_WITHOUT_LOGINS + " or " + CSV_FIELDS
                    + " fields: " + f);
        }
        return new TenantFigures(f.get(0).isEmpty() ? -1 : Long.parseLong(f.get(0)), d(f.get(1)), d(f.get(2)),
                d(f.get(3)), d(f.get(4)), f.size() == CSV_FIELDS ? d(f.get(5)) : -1);
    }

    private static String num(double v) {
        return v < 0 ? "" : String.format(Locale.ROOT, "%.2f", v);
    }

    private static double d(String s) {
        return s.isEmpty() ? -1 : Double.parseDouble(s);
    }
}

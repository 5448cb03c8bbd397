package dev.switchboard.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Issue #3's targets for Switchboard, checked against the medians of one run. */
final class Verdicts {
    /** One target: what is required, what was measured, and whether it holds (empty: not measured). */
    record Verdict(String workload, String required, String measured, Optional<Boolean> met) {
    }

    private final Table table;
    private final int budget;

    Verdicts(Table table, int budget) {
        this.table = table;
        this.budget = budget;
    }

    List<Verdict> all() {
        var v = new ArrayList<Verdict>();
        v.add(ratio("select1", "direct", 0.6));
        v.add(ratio("point", "direct", 0.6));
        v.add(ratio("tpcb", "direct", 0.85));
        v.add(ratio("connect", "pgbouncer", 4));
        v.add(tenants("tenants-uniform"));
        v.add(tenants("tenants-zipf"));
        v.add(ratio("bigresult", "direct", 0.8));
        v.add(rss());
        return v;
    }

    private Verdict ratio(String workload, String base, double min) {
        String required = String.format(Locale.ROOT, "≥ %.2f× %s %s", min, base,
                Median.isStreaming(workload) ? "rows/s" : "ops/s");
        Optional<Double> r = table.ratio(workload, "switchboard", base);
        return new Verdict(workload, required, r.map(x -> String.format(Locale.ROOT, "%.2f×", x)).orElse("n/a"),
                r.map(x -> x >= min));
    }

    private Verdict tenants(String workload) {
        String required = "≥ 2× pgbouncer ops/s, p99 ≤ ½ pgbouncer's, backends ≤ " + budget;
        Optional<Median> sb = table.get(workload, "switchboard");
        Optional<Median> pgb = table.get(workload, "pgbouncer");
        if (sb.isEmpty() || pgb.isEmpty()) return new Verdict(workload, required, "n/a", Optional.empty());
        double tput = sb.get().throughput() / pgb.get().throughput();
        double p99 = sb.get().p99Us() / pgb.get().p99Us();
        int backends = sb.get().peakBackends();
        return new Verdict(workload, required, String.format(Locale.ROOT, "%.2f× ops/s, p99 %.2f×, backends %d",
                tput, p99, backends), Optional.of(tput >= 2 && p99 <= 0.5 && backends <= budget));
    }

    private Verdict rss() {
        double peak = table.all().stream().filter(m -> m.target().equals("switchboard"))
                .mapToDouble(Median::peakRssMb).max().orElse(-1);
        return new Verdict("all", "proxy peak RSS (VmHWM) ≤ 256 MB", peak < 0 ? "n/a"
                : String.format(Locale.ROOT, "%.0f MB", peak), peak < 0 ? Optional.empty() : Optional.of(peak <= 256));
    }
}

package dev.switchboard.bench.report;

import dev.switchboard.bench.CellResult;
import dev.switchboard.bench.TenantFigures;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Writes a run's summary next to its raw.csv: {@code summary.md} (the tables BENCHMARKS.md quotes),
 * {@code summary.csv}, {@code summary.json} and, unless disabled, the PNG charts ({@link Charts}). The tenants
 * workloads' own figures (cold-tenant latency, backend logins, pool churn) are a second table in summary.md, and the
 * last columns of summary.csv and summary.json, empty ({@code null}) for the other workloads.
 */
public final class Summary {
    private Summary() {
    }

    public static void write(Path out, List<CellResult> cells, int budget, boolean charts) throws IOException {
        var table = new Table(cells);
        var verdicts = new Verdicts(table, budget).all();
        Files.writeString(out.resolve("summary.md"), markdown(table, verdicts), StandardCharsets.UTF_8);
        Files.writeString(out.resolve("summary.csv"), csv(table), StandardCharsets.UTF_8);
        Files.writeString(out.resolve("summary.json"), json(table, verdicts), StandardCharsets.UTF_8);
        if (charts) Charts.write(out, table);
        System.out.print(markdown(table, verdicts));
    }

    static String markdown(Table t, List<Verdicts.Verdict> verdicts) {
        var sb = new StringBuilder();
        int reps = t.all().stream().mapToInt(Median::reps).max().orElse(0);
        sb.append("Medians of ").append(reps).append(" interleaved repetitions. Throughput is ops/s (bigresult: rows/s); ")
                .append("latency in µs; ×direct is throughput relative to direct; server RSS is the process's peak ")
                .append("(VmHWM) in MB, CPU its share of one core; backends is the peak number of PostgreSQL ")
                .append("connections of the workload's user.\n\n");
        sb.append("| workload | target | throughput | ×direct | ×pgbouncer | p50 µs | p99 µs | p99.9 µs | MB/s "
                + "| server RSS MB | server CPU % | backends | errors |\n");
        sb.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (String w : t.workloads()) {
            for (String target : t.targets()) {
                Optional<Median> m = t.get(w, target);
                if (m.isEmpty()) continue;
                Median x = m.get();
                sb.append(String.format(Locale.ROOT, "| %s | %s | %,.0f | %s | %s | %,.0f | %,.0f | %,.0f | %s | %s | %s | %s | %d |%n",
                        w, target, x.throughput(), ratio(t, w, target, "direct"), ratio(t, w, target, "pgbouncer"),
                        x.p50Us(), x.p99Us(), x.p999Us(), x.mbPerSec() > 0 ? String.format(Locale.ROOT, "%.1f", x.mbPerSec()) : "",
                        x.peakRssMb() < 0 ? "" : String.format(Locale.ROOT, "%.0f", x.peakRssMb()),
                        x.cpuPercent() < 0 ? "" : String.format(Locale.ROOT, "%.0f", x.cpuPercent()),
                        x.peakBackends() < 0 ? "" : Integer.toString(x.peakBackends()), x.errors()));
            }
        }
        sb.append(tenantsMarkdown(t));
        sb.append("\n| target (issue #3) | required | measured | met |\n|---|---|---|---|\n");
        for (var v : verdicts) {
            sb.append("| ").append(v.workload()).append(" | ").append(v.required()).append(" | ").append(v.measured())
                    .append(" | ").append(v.met().map(b -> b ? "yes" : "**no**").orElse("pending")).append(" |\n");
        }
        return sb.toString();
    }

    /** The tenants workloads' table, or nothing when the run had none. */
    static String tenantsMarkdown(Table t) {
        List<Median> rows = t.all().stream().filter(m -> m.tenants().hasCold()).toList();
        if (rows.isEmpty()) return "";
        var sb = new StringBuilder("\nTenants workloads: an operation is cold when its tenant is not among the ")
                .append("tenants most recently touched by the cell's threads, as many as the pools a pooling target ")
                .append("may keep (BENCHMARKS.md); cold ops counts them in the window. Logins/op: new PostgreSQL ")
                .append("connections to the tenant databases per operation in the window (direct: about 1). Pools ")
                .append("created and evicted (any cause) per second of the window; n/a: the target has no bounded ")
                .append("pools.\n\n")
                .append("| workload | target | ops/s | p50 µs | p99 µs | cold ops | cold p50 µs | cold p99 µs ")
                .append("| logins/op | pools created/s | pools evicted/s |\n")
                .append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Median m : rows) {
            TenantFigures x = m.tenants();
            sb.append(String.format(Locale.ROOT,
                    "| %s | %s | %,.0f | %,.0f | %,.0f | %,d | %s | %s | %s | %s | %s |%n",
                    m.workload(), m.target(), m.opsPerSec(), m.p50Us(), m.p99Us(), x.coldOps(),
                    us(x.coldP50Us()), us(x.coldP99Us()), perOp(x.backendLoginsPerOp()),
                    rate(x.poolsCreatedPerSec()), rate(x.poolsEvictedPerSec())));
        }
        return sb.toString();
    }

    private static String us(double v) {
        return v < 0 ? "" : String.format(Locale.ROOT, "%,.0f", v);
    }

    private static String perOp(double v) {
        return v < 0 ? "" : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String rate(double v) {
        return v < 0 ? "n/a" : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String ratio(Table t, String w, String target, String base) {
        if (target.equals(base)) return "1.00";
        return t.ratio(w, target, base).map(r -> String.format(Locale.ROOT, "%.2f", r)).orElse("");
    }

    static String csv(Table t) {
        var sb = new StringBuilder("workload,target,reps,throughput,ops_per_sec,ratio_direct,ratio_pgbouncer,p50_us,"
                + "p99_us,p999_us,rows_per_sec,mb_per_sec,server_cpu_pct,server_peak_rss_mb,peak_backends,errors,"
                + "cold_ops,cold_p50_us,cold_p99_us,pools_created_per_sec,pools_evicted_per_sec,"
                + "backend_logins_per_op\n");
        for (Median m : t.all()) {
            var f = new ArrayList<>(List.of(m.workload(), m.target(), Integer.toString(m.reps()), num(m.throughput()),
                    num(m.opsPerSec()), ratio(t, m.workload(), m.target(), "direct"),
                    ratio(t, m.workload(), m.target(), "pgbouncer"), num(m.p50Us()), num(m.p99Us()), num(m.p999Us()),
                    num(m.rowsPerSec()), num(m.mbPerSec()), num(m.cpuPercent()), num(m.peakRssMb()),
                    Integer.toString(m.peakBackends()), Long.toString(m.errors())));
            f.addAll(m.tenants().csvFields());
            sb.append(String.join(",", f)).append('\n');
        }
        return sb.toString();
    }

    static String json(Table t, List<Verdicts.Verdict> verdicts) {
        var sb = new StringBuilder("{\n  \"medians\": [\n");
        List<Median> all = t.all();
        for (int i = 0; i < all.size(); i++) {
            Median m = all.get(i);
            sb.append(String.format(Locale.ROOT, "    {\"workload\": \"%s\", \"target\": \"%s\", \"reps\": %d, "
                            + "\"throughput\": %.2f, \"opsPerSec\": %.2f, \"ratioToDirect\": %s, \"ratioToPgbouncer\": %s, "
                            + "\"p50Us\": %.2f, \"p99Us\": %.2f, \"p999Us\": %.2f, \"rowsPerSec\": %.2f, \"mbPerSec\": %.2f, "
                            + "\"serverCpuPercent\": %.2f, \"serverPeakRssMb\": %.2f, \"peakBackends\": %d, "
                            + "\"errors\": %d, %s}%s%n",
                    m.workload(), m.target(), m.reps(), m.throughput(), m.opsPerSec(),
                    jsonNum(t.ratio(m.workload(), m.target(), "direct")),
                    jsonNum(t.ratio(m.workload(), m.target(), "pgbouncer")), m.p50Us(), m.p99Us(), m.p999Us(),
                    m.rowsPerSec(), m.mbPerSec(), m.cpuPercent(), m.peakRssMb(), m.peakBackends(), m.errors(),
                    tenantsJson(m.tenants()), i + 1 < all.size() ? "," : ""));
        }
        sb.append("  ],\n  \"targets\": [\n");
        for (int i = 0; i < verdicts.size(); i++) {
            var v = verdicts.get(i);
            sb.append(String.format("    {\"workload\": \"%s\", \"required\": \"%s\", \"measured\": \"%s\", \"met\": %s}%s%n",
                    v.workload(), v.required(), v.measured(), v.met().map(String::valueOf).orElse("null"),
                    i + 1 < verdicts.size() ? "," : ""));
        }
        return sb.append("  ]\n}\n").toString();
    }

    /** The tenants figures as JSON members; {@code null} where -1. */
    static String tenantsJson(TenantFigures x) {
        return String.format(Locale.ROOT, "\"coldOps\": %s, \"coldP50Us\": %s, \"coldP99Us\": %s, "
                        + "\"poolsCreatedPerSec\": %s, \"poolsEvictedPerSec\": %s, \"backendLoginsPerOp\": %s",
                x.coldOps() < 0 ? "null" : Long.toString(x.coldOps()), jsonNum(x.coldP50Us()), jsonNum(x.coldP99Us()),
                jsonNum(x.poolsCreatedPerSec()), jsonNum(x.poolsEvictedPerSec()), jsonNum(x.backendLoginsPerOp()));
    }

    private static String jsonNum(double v) {
        return v < 0 ? "null" : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String jsonNum(Optional<Double> d) {
        return d.map(x -> String.format(Locale.ROOT, "%.3f", x)).orElse("null");
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}

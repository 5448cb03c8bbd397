package dev.switchboard.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One cell of the matrix: one workload against one target in one repetition. Server figures are -1 where the
 * target has no process of its own (direct, inapp). One CSV line each ({@link #CSV_HEADER}); the tenants figures
 * are its last six fields. A line of a run older than them (19 fields) reads as {@link TenantFigures#NONE}, one of a
 * run older than the logins per operation (24 fields) as figures without it (-1).
 *
 * @param cpuPercent    the server process's CPU time over the measured window, as % of one core
 * @param peakBackends  peak PostgreSQL backends of the workload's database user during the cell
 */
public record CellResult(int rep, String workload, String target, int threads, double seconds, long ops,
                         double opsPerSec, long errors, double p50Us, double p99Us, double p999Us, double maxUs,
                         double rowsPerSec, double mbPerSec, double serverRssMb, double serverPeakRssMb,
                         double cpuPercent, int peakBackends, String firstError, TenantFigures tenants) {
    public static final String CSV_HEADER = "rep,workload,target,threads,seconds,ops,ops_per_sec,errors,p50_us,p99_us,"
            + "p999_us,max_us,rows_per_sec,mb_per_sec,server_rss_mb,server_peak_rss_mb,server_cpu_pct,peak_backends,"
            + "first_error," + TenantFigures.CSV_HEADER;
    private static final int BASE_FIELDS = 19;

    public String csv() {
        var f = new ArrayList<>(List.of(Integer.toString(rep), workload, target, Integer.toString(threads),
                num(seconds), Long.toString(ops), num(opsPerSec), Long.toString(errors), num(p50Us), num(p99Us),
                num(p999Us), num(maxUs), num(rowsPerSec), num(mbPerSec), num(serverRssMb), num(serverPeakRssMb),
                num(cpuPercent), Integer.toString(peakBackends), quote(firstError)));
        f.addAll(tenants.csvFields());
        return String.join(",", f);
    }

    public static CellResult parse(String line) {
        List<String> f = Csv.split(line);
        if (f.size() != BASE_FIELDS && f.size() != BASE_FIELDS + TenantFigures.CSV_FIELDS_WITHOUT_LOGINS
                && f.size() != BASE_FIELDS + TenantFigures.CSV_FIELDS) {
            throw new IllegalArgumentException("expected " + BASE_FIELDS + ", "
                    + (BASE_FIELDS + TenantFigures.CSV_FIELDS_WITHOUT_LOGINS) + " or "
                    + (BASE_FIELDS + TenantFigures.CSV_FIELDS) + " fields: " + line);
        }
        TenantFigures tenants = f.size() == BASE_FIELDS ? TenantFigures.NONE
                : TenantFigures.parse(f.subList(BASE_FIELDS, f.size()));
        return new CellResult(Integer.parseInt(f.get(0)), f.get(1), f.get(2), Integer.parseInt(f.get(3)), d(f.get(4)),
                Long.parseLong(f.get(5)), d(f.get(6)), Long.parseLong(f.get(7)), d(f.get(8)), d(f.get(9)),
                d(f.get(10)), d(f.get(11)), d(f.get(12)), d(f.get(13)), d(f.get(14)), d(f.get(15)), d(f.get(16)),
                Integer.parseInt(f.get(17)), f.get(18), tenants);
    }

    private static double d(String s) {
        return Double.parseDouble(s);
    }

    static String num(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private static String quote(String s) {
        return "\"" + s.replace("\"", "\"\"").replace('\n', ' ') + "\"";
    }
}

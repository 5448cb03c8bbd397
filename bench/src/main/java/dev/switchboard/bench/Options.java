package dev.switchboard.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The command line of {@link BenchMain}: {@code --key value} pairs over defaults ({@link #USAGE}). */
record Options(List<String> targets, List<Workload> workloads, int reps, Duration warmup, Duration duration,
               int threads, int bigThreads, Path out, String pgHost, int pgPort,
               String database, int scale, String tenantPrefix, int tenants, int budget, int tenantPoolSize,
               int switchboardMaxPools,
               String proxyPgSocket, Path proxyJar, List<String> proxyJavaOptions, String pgbouncer, boolean smoke,
               boolean charts) {

    static final List<String> ALL_TARGETS = List.of("direct", "inapp", "pgbouncer", "switchboard");

    static final String USAGE = """
            usage: BenchMain run [--key value]…      runs the matrix, writes raw.csv, summary.{md,csv,json} and PNGs
                   BenchMain report --out DIR        rebuilds the summary and PNGs from DIR/raw.csv
            keys (default):
              --targets      direct,inapp,pgbouncer,switchboard
              --workloads    select1,point,tpcb,connect,tenants-uniform,tenants-zipf,bigresult
              --reps 3   --warmup 3s   --duration 10s   --threads 8   --big-threads 1
              --out bench/results
              --pg-host 127.0.0.1   --pg-port 5432
              --database bench   --scale 10   --tenant-prefix tenant_   --tenants 200
              --budget 20          backend connections for the tenants workload, on every target that can bound them
              --tenant-pool-size 2 pool size per tenant database (inapp, pgbouncer, switchboard)
              --switchboard-max-pools 0  the proxy's registry.maxPools; 0: one per tenant (--tenants)
              --proxy-pg-socket "" PostgreSQL's Unix socket directory, through which PgBouncer and Switchboard
                                   reach it (as beside their database); empty: TCP to --pg-host like the clients
              --proxy-jar proxy-server/target/switchboard-proxy-all.jar
              --proxy-java-opts "" JVM options of the proxy process (space-separated)
              --pgbouncer /usr/sbin/pgbouncer
              --smoke false        exit 1 if any cell had an error (CI)
              --charts true
            """;

    private static final Pattern DURATION = Pattern.compile("([0-9]+)(ms|s|m)");

    static Options parse(List<String> args) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("targets", String.join(",", ALL_TARGETS));
        v.put("workloads", String.join(",", Arrays.stream(Workload.values()).map(Workload::label).toList()));
        v.put("reps", "3");
        v.put("warmup", "3s");
        v.put("duration", "10s");
        v.put("threads", "8");
        v.put("big-threads", "1");
        v.put("out", "bench/results");
        v.put("pg-host", "127.0.0.1");
        v.put("pg-port", "5432");
        v.put("database", "bench");
        v.put("scale", "10");
        v.put("tenant-prefix", "tenant_");
        v.put("tenants", "200");
        v.put("budget", "20");
        v.put("tenant-pool-size", "2");
        v.put("switchboard-max-pools", "0");
        v.put("proxy-pg-socket", "");
        v.put("proxy-jar", "proxy-server/target/switchboard-proxy-all.jar");
        v.put("proxy-java-opts", "");
        v.put("pgbouncer", "/usr/sbin/pgbouncer");
        v.put("smoke", "false");
        v.put("charts", "true");
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (!a.startsWith("--") || !v.containsKey(a.substring(2))) {
                throw new IllegalArgumentException("unknown option " + a + "\n" + USAGE);
            }
            if (i + 1 >= args.size()) throw new IllegalArgumentException(a + " needs a value");
            v.put(a.substring(2), args.get(++i));
        }
        List<String> targets = split(v.get("targets"));
        for (String t : targets) {
            if (!ALL_TARGETS.contains(t)) throw new IllegalArgumentException("unknown target " + t);
        }
        var o = new Options(targets, split(v.get("workloads")).stream().map(Workload::of).toList(),
                positive(v, "reps"), duration(v.get("warmup")), duration(v.get("duration")), positive(v, "threads"),
                positive(v, "big-threads"), Path.of(v.get("out")), v.get("pg-host"), positive(v, "pg-port"),
                v.get("database"), positive(v, "scale"), v.get("tenant-prefix"),
                positive(v, "tenants"), positive(v, "budget"), positive(v, "tenant-pool-size"),
                Integer.parseInt(v.get("switchboard-max-pools")), v.get("proxy-pg-socket").strip(),
                Path.of(v.get("proxy-jar")), words(v.get("proxy-java-opts")), v.get("pgbouncer"),
                Boolean.parseBoolean(v.get("smoke")), Boolean.parseBoolean(v.get("charts")));
        if (o.budget < o.tenantPoolSize) throw new IllegalArgumentException("--budget must be >= --tenant-pool-size");
        return o;
    }

    /**
     * Pools the in-app registry may keep (budget / pool size: it cannot bound connections otherwise), and the size of
     * the ideal LRU that defines a cold operation. Switchboard keeps one pool per tenant ({@link #proxyMaxPools()}):
     * its budget bounds connections, not pools.
     */
    int tenantPools() {
        return budget / tenantPoolSize;
    }

    /**
     * The proxy's {@code registry.maxPools}: {@code --switchboard-max-pools}, or one pool per tenant when that is 0
     * (a pool without connections costs a few KB, so the tenants' connections rotate under the budget, not their
     * pools; until the fifth session the default was the budget, see BENCHMARKS.md).
     */
    int proxyMaxPools() {
        return switchboardMaxPools > 0 ? switchboardMaxPools : tenants;
    }

    private static List<String> split(String s) {
        return Arrays.stream(s.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList();
    }

    private static List<String> words(String s) {
        return Arrays.stream(s.trim().split("\\s+")).filter(x -> !x.isEmpty()).toList();
    }

    private static int positive(Map<String, String> v, String key) {
        int n = Integer.parseInt(v.get(key));
        if (n < 1) throw new IllegalArgumentException("--" + key + " must be >= 1");
        return n;
    }

    static Duration duration(String s) {
        Matcher m = DURATION.matcher(s.toLowerCase(Locale.ROOT));
        if (!m.matches()) throw new IllegalArgumentException("not a duration (500ms, 3s, 1m): " + s);
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            default -> Duration.ofMinutes(n);
        };
    }
}

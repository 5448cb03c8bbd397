package dev.switchboard.bench;

import dev.switchboard.bench.peer.ManagedProcess;
import dev.switchboard.bench.peer.PgBouncerProcess;
import dev.switchboard.bench.peer.SwitchboardProcess;
import dev.switchboard.bench.report.Summary;
import dev.switchboard.bench.target.Login;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code BenchMain run …}: starts the peers the chosen targets need (PgBouncer, the Switchboard jar), runs the
 * matrix ({@link Matrix}), stops the peers and writes the results; {@code BenchMain report --out DIR} rebuilds the
 * summary and charts from a raw.csv. Exit status: 0; 1 when {@code --smoke true} and some cell had errors or
 * completed nothing at all; 2 on bad arguments. The data must exist (bench/setup-data.sh).
 */
public final class BenchMain {
    /** The bench's own throwaway logins; PostgreSQL trusts loopback, PgBouncer and Switchboard check these. */
    static final Login BENCH = new Login("bench", "bench");
    static final Login TENANT = new Login("tenant", "tenant");

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        if (args.length == 0 || args[0].equals("--help")) {
            System.out.print(Options.USAGE);
            return;
        }
        Options o;
        try {
            o = Options.parse(Arrays.asList(args).subList(1, args.length));
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.exit(2);
            return;
        }
        switch (args[0]) {
            case "run" -> System.exit(run(o));
            case "report" -> Summary.write(o.out(), readRaw(o.out().resolve("raw.csv")), o.budget(), o.charts());
            default -> {
                System.err.println("bench: unknown command " + args[0] + "\n" + Options.USAGE);
                System.exit(2);
            }
        }
    }

    private static int run(Options o) throws IOException, SQLException, InterruptedException {
        Files.createDirectories(o.out());
        Path out = o.out().toAbsolutePath();
        var data = new DataSet(o.database(), o.scale(), o.tenantPrefix(), o.tenants(), BENCH, TENANT);
        int appPool = Math.max(o.threads(), o.bigThreads());
        Optional<ManagedProcess> pgbouncer = Optional.empty();
        Optional<SwitchboardProcess.Started> proxy = Optional.empty();
        Optional<ManagedProcess> switchboard = Optional.empty();
        List<CellResult> results;
        int dead;
        boolean untrusted = false;
        try {
            if (o.targets().contains("pgbouncer")) {
                // PgBouncer's host may be a Unix socket directory, as libpq's may
                String host = o.proxyPgSocket().isEmpty() ? o.pgHost() : o.proxyPgSocket();
                pgbouncer = Optional.of(PgBouncerProcess.start(o.pgbouncer(), host, o.pgPort(), o.database(),
                        appPool, TENANT.user(), o.tenantPoolSize(), o.budget(),
                        Map.of(BENCH.user(), BENCH.password(), TENANT.user(), TENANT.password()), out));
                System.out.println("bench: pgbouncer pid " + pgbouncer.get().pid() + " on port " + pgbouncer.get().port());
            }
            if (o.targets().contains("switchboard")) {
                proxy = Optional.of(SwitchboardProcess.start(o.proxyJar(), o.proxyJavaOptions(), o.pgHost(),
                        o.pgPort(), o.proxyPgSocket(), o.database(), appPool, o.tenantPrefix(), o.tenantPoolSize(),
                        o.budget(), o.proxyMaxPools(),
                        new SwitchboardProcess.Users(BENCH.user(), BENCH.password(), TENANT.user(), TENANT.password()),
                        out));
                switchboard = proxy.map(SwitchboardProcess.Started::process);
                System.out.println("bench: switchboard pid " + switchboard.get().pid() + " on port "
                        + switchboard.get().port() + " (JVM options: " + o.proxyJavaOptions() + ")");
            }
            writePids(out, pgbouncer, switchboard);
            var targets = new Targets(o, pgbouncer, proxy);
            for (String name : o.targets()) {
                try (var t = targets.create(name)) {
                    System.out.println("bench: " + name + ": tenants' backend budget: " + t.budgetNote());
                }
            }
            var matrix = new Matrix(o, targets, data, System.out);
            results = matrix.run(out.resolve("raw.csv"));
            dead = matrix.deadCells();
            for (var p : List.of(pgbouncer, switchboard)) {
                if (p.isPresent() && !p.get().isAlive()) {
                    System.err.println("bench: " + p.get().name() + " died during the run:\n" + p.get().tail());
                    return 1;
                }
                List<String> uncaught = p.map(ManagedProcess::uncaughtErrors).orElse(List.of());
                if (!uncaught.isEmpty()) {
                    System.err.println("bench: " + p.get().name() + " logged " + uncaught.size()
                            + " uncaught error(s); its numbers are not to be trusted:\n" + String.join("\n", uncaught));
                    untrusted = true;
                }
            }
        } finally {
            switchboard.ifPresent(ManagedProcess::close);
            pgbouncer.ifPresent(ManagedProcess::close);
            Files.deleteIfExists(out.resolve("peers.pid"));
        }
        Summary.write(out, results, o.budget(), o.charts());
        long failed = results.stream().filter(r -> r.errors() > 0).count();
        long unmeasured = results.stream().filter(r -> r.ops() == 0).count();
        if (failed > 0) System.err.println("bench: " + failed + " cell(s) had errors");
        if (dead > 0) System.err.println("bench: " + dead + " cell(s) completed no operation at all");
        if (unmeasured > dead) System.err.println("bench: " + (unmeasured - dead) + " cell(s) completed no operation "
                + "inside the measured window (too short a --duration?)");
        if (untrusted) return 1;
        return o.smoke() && (failed > 0 || dead > 0) ? 1 : 0;
    }

    /** The peers' pids, for the calling script's trap in case this JVM is killed before it can stop them. */
    private static void writePids(Path out, Optional<ManagedProcess> a, Optional<ManagedProcess> b) throws IOException {
        var pids = new ArrayList<String>();
        a.ifPresent(p -> pids.add(Long.toString(p.pid())));
        b.ifPresent(p -> pids.add(Long.toString(p.pid())));
        Files.write(out.resolve("peers.pid"), pids, StandardCharsets.UTF_8);
    }

    private static List<CellResult> readRaw(Path raw) throws IOException {
        return Files.readAllLines(raw, StandardCharsets.UTF_8).stream().skip(1).filter(l -> !l.isBlank())
                .map(CellResult::parse).toList();
    }
}

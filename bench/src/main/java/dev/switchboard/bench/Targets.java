package dev.switchboard.bench;

import dev.switchboard.bench.peer.ManagedProcess;
import dev.switchboard.bench.peer.PgBouncerProcess;
import dev.switchboard.bench.peer.PgUrls;
import dev.switchboard.bench.peer.SwitchboardProcess;
import dev.switchboard.bench.target.InAppTarget;
import dev.switchboard.bench.target.JdbcTarget;
import dev.switchboard.bench.target.JdbcTarget.TenantAccess;
import dev.switchboard.bench.target.Target;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;

/** Makes a fresh {@link Target} per cell, by name, against the peers this run started. */
final class Targets {
    private final Options o;
    private final Optional<ManagedProcess> pgbouncer;
    private final Optional<SwitchboardProcess.Started> switchboard;

    Targets(Options o, Optional<ManagedProcess> pgbouncer, Optional<SwitchboardProcess.Started> switchboard) {
        this.o = o;
        this.pgbouncer = pgbouncer;
        this.switchboard = switchboard;
    }

    Target create(String name) {
        String pg = "jdbc:postgresql://" + o.pgHost() + ":" + o.pgPort() + "/";
        return switch (name) {
            case "direct" -> new JdbcTarget(name, db -> pg + db + PgUrls.NO_TLS, pgjdbc(), TenantAccess.CONNECT_EACH,
                    "none: one new backend connection per operation (at most one per client thread)",
                    OptionalLong.empty(), "", "", Optional::empty);
            case "inapp" -> new InAppTarget(db -> pg + db + PgUrls.NO_TLS,
                    db -> db.equals(o.database()) ? Math.max(o.threads(), o.bigThreads()) : o.tenantPoolSize(),
                    o.tenantPools());
            case "pgbouncer" -> {
                ManagedProcess p = pgbouncer.orElseThrow();
                // No pool counts: PgBouncer has a pool per (database, user) too, but no bound on their number (only
                // on server connections) and no eviction to make room; SHOW POOLS lists pools, it counts nothing.
                Properties props = pgjdbc();
                // Transaction pooling: a named server-side prepared statement may land on another server
                // connection, so pgjdbc must not make any (PgBouncer 1.18 does not track them).
                props.setProperty("prepareThreshold", "0");
                String bouncer = "jdbc:postgresql://127.0.0.1:" + p.port() + "/";
                yield new JdbcTarget(name, db -> bouncer + db + PgUrls.NO_TLS, props,
                        TenantAccess.HOLD_PER_TENANT, "max_user_connections=" + o.budget() + ", pool_size="
                        + o.tenantPoolSize() + " per tenant", OptionalLong.of(p.pid()), PgBouncerProcess.ROLE_SUFFIX,
                        PgBouncerProcess.ROLE_SUFFIX, Optional::empty);
            }
            case "switchboard" -> {
                SwitchboardProcess.Started proxy = switchboard.orElseThrow();
                ManagedProcess p = proxy.process();
                yield new JdbcTarget(name, db -> "jdbc:switchboard://127.0.0.1:" + p.port() + "/" + db,
                        pgjdbc(), TenantAccess.SWITCH_CATALOG, "registry.maxBackendConnections=" + o.budget()
                        + " (enforced), maxPools=" + o.proxyMaxPools() + ", maxPoolSize=" + o.tenantPoolSize(),
                        OptionalLong.of(p.pid()), "", SwitchboardProcess.ROLE_SUFFIX, proxy.metrics()::poolCounts);
            }
            default -> throw new IllegalArgumentException("unknown target " + name);
        };
    }

    /**
     * Timeouts every client gets (pgjdbc's and the Switchboard driver's properties have these names): a reply lost
     * by a broken peer fails its cell with an error after 5 minutes instead of hanging the run.
     */
    private static Properties pgjdbc() {
        var p = new Properties();
        p.setProperty("connectTimeout", "10");
        p.setProperty("socketTimeout", "300");
        return p;
    }
}

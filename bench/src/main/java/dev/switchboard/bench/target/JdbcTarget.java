package dev.switchboard.bench.target;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A target reached through a JDBC URL per database, with no pool in the client: direct pgjdbc, pgjdbc to PgBouncer,
 * the Switchboard driver to the proxy. They differ in how a thread reaches many tenants ({@link TenantAccess}).
 */
public final class JdbcTarget implements Target {
    /** How the tenants workload reaches a tenant. */
    public enum TenantAccess {
        /** open, query, close: all direct can do without holding more connections than the budget */
        CONNECT_EACH,
        /** one held client connection per tenant touched: PgBouncer multiplexes them onto its server pools */
        HOLD_PER_TENANT,
        /** one held session per thread, moved with setCatalog: Switchboard */
        SWITCH_CATALOG
    }

    private final String name;
    private final Function<String, String> urlOf;
    private final Properties extra;
    private final TenantAccess tenantAccess;
    private final String budgetNote;
    private final OptionalLong pid;
    private final String backendRoleSuffix;
    private final String clientUserSuffix;
    private final Supplier<Optional<PoolCounts>> poolCounts;

    /**
     * @param urlOf  the JDBC URL for a database name
     * @param extra             connection properties besides user and password
     * @param clientUserSuffix  appended to the bench's user names when logging in to this target ("" for none)
     * @param backendRoleSuffix the target logs in to PostgreSQL as the bench's user with this suffix ("" for none)
     * @param poolCounts        reads the server's pool counters ({@link Target#poolCounts}); empty for none
     */
    public JdbcTarget(String name, Function<String, String> urlOf, Properties extra, TenantAccess tenantAccess,
                      String budgetNote, OptionalLong pid, String clientUserSuffix, String backendRoleSuffix,
                      Supplier<Optional<PoolCounts>> poolCounts) {
        this.name = name;
        this.urlOf = urlOf;
        this.extra = extra;
        this.tenantAccess = tenantAccess;
        this.budgetNote = budgetNote;
        this.pid = pid;
        this.backendRoleSuffix = backendRoleSuffix;
        this.clientUserSuffix = clientUserSuffix;
        this.poolCounts = poolCounts;
    }

    private Connector connector(Login login) {
        var props = new Properties();
        props.putAll(extra);
        props.setProperty("user", login.user() + clientUserSuffix);
        props.setProperty("password", login.password());
        return database -> open(urlOf.apply(database), props);
    }

    private static Connection open(String url, Properties props) throws SQLException {
        return DriverManager.getConnection(url, props);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Lease appLease(Login login) {
        return new HeldLease(connector(login));
    }

    @Override
    public Lease connectLease(Login login) {
        return new FreshLease(connector(login));
    }

    @Override
    public Lease tenantLease(Login login) {
        return switch (tenantAccess) {
            case CONNECT_EACH -> new FreshLease(connector(login));
            case HOLD_PER_TENANT -> new HeldLease(connector(login));
            case SWITCH_CATALOG -> new SwitchingLease(connector(login));
        };
    }

    @Override
    public String budgetNote() {
        return budgetNote;
    }

    @Override
    public String backendUser(String user) {
        return user + backendRoleSuffix;
    }

    @Override
    public OptionalLong serverPid() {
        return pid;
    }

    @Override
    public Optional<PoolCounts> poolCounts() {
        return poolCounts.get();
    }

    @Override
    public void close() {
    }
}

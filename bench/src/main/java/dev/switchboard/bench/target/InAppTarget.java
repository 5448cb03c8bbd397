package dev.switchboard.bench.target;

import java.sql.SQLException;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * The in-app registry target: pgjdbc straight to PostgreSQL through per-database HikariCP pools in the client
 * process ({@link InAppRegistry}), one registry per login. Every operation borrows and returns a connection, as
 * application code does with a pool; {@code connect} is therefore a pool borrow, not a login.
 */
public final class InAppTarget implements Target {
    private final Function<String, String> urlOf;
    private final ToIntFunction<String> poolSizeOf;
    private final int maxPools;
    private final ConcurrentHashMap<String, InAppRegistry> registries = new ConcurrentHashMap<>();

    /**
     * @param poolSizeOf a database's pool size
     * @param maxPools   pools kept at once per login; maxPools × pool size is the tenants' backend budget
     */
    public InAppTarget(Function<String, String> urlOf, ToIntFunction<String> poolSizeOf, int maxPools) {
        this.urlOf = urlOf;
        this.poolSizeOf = poolSizeOf;
        this.maxPools = maxPools;
    }

    private Lease pooled(Login login) {
        InAppRegistry registry = registries.computeIfAbsent(login.user(),
                u -> new InAppRegistry(urlOf, poolSizeOf, maxPools, login));
        return new Lease() {
            @Override
            public <T> T call(String database, SqlWork<T> work) throws SQLException {
                return registry.call(database, work);
            }

            @Override
            public void reset() {
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public String name() {
        return "inapp";
    }

    @Override
    public Lease appLease(Login login) {
        return pooled(login);
    }

    @Override
    public Lease connectLease(Login login) {
        return pooled(login);
    }

    @Override
    public Lease tenantLease(Login login) {
        return pooled(login);
    }

    @Override
    public String budgetNote() {
        return "Caffeine LRU of " + maxPools + " HikariCP pools × pool size";
    }

    @Override
    public String backendUser(String user) {
        return user;
    }

    @Override
    public OptionalLong serverPid() {
        return OptionalLong.empty();
    }

    /** Summed over the logins' registries; a tenants cell uses only the tenant login's. */
    @Override
    public Optional<PoolCounts> poolCounts() {
        return Optional.of(registries.values().stream().map(InAppRegistry::counts)
                .reduce(new PoolCounts(0, 0), PoolCounts::plus));
    }

    @Override
    public void close() {
        registries.values().forEach(InAppRegistry::close);
        registries.clear();
    }
}

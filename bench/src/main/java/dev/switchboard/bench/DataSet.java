package dev.switchboard.bench;

import dev.switchboard.bench.target.Login;

/**
 * The data bench/setup-data.sh made, and the logins that reach it.
 *
 * @param database     the pgbench database (pgbench_* tables and bench_big)
 * @param scale        its pgbench scale: 100,000 accounts, 10 tellers and 1 branch per unit
 * @param tenantPrefix tenant databases are this prefix and three digits ({@code tenant_000})
 * @param tenants      how many tenant databases there are
 */
public record DataSet(String database, int scale, String tenantPrefix, int tenants, Login bench, Login tenant) {
    public DataSet {
        if (scale < 1) throw new IllegalArgumentException("scale must be >= 1");
        if (tenants < 1 || tenants > 1000) throw new IllegalArgumentException("tenants must be in [1, 1000]");
    }

    public String tenant(int i) {
        return tenantPrefix + String.format("%03d", i);
    }
}

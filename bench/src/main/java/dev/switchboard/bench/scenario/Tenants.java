package dev.switchboard.bench.scenario;

import dev.switchboard.bench.DataSet;
import dev.switchboard.bench.Scenario;
import dev.switchboard.bench.Tally;
import dev.switchboard.bench.target.Lease;
import dev.switchboard.bench.target.Target;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.SplittableRandom;

/**
 * {@code tenants-uniform} / {@code tenants-zipf}: each operation picks a tenant database (uniformly, or Zipf-skewed
 * with {@code exponent} > 0) and runs one short primary-key query on its {@code items} table. An operation on a
 * tenant outside the {@code poolBound} most recently touched ones is marked cold ({@link RecentTenants}). One
 * instance per cell: its workers share that cell's recency, so a new cell starts with every tenant cold.
 */
public final class Tenants implements Scenario {
    private final String name;
    private final DataSet data;
    private final double exponent;
    private final RecentTenants recent;

    /** @param poolBound pools a pooling target may keep for the tenants (the bench's {@code --budget} / pool size) */
    public Tenants(String name, DataSet data, double exponent, int poolBound) {
        this.name = name;
        this.data = data;
        this.exponent = exponent;
        this.recent = new RecentTenants(poolBound);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Worker newWorker(Target target, int thread) {
        Lease lease = target.tenantLease(data.tenant());
        var random = new SplittableRandom(thread * 15485863L + 5);
        var zipf = exponent > 0 ? new Zipf(data.tenants(), exponent) : null;
        return new Worker() {
            @Override
            public void op(Tally tally) throws SQLException {
                int tenant = zipf == null ? random.nextInt(data.tenants()) : zipf.sample(random);
                int id = 1 + random.nextInt(100);
                if (recent.touch(tenant)) tally.markCold();
                lease.call(data.tenant(tenant), c -> {
                    try (PreparedStatement ps = c.prepareStatement("SELECT name FROM items WHERE id = ?")) {
                        ps.setInt(1, id);
                        try (ResultSet rs = ps.executeQuery()) {
                            return Queries.single(rs).getString(1);
                        }
                    }
                });
            }

            @Override
            public void reset() {
                lease.reset();
            }

            @Override
            public void close() {
                lease.close();
            }
        };
    }
}

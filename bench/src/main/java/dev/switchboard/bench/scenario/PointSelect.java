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

/** {@code point}: a primary-key select on pgbench_accounts with a random aid (pgbench's "select only" script). */
public record PointSelect(DataSet data) implements Scenario {
    @Override
    public String name() {
        return "point";
    }

    @Override
    public Worker newWorker(Target target, int thread) {
        Lease lease = target.appLease(data.bench());
        var random = new SplittableRandom(thread * 7919L + 1);
        int accounts = data.scale() * 100_000;
        return new Worker() {
            @Override
            public void op(Tally tally) throws SQLException {
                int aid = 1 + random.nextInt(accounts);
                lease.call(data.database(), c -> {
                    try (PreparedStatement ps =
                                 c.prepareStatement("SELECT abalance FROM pgbench_accounts WHERE aid = ?")) {
                        ps.setInt(1, aid);
                        try (ResultSet rs = ps.executeQuery()) {
                            return Queries.single(rs).getInt(1);
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

package dev.switchboard.bench.scenario;

import dev.switchboard.bench.DataSet;
import dev.switchboard.bench.Scenario;
import dev.switchboard.bench.Tally;
import dev.switchboard.bench.target.Lease;
import dev.switchboard.bench.target.Target;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** {@code select1}: each thread keeps its connection and runs {@code SELECT 1}: the per-request overhead alone. */
public record Select1(DataSet data) implements Scenario {
    @Override
    public String name() {
        return "select1";
    }

    @Override
    public Worker newWorker(Target target, int thread) {
        Lease lease = target.appLease(data.bench());
        return new Worker() {
            @Override
            public void op(Tally tally) throws SQLException {
                lease.call(data.database(), c -> {
                    try (PreparedStatement ps = c.prepareStatement("SELECT 1"); ResultSet rs = ps.executeQuery()) {
                        return Queries.single(rs).getInt(1);
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

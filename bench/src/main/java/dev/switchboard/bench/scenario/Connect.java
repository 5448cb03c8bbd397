package dev.switchboard.bench.scenario;

import dev.switchboard.bench.DataSet;
import dev.switchboard.bench.Scenario;
import dev.switchboard.bench.Tally;
import dev.switchboard.bench.target.Lease;
import dev.switchboard.bench.target.Target;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** {@code connect}: open a client connection (with its login), {@code SELECT 1}, close. */
public record Connect(DataSet data) implements Scenario {
    @Override
    public String name() {
        return "connect";
    }

    @Override
    public Worker newWorker(Target target, int thread) {
        Lease lease = target.connectLease(data.bench());
        return new Worker() {
            @Override
            public void op(Tally tally) throws SQLException {
                lease.call(data.database(), c -> {
                    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT 1")) {
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

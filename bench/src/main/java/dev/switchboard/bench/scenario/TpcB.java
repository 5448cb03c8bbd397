package dev.switchboard.bench.scenario;

import dev.switchboard.bench.DataSet;
import dev.switchboard.bench.Scenario;
import dev.switchboard.bench.Tally;
import dev.switchboard.bench.target.Lease;
import dev.switchboard.bench.target.Target;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.SplittableRandom;

/**
 * {@code tpcb}: pgbench's built-in TPC-B-like transaction (update an account, read it back, update its teller and
 * branch, insert a history row, commit), with pgbench's random choices.
 */
public record TpcB(DataSet data) implements Scenario {
    @Override
    public String name() {
        return "tpcb";
    }

    @Override
    public Worker newWorker(Target target, int thread) {
        Lease lease = target.appLease(data.bench());
        var random = new SplittableRandom(thread * 104729L + 3);
        int scale = data.scale();
        return new Worker() {
            @Override
            public void op(Tally tally) throws SQLException {
                int aid = 1 + random.nextInt(scale * 100_000);
                int tid = 1 + random.nextInt(scale * 10);
                int bid = 1 + random.nextInt(scale);
                int delta = random.nextInt(-5000, 5001);
                lease.call(data.database(), c -> transaction(c, aid, tid, bid, delta));
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

    private static int transaction(Connection c, int aid, int tid, int bid, int delta) throws SQLException {
        if (c.getAutoCommit()) c.setAutoCommit(false);
        try {
            update(c, "UPDATE pgbench_accounts SET abalance = abalance + ? WHERE aid = ?", delta, aid);
            int balance;
            try (PreparedStatement ps = c.prepareStatement("SELECT abalance FROM pgbench_accounts WHERE aid = ?")) {
                ps.setInt(1, aid);
                try (ResultSet rs = ps.executeQuery()) {
                    balance = Queries.single(rs).getInt(1);
                }
            }
            update(c, "UPDATE pgbench_tellers SET tbalance = tbalance + ? WHERE tid = ?", delta, tid);
            update(c, "UPDATE pgbench_branches SET bbalance = bbalance + ? WHERE bid = ?", delta, bid);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO pgbench_history (tid, bid, aid, delta, mtime)"
                    + " VALUES (?, ?, ?, ?, CURRENT_TIMESTAMP)")) {
                ps.setInt(1, tid);
                ps.setInt(2, bid);
                ps.setInt(3, aid);
                ps.setInt(4, delta);
                ps.executeUpdate();
            }
            c.commit();
            return balance;
        } catch (SQLException | RuntimeException e) {
            try {
                c.rollback();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    private static void update(Connection c, String sql, int delta, int id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, delta);
            ps.setInt(2, id);
            if (ps.executeUpdate() != 1) throw new SQLException("expected one row updated: " + sql);
        }
    }
}

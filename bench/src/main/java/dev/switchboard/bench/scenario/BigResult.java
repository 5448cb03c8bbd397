package dev.switchboard.bench.scenario;

import dev.switchboard.bench.DataSet;
import dev.switchboard.bench.Scenario;
import dev.switchboard.bench.Tally;
import dev.switchboard.bench.target.Lease;
import dev.switchboard.bench.target.Target;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * {@code bigresult}: streams bench_big (1,000,000 rows of ~100 bytes: a bigint and 92 characters) in batches of
 * {@value #FETCH_SIZE} rows inside a read transaction (pgjdbc streams only with autocommit off; Switchboard pulls
 * batches either way). Rows and bytes (8 + the text's length per row) go to the {@link Tally}.
 */
public record BigResult(DataSet data) implements Scenario {
    static final int FETCH_SIZE = 1000;
    private static final int TALLY_EVERY = 1024;

    @Override
    public String name() {
        return "bigresult";
    }

    @Override
    public Worker newWorker(Target target, int thread) {
        Lease lease = target.appLease(data.bench());
        return new Worker() {
            @Override
            public void op(Tally tally) throws SQLException {
                long rows = lease.call(data.database(), c -> stream(c, tally));
                if (rows == 0) throw new SQLException("bench_big is empty: run bench/setup-data.sh");
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

    private static long stream(Connection c, Tally tally) throws SQLException {
        if (c.getAutoCommit()) c.setAutoCommit(false);
        long rows = 0;
        try (Statement st = c.createStatement()) {
            st.setFetchSize(FETCH_SIZE);
            try (ResultSet rs = st.executeQuery("SELECT id, payload FROM bench_big")) {
                long pendingRows = 0;
                long pendingBytes = 0;
                while (rs.next()) {
                    rs.getLong(1);
                    pendingBytes += 8 + rs.getString(2).length();
                    rows++;
                    if (++pendingRows == TALLY_EVERY) {
                        tally.add(pendingRows, pendingBytes);
                        pendingRows = 0;
                        pendingBytes = 0;
                        if (tally.over()) break;              // the run is over: stop reading, close the cursor
                    }
                }
                tally.add(pendingRows, pendingBytes);
            }
            c.commit();
        } catch (SQLException | RuntimeException e) {
            try {
                c.rollback();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        return rows;
    }
}

package dev.switchboard.bench.scenario;

import java.sql.ResultSet;
import java.sql.SQLException;

/** Checks on what a query returned: a benchmark that silently gets nothing back measures nothing. */
final class Queries {
    private Queries() {
    }

    /** {@code rs} positioned on its one row. */
    static ResultSet single(ResultSet rs) throws SQLException {
        if (!rs.next()) throw new SQLException("expected one row, got none");
        return rs;
    }
}

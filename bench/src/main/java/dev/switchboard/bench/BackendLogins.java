package dev.switchboard.bench;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * How many logins PostgreSQL has counted so far to the databases whose names start with a prefix (the tenant
 * databases): the sum of {@code pg_stat_database.sessions}, which PostgreSQL 14+ has. Read at a cell's window edges
 * and subtracted, it is the number of backend connections the target opened in the window.
 *
 * <p>PostgreSQL counts a login when the new backend first reports its statistics (at its first idle moment, or when
 * it exits), not at the login itself, so one made just before an edge may be counted after it: noise next to the
 * hundreds of logins per second of a tenants cell.
 *
 * <p>Reads over the bench's {@code monitor} connection, which the {@link CellSampler} thread uses at the same time:
 * pgjdbc runs one statement at a time on a connection, so each read is one short statement of its own. The monitor
 * is in auto-commit, so each read sees fresh statistics (PostgreSQL 15 keeps a transaction's statistics snapshot).
 * One thread reads (the one that runs the cells); the warning is printed once for all of them.
 */
final class BackendLogins {
    private static final String SQL =
            "SELECT coalesce(sum(sessions), 0) FROM pg_stat_database WHERE datname LIKE ? ESCAPE '\\'";
    private static final String UNDEFINED_COLUMN = "42703";

    private final Connection monitor;
    private final String pattern;
    private final PrintStream warnings;
    private final AtomicBoolean warned = new AtomicBoolean();

    /**
     * @param monitor        a connection to any database of the server; not closed here
     * @param databasePrefix counts the databases whose names start with it ({@link DataSet#tenantPrefix()})
     * @param warnings       where the one line saying why the count cannot be read goes
     */
    BackendLogins(Connection monitor, String databasePrefix, PrintStream warnings) {
        this.monitor = monitor;
        this.pattern = likePrefix(databasePrefix);
        this.warnings = warnings;
    }

    /** Logins counted so far; empty if they cannot be read (before PostgreSQL 14, or the read failed). */
    OptionalLong total() {
        try (PreparedStatement ps = monitor.prepareStatement(SQL)) {
            ps.setString(1, pattern);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
            }
        } catch (SQLException e) {
            if (warned.compareAndSet(false, true)) {
                String why = UNDEFINED_COLUMN.equals(e.getSQLState())
                        ? " (pg_stat_database.sessions needs PostgreSQL 14+)" : "";
                warnings.println("bench: backend logins per op not measured: "
                        + String.valueOf(e.getMessage()).replaceAll("\\s*\\R\\s*", " ") + why);   // one line
            }
            return OptionalLong.empty();
        }
    }

    /** A LIKE pattern for the names that start with {@code prefix}: its {@code \}, {@code %} and {@code _} escaped. */
    static String likePrefix(String prefix) {
        return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}

package dev.switchboard.proxy.exec;

import dev.switchboard.protocol.types.SqlStates;
import org.postgresql.core.Field;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One session's side of column details sent later (SPEC §5.4, DETAILS_LATER): the pgjdbc column descriptions of the
 * last results it sent without details, so that when the client asks ({@code switchboard.describeColumns}) pgjdbc
 * can look them up from exactly those columns, on whatever connection the session uses then. Confined to the
 * session's request thread.
 */
final class LaterDetails {
    /** Results per session whose details can still be looked up from their own column descriptions. */
    static final int KEPT = 32;

    private final Map<String, List<Field>> sent = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<Field>> eldest) {
            return size() > KEPT;
        }
    };

    /** Remembers the columns of {@code sql}'s result on {@code database}, sent without their details. */
    void sent(String database, String sql, List<Field> fields) {
        sent.put(key(database, sql), fields);
    }

    /**
     * The details of {@code sql}'s result columns on {@code database}, read on {@code c} (a connection to it): from
     * the column descriptions of the result sent (pgjdbc's one catalog query), or, for a result no longer remembered
     * or a backend other than PostgreSQL, from the backend describing the statement (prepared, not run).
     */
    List<KnownColumns.Details> lookUp(Connection c, String database, String sql) throws SQLException {
        List<Field> fields = sent.get(key(database, sql));
        return fields != null ? PgColumns.details(c, fields) : describeByPreparing(c, sql);
    }

    /**
     * Inside the application's transaction the describe runs under a savepoint: a statement that no longer prepares
     * (a table dropped since; a cached plan whose result type changed) must fail this lookup, not abort the
     * transaction, which pgjdbc's own lazy catalog query would never do.
     */
    private static List<KnownColumns.Details> describeByPreparing(Connection c, String sql) throws SQLException {
        if (c.getAutoCommit()) return describe(c, sql);
        Savepoint before = c.setSavepoint();
        try {
            List<KnownColumns.Details> read = describe(c, sql);
            c.releaseSavepoint(before);
            return read;
        } catch (SQLException | RuntimeException e) {
            try {
                c.rollback(before);
                c.releaseSavepoint(before);
            } catch (SQLException rollbackFailed) {
                e.addSuppressed(rollbackFailed);
            }
            throw e;
        }
    }

    private static List<KnownColumns.Details> describe(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ResultSetMetaData md = ps.getMetaData();
            if (md == null) {
                throw new SQLException("the statement returns no rows: it has no result columns to describe",
                        SqlStates.FEATURE_NOT_SUPPORTED);
            }
            var read = new ArrayList<KnownColumns.Details>();
            for (int i = 1; i <= md.getColumnCount(); i++) read.add(KnownColumns.Details.read(md, i));
            return read;
        }
    }

    private static String key(String database, String sql) {
        return database + '\u0000' + sql;
    }
}

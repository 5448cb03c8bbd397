package dev.switchboard.jdbc;

import dev.switchboard.jdbc.internal.QueryReply;
import dev.switchboard.jdbc.internal.SqlExceptions;
import dev.switchboard.protocol.message.MetadataCall;
import dev.switchboard.protocol.types.Column;
import dev.switchboard.protocol.types.SqlStates;
import dev.switchboard.protocol.types.Value;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The column details a result's header left out (SPEC §5.4, DETAILS_LATER: table, nullability, auto-increment, and
 * the type name of a serial column), asked for when the application first reads one of them: METADATA {@code
 * switchboard.describeColumns} with the statement's SQL, on the database the result came from. The server left them
 * out because its backend driver would have run a catalog query for them, which most applications never need.
 */
final class ColumnDetails {
    private final SwitchboardConnection connection;
    private final String database;
    private final String sql;

    ColumnDetails(SwitchboardConnection connection, String database, String sql) {
        this.connection = connection;
        this.database = database;
        this.sql = sql;
    }

    /** {@code columns} with their details filled in and DETAILS_LATER cleared. */
    List<Column> complete(List<Column> columns) throws SQLException {
        String now = connection.session().database();
        if (!now.equals(database)) {
            throw SqlExceptions.of(SqlStates.FEATURE_NOT_SUPPORTED, "the column details of this result are only "
                    + "available on its database \"" + database + "\"; the connection is now on \"" + now + "\"");
        }
        QueryReply reply = connection.session().query(
                new MetadataCall(MetadataCall.DESCRIBE_COLUMNS, List.of(new Value.Text(sql)),
                        Math.max(1, columns.size())),
                connection::addWarning);
        var out = new ArrayList<Column>(columns.size());
        try (var rows = new SwitchboardResultSet(connection, null, reply, Math.max(1, columns.size()), 0)) {
            for (Column c : columns) {
                if (!rows.next() || !rows.getString("label").equals(c.label())
                        || !sameType(c, rows.getString("type_name"))) {
                    throw SqlExceptions.of(SqlStates.FEATURE_NOT_SUPPORTED, "the column details of this result "
                            + "are no longer available: the statement's columns have changed since it ran");
                }
                int flags = c.flags() & ~Column.DETAILS_LATER
                        | (rows.getBoolean("auto_increment") ? Column.AUTO_INCREMENT : 0);
                out.add(new Column(c.label(), c.name(), rows.getString("table_name"), c.schema(), c.wireType(),
                        c.jdbcType(), rows.getString("type_name"), c.precision(), c.scale(), c.displaySize(),
                        rows.getInt("nullable"), flags));
            }
        }
        return List.copyOf(out);
    }

    /** The described type is the column's, or (for a column sent with its base type) its serial name. */
    private static boolean sameType(Column c, String described) {
        return described.equals(c.typeName()) || Column.serialBase(described).equals(c.typeName());
    }
}

package dev.switchboard.jdbc;

import dev.switchboard.protocol.message.MetadataCall;
import dev.switchboard.protocol.message.ResultEnd;
import dev.switchboard.protocol.message.ResultHeader;
import dev.switchboard.protocol.message.RowBatch;
import dev.switchboard.protocol.message.ServerMessage;
import dev.switchboard.protocol.message.Switched;
import dev.switchboard.protocol.types.Column;
import dev.switchboard.protocol.types.SqlType;
import dev.switchboard.protocol.types.Value;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.RowIdLifetime;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseMetaDataTest {
    private static final List<Column> VALUE = List.of(Column.of("value", SqlType.TEXT, Types.VARCHAR, "text"));

    private static ServerMessage[] scalar(String text) {
        return new ServerMessage[] {new ResultHeader(VALUE),
                new RowBatch(List.of(SqlType.TEXT), List.of(List.of(new Value.Text(text)))), ResultEnd.ROWS};
    }

    @Test
    void localAnswersNeedNoRoundTrip() throws SQLException {
        var script = new Script();
        Connection c = script.connect();
        DatabaseMetaData md = c.getMetaData();
        assertThat(md.getDatabaseProductName()).isEqualTo("PostgreSQL");
        assertThat(md.getDriverName()).isEqualTo("Switchboard JDBC");
        assertThat(md.getJDBCMajorVersion()).isEqualTo(4);
        assertThat(md.getJDBCMinorVersion()).isEqualTo(3);
        assertThat(md.getURL()).isEqualTo("jdbc:switchboard://test/sales");
        assertThat(md.getConnection()).isSameAs(c);
        assertThat(md.supportsResultSetType(ResultSet.TYPE_FORWARD_ONLY)).isTrue();
        assertThat(md.supportsResultSetType(ResultSet.TYPE_SCROLL_INSENSITIVE)).isFalse();
        assertThat(md.getRowIdLifetime()).isEqualTo(RowIdLifetime.ROWID_UNSUPPORTED);
        assertThat(md.isWrapperFor(DatabaseMetaData.class)).isTrue();
        assertThat(script.sent()).isEmpty();
    }

    @Test
    void resultSetMethodsAreForwardedWithTheirArguments() throws SQLException {
        var cols = List.of(Column.of("TABLE_NAME", SqlType.TEXT, Types.VARCHAR, "text"));
        var script = new Script().reply(new ResultHeader(cols),
                new RowBatch(List.of(SqlType.TEXT), List.of(List.of(new Value.Text("orders")))), ResultEnd.ROWS);
        ResultSet rs = script.connect().getMetaData().getTables(null, "public", "%", new String[] {"TABLE", "VIEW"});
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString("table_name")).isEqualTo("orders");
        assertThat(rs.getStatement()).isNull();
        assertThat(script.sent()).containsExactly(new MetadataCall("getTables", List.of(new Value.Null(Types.NULL),
                new Value.Text("public"), new Value.Text("%"), new Value.Int32(2), new Value.Text("TABLE"),
                new Value.Text("VIEW")), 2));
    }

    @Test
    void scalarsAreCachedUntilTheDatabaseChanges() throws SQLException {
        var script = new Script().reply(scalar("\"")).reply(scalar("true"))
                .reply(new Switched("support", "H2", "2.3")).reply(scalar("`"));
        Connection c = script.connect();
        DatabaseMetaData md = c.getMetaData();
        assertThat(md.getIdentifierQuoteString()).isEqualTo("\"");
        assertThat(md.getIdentifierQuoteString()).isEqualTo("\"");
        assertThat(md.supportsTransactionIsolationLevel(Connection.TRANSACTION_SERIALIZABLE)).isTrue();
        c.setCatalog("support");
        assertThat(md.getIdentifierQuoteString()).isEqualTo("`");
        assertThat(md.getDatabaseProductName()).isEqualTo("H2");
        assertThat(script.sent()).filteredOn(m -> m instanceof MetadataCall)
                .extracting(m -> ((MetadataCall) m).method())
                .containsExactly("getIdentifierQuoteString", "supportsTransactionIsolationLevel",
                        "getIdentifierQuoteString");
    }
}

package dev.switchboard.jdbc;

import dev.switchboard.protocol.message.BatchResult;
import dev.switchboard.protocol.message.CloseCursor;
import dev.switchboard.protocol.message.Execute;
import dev.switchboard.protocol.message.ExecuteBatch;
import dev.switchboard.protocol.message.Fetch;
import dev.switchboard.protocol.message.MetadataCall;
import dev.switchboard.protocol.message.Ok;
import dev.switchboard.protocol.message.ResultEnd;
import dev.switchboard.protocol.message.ResultHeader;
import dev.switchboard.protocol.message.RowBatch;
import dev.switchboard.protocol.message.ServerError;
import dev.switchboard.protocol.message.SetOption;
import dev.switchboard.protocol.message.Suspended;
import dev.switchboard.protocol.message.Switched;
import dev.switchboard.protocol.message.Terminate;
import dev.switchboard.protocol.message.Transact;
import dev.switchboard.protocol.message.Warning;
import dev.switchboard.protocol.types.Column;
import dev.switchboard.protocol.types.SqlType;
import dev.switchboard.protocol.types.Value;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLSyntaxErrorException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Statements, result sets and connections over scripted server frames; asserts what the driver sent. */
class StatementConversationTest {
    private static final List<Column> N = List.of(Column.of("n", SqlType.INT32, Types.INTEGER, "int4"));

    private static RowBatch rows(int from, int to) {
        var rows = new ArrayList<List<Value>>();
        for (int i = from; i <= to; i++) rows.add(List.of(new Value.Int32(i)));
        return new RowBatch(List.of(SqlType.INT32), rows);
    }

    @Test
    void columnDetailsSentLaterAreAskedForOnceWhenFirstRead() throws SQLException {
        var id = new Column("id", "id", "", "", SqlType.INT32, Types.INTEGER, "int4", 10, 0, 11,
                ResultSetMetaData.columnNullableUnknown, Column.SIGNED | Column.DETAILS_LATER);
        var note = new Column("note", "note", "", "", SqlType.TEXT, Types.VARCHAR, "text", 0, 0, 0,
                ResultSetMetaData.columnNullableUnknown, Column.DETAILS_LATER);
        List<SqlType> detailTypes = List.of(SqlType.TEXT, SqlType.TEXT, SqlType.TEXT, SqlType.INT32, SqlType.BOOLEAN);
        var detailColumns = List.of(Column.of("label", SqlType.TEXT, Types.VARCHAR, "text"),
                Column.of("type_name", SqlType.TEXT, Types.VARCHAR, "text"),
                Column.of("table_name", SqlType.TEXT, Types.VARCHAR, "text"),
                Column.of("nullable", SqlType.INT32, Types.INTEGER, "int4"),
                Column.of("auto_increment", SqlType.BOOLEAN, Types.BOOLEAN, "bool"));
        var script = new Script()
                .reply(new ResultHeader(List.of(id, note)), new RowBatch(List.of(SqlType.INT32, SqlType.TEXT),
                        List.of(List.of(new Value.Int32(1), new Value.Text("a")))), ResultEnd.ROWS)
                .reply(new ResultHeader(detailColumns), new RowBatch(detailTypes, List.of(
                        List.of(new Value.Text("id"), new Value.Text("serial"), new Value.Text("t"),
                                new Value.Int32(ResultSetMetaData.columnNoNulls), new Value.Bool(true)),
                        List.of(new Value.Text("note"), new Value.Text("text"), new Value.Text("t"),
                                new Value.Int32(ResultSetMetaData.columnNullable), new Value.Bool(false)))),
                        ResultEnd.ROWS);
        Connection c = script.connect();
        ResultSet rs = c.createStatement().executeQuery("select id, note from t");
        ResultSetMetaData md = rs.getMetaData();
        assertThat(md.getColumnTypeName(2)).as("a text column's type name needs no details").isEqualTo("text");
        assertThat(md.getColumnLabel(1)).isEqualTo("id");
        assertThat(script.sent()).hasSize(1);

        assertThat(md.isNullable(1)).isEqualTo(ResultSetMetaData.columnNoNulls);
        assertThat(md.getColumnTypeName(1)).isEqualTo("serial");
        assertThat(md.isAutoIncrement(1)).isTrue();
        assertThat(md.getTableName(2)).isEqualTo("t");
        assertThat(md.isNullable(2)).isEqualTo(ResultSetMetaData.columnNullable);
        assertThat(rs.getMetaData()).isSameAs(md);
        assertThat(script.sent()).as("one request, for all columns").containsExactly(
                Execute.plain("select id, note from t", 2),
                new MetadataCall("switchboard.describeColumns", List.of(new Value.Text("select id, note from t")), 2));
    }

    @Test
    void pullsTheNextBatchWithFetchWhileSuspended() throws SQLException {
        var script = new Script().reply(new ResultHeader(N), rows(1, 2), new Suspended(7),
                rows(3, 4), new Suspended(7),
                rows(5, 5), ResultEnd.ROWS);
        Connection c = script.connect();
        ResultSet rs = c.createStatement().executeQuery("select n");
        var seen = new ArrayList<Integer>();
        while (rs.next()) seen.add(rs.getInt(1));
        assertThat(seen).containsExactly(1, 2, 3, 4, 5);
        assertThat(rs.isAfterLast()).isTrue();
        rs.close();                                       // result complete: no CLOSE_CURSOR
        assertThat(script.sent()).as("the second FETCH asks for twice as many")
                .containsExactly(Execute.plain("select n", 2), new Fetch(7, 2), new Fetch(7, 4));
    }

    @Test
    void withPrefetchTheNextFetchLeavesBeforeTheRowsAtHandAreRead() throws SQLException {
        var script = new Script().reply(new ResultHeader(N), rows(1, 2), new Suspended(7),
                rows(3, 4), new Suspended(7),
                rows(5, 5), ResultEnd.ROWS);
        ResultSet rs = script.connect(true).createStatement().executeQuery("select n");
        assertThat(rs.next()).isTrue();
        assertThat(script.sent()).as("asked ahead while row 1 of 2 is read")
                .containsExactly(Execute.plain("select n", 2), new Fetch(7, 2));
        var seen = new ArrayList<Integer>(List.of(rs.getInt(1)));
        while (rs.next()) seen.add(rs.getInt(1));
        assertThat(seen).containsExactly(1, 2, 3, 4, 5);
        rs.close();
        assertThat(script.sent()).containsExactly(Execute.plain("select n", 2), new Fetch(7, 2), new Fetch(7, 4));
    }

    @Test
    void aLongResultsBatchesGrowUpToEightTimesTheFetchSize() throws SQLException {
        var script = new Script().reply(new ResultHeader(N), rows(1, 2), new Suspended(5));
        for (int i = 0; i < 5; i++) script.reply(rows(1, 1), new Suspended(5));
        script.reply(rows(1, 1), ResultEnd.ROWS, new ResultHeader(N), rows(1, 1), new Suspended(6), rows(1, 1),
                ResultEnd.ROWS);
        Connection c = script.connect();
        ResultSet rs = c.createStatement().executeQuery("q");
        int n = 0;
        while (rs.next()) n++;
        assertThat(n).isEqualTo(8);
        assertThat(script.sent()).containsExactly(Execute.plain("q", 2), new Fetch(5, 2), new Fetch(5, 4),
                new Fetch(5, 8), new Fetch(5, 16), new Fetch(5, 16), new Fetch(5, 16));

        Statement s = c.createStatement();
        ResultSet again = s.executeQuery("q2");
        again.setFetchSize(3);                            // a new fetch size starts the growth again
        while (again.next()) n++;
        assertThat(script.sent().subList(7, 9)).containsExactly(Execute.plain("q2", 2), new Fetch(6, 3));
    }

    @Test
    void withPrefetchClosingEarlyReadsTheAnswerAheadThenClosesTheCursor() throws SQLException {
        var script = new Script().reply(new ResultHeader(N), rows(1, 2), new Suspended(9),
                rows(3, 4), new Suspended(9), Ok.INSTANCE);
        Connection c = script.connect(true);
        ResultSet rs = c.createStatement().executeQuery("q");
        assertThat(rs.next()).isTrue();
        rs.close();
        assertThat(script.sent()).containsExactly(Execute.plain("q", 2), new Fetch(9, 2), new CloseCursor(9));
        assertThat(c.isValid(0)).as("the stream is still in step").isFalse();   // the script has no PONG left
    }

    @Test
    void withPrefetchACursorThatEndedAheadNeedsNoCloseCursor() throws SQLException {
        var script = new Script().reply(new ResultHeader(N), rows(1, 2), new Suspended(9), rows(3, 3), ResultEnd.ROWS,
                new ResultEnd(1, false));
        Connection c = script.connect(true);
        ResultSet rs = c.createStatement().executeQuery("q");
        assertThat(rs.next()).isTrue();
        rs.close();
        assertThat(c.createStatement().executeUpdate("update t set x = 1")).isEqualTo(1);
        assertThat(script.sent()).containsExactly(Execute.plain("q", 2), new Fetch(9, 2),
                Execute.plain("update t set x = 1", 2));
    }

    @Test
    void withPrefetchAnotherStatementKeepsTheAnswerAheadForItsCursor() throws SQLException {
        var script = new Script().reply(new ResultHeader(N), rows(1, 2), new Suspended(9), rows(3, 4), ResultEnd.ROWS,
                new ResultEnd(1, false));
        Connection c = script.connect(true);
        ResultSet rs = c.createStatement().executeQuery("q");
        assertThat(rs.next()).isTrue();
        assertThat(c.createStatement().executeUpdate("update t set x = 1")).isEqualTo(1);
        var seen = new ArrayList<Integer>(List.of(rs.getInt(1)));
        while (rs.next()) seen.add(rs.getInt(1));
        assertThat(seen).containsExactly(1, 2, 3, 4);
        assertThat(script.sent()).containsExactly(Execute.plain("q", 2), new Fetch(9, 2),
                Execute.plain("update t set x = 1", 2));
    }

    @Test
    void withPrefetchAnErrorAheadIsThrownWhenItsRowsAreWanted() throws SQLException {
        var script = new Script().reply(new ResultHeader(N), rows(1, 2), new Suspended(9),
                new ServerError("57014", 0, "canceling statement due to user request"));
        ResultSet rs = script.connect(true).createStatement().executeQuery("q");
        assertThat(rs.next()).isTrue();
        assertThat(rs.next()).isTrue();
        assertThatThrownBy(rs::next).isInstanceOfSatisfying(SQLException.class,
                e -> assertThat(e.getSQLState()).isEqualTo("57014"));
        rs.close();
        assertThat(script.sent()).as("the error closed the cursor: no CLOSE_CURSOR")
                .containsExactly(Execute.plain("q", 2), new Fetch(9, 2));
    }

    @Test
    void anEmptyBatchAtTheBoundaryEndsTheResult() throws SQLException {
        var script = new Script().reply(new ResultHeader(N), rows(1, 2), new Suspended(3), rows(1, 0), ResultEnd.ROWS);
        ResultSet rs = script.connect().createStatement().executeQuery("q");
        assertThat(rs.next()).isTrue();
        assertThat(rs.next()).isTrue();
        assertThat(rs.next()).isFalse();
        assertThat(rs.next()).isFalse();                  // after RESULT_END no more fetches
        assertThat(script.sent()).containsExactly(Execute.plain("q", 2), new Fetch(3, 2));
    }

    @Test
    void closingEarlySendsCloseCursorAndWaitsForOk() throws SQLException {
        var script = new Script().reply(new ResultHeader(N), rows(1, 2), new Suspended(9), Ok.INSTANCE);
        ResultSet rs = script.connect().createStatement().executeQuery("q");
        assertThat(rs.next()).isTrue();
        rs.close();
        rs.close();                                       // idempotent
        assertThat(rs.isClosed()).isTrue();
        assertThatThrownBy(rs::next).isInstanceOf(SQLException.class).hasMessageContaining("closed");
        assertThat(script.sent()).containsExactly(Execute.plain("q", 2), new CloseCursor(9));
    }

    @Test
    void closingTheStatementClosesItsResultAndTheCursor() throws SQLException {
        var script = new Script().reply(new ResultHeader(N), rows(1, 2), new Suspended(9), Ok.INSTANCE);
        Statement s = script.connect().createStatement();
        ResultSet rs = s.executeQuery("q");
        s.close();
        assertThat(rs.isClosed()).isTrue();
        assertThat(s.isClosed()).isTrue();
        assertThat(script.sent()).containsExactly(Execute.plain("q", 2), new CloseCursor(9));
    }

    @Test
    void theNextExecuteClosesTheOpenResult() throws SQLException {
        var script = new Script().reply(new ResultHeader(N), rows(1, 2), new Suspended(9), Ok.INSTANCE,
                new ResultEnd(3, false));
        Statement s = script.connect().createStatement();
        ResultSet rs = s.executeQuery("q");
        assertThat(s.executeUpdate("update t set x = 1")).isEqualTo(3);
        assertThat(rs.isClosed()).isTrue();
        assertThat(script.sent()).containsExactly(Execute.plain("q", 2), new CloseCursor(9),
                Execute.plain("update t set x = 1", 2));
    }

    @Test
    void closingTheConnectionMidResultSendsTerminateOnly() throws SQLException {
        var script = new Script().reply(new ResultHeader(N), rows(1, 2), new Suspended(9));
        Connection c = script.connect();
        ResultSet rs = c.createStatement().executeQuery("q");
        assertThat(rs.next()).isTrue();
        c.close();
        c.close();
        assertThat(rs.isClosed()).isTrue();
        assertThat(c.isClosed()).isTrue();
        assertThat(script.sent()).containsExactly(Execute.plain("q", 2), Terminate.INSTANCE);
        assertThatThrownBy(c::createStatement).isInstanceOf(SQLNonTransientConnectionException.class)
                .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("08003");
    }

    @Test
    void maxRowsStopsReadingAndClosesTheCursor() throws SQLException {
        var script = new Script().reply(new ResultHeader(N), rows(1, 2), new Suspended(4), Ok.INSTANCE);
        Statement s = script.connect().createStatement();
        s.setMaxRows(1);
        ResultSet rs = s.executeQuery("q");
        assertThat(rs.next()).isTrue();
        assertThat(rs.next()).isFalse();
        assertThat(script.sent()).containsExactly(new Execute("q", List.of(), false, 2, 1, 0, false, List.of()),
                new CloseCursor(4));
    }

    @Test
    void oneResultPerExecute() throws SQLException {
        var script = new Script().reply(new ResultHeader(N), rows(1, 1), ResultEnd.ROWS, new ResultEnd(5, false));
        Statement s = script.connect().createStatement();
        assertThat(s.execute("q")).isTrue();
        assertThat(s.getUpdateCount()).isEqualTo(-1);
        ResultSet rs = s.getResultSet();
        assertThat(s.getMoreResults()).isFalse();
        assertThat(rs.isClosed()).isTrue();
        assertThat(s.getUpdateCount()).isEqualTo(-1);
        assertThat(s.execute("delete")).isFalse();
        assertThat(s.getUpdateCount()).isEqualTo(5);
        assertThat(s.getLargeUpdateCount()).isEqualTo(5L);
        assertThat(s.getResultSet()).isNull();
        assertThat(s.getMoreResults()).isFalse();
        assertThat(s.getUpdateCount()).isEqualTo(-1);
    }

    @Test
    void errorsKeepSqlStateAndTheSessionStaysUsable() throws SQLException {
        var script = new Script().reply(new ServerError("42P01", 7, "relation \"nope\" does not exist"),
                new ResultEnd(0, false));
        Statement s = script.connect().createStatement();
        assertThatThrownBy(() -> s.executeQuery("select * from nope")).isInstanceOf(SQLSyntaxErrorException.class)
                .satisfies(e -> {
                    assertThat(((SQLException) e).getSQLState()).isEqualTo("42P01");
                    assertThat(((SQLException) e).getErrorCode()).isEqualTo(7);
                });
        assertThat(s.executeUpdate("create table nope(x int)")).isZero();
    }

    @Test
    void warningsAttachToTheStatementAndTheConnection() throws SQLException {
        var script = new Script().reply(new Warning("01000", 0, "careful"), new ResultEnd(1, false),
                new Warning("01000", 0, "autocommit"), Ok.INSTANCE);
        Connection c = script.connect();
        Statement s = c.createStatement();
        s.executeUpdate("x");
        assertThat(s.getWarnings().getMessage()).isEqualTo("careful");
        c.setAutoCommit(false);
        assertThat(c.getWarnings().getMessage()).isEqualTo("autocommit");
        s.clearWarnings();
        assertThat((Object) s.getWarnings()).isNull();
    }

    @Test
    void generatedKeys() throws SQLException {
        var keys = List.of(Column.of("id", SqlType.INT64, Types.BIGINT, "int8"));
        var script = new Script().reply(new ResultHeader(keys),
                new RowBatch(List.of(SqlType.INT64), List.of(List.of(new Value.Int64(100)))), new ResultEnd(1, true),
                new ResultEnd(1, false));
        Statement s = script.connect().createStatement();
        assertThat(s.executeUpdate("insert …", new String[] {"id"})).isEqualTo(1);
        ResultSet rs = s.getGeneratedKeys();
        assertThat(rs.next()).isTrue();
        assertThat(rs.getLong("id")).isEqualTo(100);
        assertThat(s.executeUpdate("insert …", Statement.RETURN_GENERATED_KEYS)).isEqualTo(1);
        assertThat(s.getGeneratedKeys().next()).isFalse();
        assertThat(script.sent()).containsExactly(
                new Execute("insert …", List.of(), false, 2, 0, 0, true, List.of("id")),
                new Execute("insert …", List.of(), false, 2, 0, 0, true, List.of()));
        assertThatThrownBy(() -> s.executeUpdate("x", new int[] {1}))
                .isInstanceOf(SQLFeatureNotSupportedException.class);
    }

    @Test
    void batches() throws SQLException {
        var script = new Script().reply(new BatchResult(List.of(1L, -2L)), new ServerError("23505", 0, "duplicate"));
        Statement s = script.connect().createStatement();
        s.addBatch("a");
        s.addBatch("b");
        assertThat(s.executeBatch()).containsExactly(1, Statement.SUCCESS_NO_INFO);
        s.addBatch("c");
        assertThatThrownBy(s::executeBatch).isInstanceOf(BatchUpdateException.class)
                .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("23505");
        assertThat(s.executeBatch()).isEmpty();          // cleared; nothing sent
        assertThat(script.sent()).containsExactly(new ExecuteBatch(List.of("a", "b"), List.of(), 0),
                new ExecuteBatch(List.of("c"), List.of(), 0));
    }

    @Test
    void preparedParametersBecomeValues() throws SQLException {
        var script = new Script().reply(new ResultEnd(1, false), new BatchResult(List.of(1L, 1L)));
        Connection c = script.connect();
        PreparedStatement ps = c.prepareStatement("insert into t values (?,?,?,?,?,?,?,?,?,?,?,?)");
        UUID id = new UUID(1, 2);
        Instant now = Instant.parse("2024-01-31T12:00:00Z");
        ps.setInt(1, 1);
        ps.setShort(2, (short) 2);
        ps.setLong(3, 3L);
        ps.setNull(4, Types.VARCHAR);
        ps.setBigDecimal(5, new BigDecimal("1.5"));
        ps.setString(6, "s");
        ps.setObject(7, id);
        ps.setObject(8, now);
        ps.setObject(9, LocalDate.of(2024, 1, 31));
        ps.setObject(10, "42", Types.BIGINT);
        ps.setObject(11, 'c');
        ps.setBytes(12, new byte[] {1});
        assertThat(ps.executeUpdate()).isEqualTo(1);
        var first = List.<Value>of(new Value.Int32(1), new Value.Int32(2), new Value.Int64(3),
                new Value.Null(Types.VARCHAR),
                new Value.Decimal(new BigDecimal("1.5")), new Value.Text("s"), new Value.Text(id.toString()),
                new Value.TimestampTz(now.atOffset(ZoneOffset.UTC)), new Value.Date(LocalDate.of(2024, 1, 31)),
                new Value.Int64(42), new Value.Text("c"), new Value.Bytes(new byte[] {1}));

        PreparedStatement batch = c.prepareStatement("insert into u values (?)");
        batch.setInt(1, 1);
        batch.addBatch();
        batch.setInt(1, 2);
        batch.addBatch();
        assertThat(batch.executeBatch()).containsExactly(1, 1);
        assertThat(script.sent()).containsExactly(
                new Execute("insert into t values (?,?,?,?,?,?,?,?,?,?,?,?)", first, true, 2, 0, 0, false, List.of()),
                new ExecuteBatch(List.of("insert into u values (?)"),
                        List.of(List.of(new Value.Int32(1)), List.of(new Value.Int32(2))), 0));
    }

    @Test
    void aGapInTheParametersIsCaughtBeforeSending() throws SQLException {
        var script = new Script();
        PreparedStatement ps = script.connect().prepareStatement("select ?, ?");
        ps.setInt(2, 1);
        assertThatThrownBy(ps::execute).isInstanceOf(SQLException.class)
                .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("07001");
        assertThatThrownBy(() -> ps.setObject(1, new Object())).isInstanceOf(SQLFeatureNotSupportedException.class);
        assertThat(script.sent()).isEmpty();
    }

    @Test
    void transactionsSavepointsAndSettings() throws SQLException {
        var script = new Script().reply(Ok.INSTANCE, Ok.INSTANCE, Ok.INSTANCE, Ok.INSTANCE, Ok.INSTANCE, Ok.INSTANCE,
                Ok.INSTANCE, Ok.INSTANCE, new Switched("support", "H2", "2.3"), Ok.INSTANCE);
        Connection c = script.connect();
        assertThatThrownBy(c::commit).isInstanceOf(SQLException.class).hasMessageContaining("autocommit");
        c.setAutoCommit(false);
        Savepoint sp = c.setSavepoint();
        Savepoint named = c.setSavepoint("mine");
        c.rollback(sp);
        c.releaseSavepoint(named);
        c.commit();
        c.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
        c.setReadOnly(true);
        c.setCatalog("support");
        c.setSchema("app");
        assertThat(c.getCatalog()).isEqualTo("support");
        assertThat(c.getMetaData().getDatabaseProductName()).isEqualTo("H2");
        assertThat(c.getSchema()).isEqualTo("app");
        assertThat(c.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_SERIALIZABLE);
        assertThatThrownBy(sp::getSavepointName).isInstanceOf(SQLException.class);
        assertThat(named.getSavepointName()).isEqualTo("mine");
        assertThat(script.sent()).containsExactly(
                new SetOption(SetOption.Option.AUTOCOMMIT, "false"),
                new Transact(Transact.Op.SAVEPOINT, "sb_sp_1"),
                new Transact(Transact.Op.SAVEPOINT, "mine"),
                new Transact(Transact.Op.ROLLBACK_TO, "sb_sp_1"),
                new Transact(Transact.Op.RELEASE, "mine"),
                Transact.of(Transact.Op.COMMIT),
                new SetOption(SetOption.Option.ISOLATION, "8"),
                new SetOption(SetOption.Option.READ_ONLY, "true"),
                new SetOption(SetOption.Option.DATABASE, "support"),
                new SetOption(SetOption.Option.SCHEMA, "app"));
    }

    @Test
    void onlyForwardOnlyReadOnlyStatements() throws SQLException {
        Connection c = new Script().connect();
        assertThatThrownBy(() -> c.createStatement(ResultSet.TYPE_SCROLL_INSENSITIVE, ResultSet.CONCUR_READ_ONLY))
                .isInstanceOf(SQLFeatureNotSupportedException.class);
        assertThatThrownBy(() -> c.prepareStatement("q", ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_UPDATABLE))
                .isInstanceOf(SQLFeatureNotSupportedException.class);
        assertThatThrownBy(() -> c.prepareCall("{call p()}")).isInstanceOf(SQLFeatureNotSupportedException.class);
        assertThatThrownBy(c::createBlob).isInstanceOf(SQLFeatureNotSupportedException.class);
        assertThat(c.nativeSQL("select {fn now()}")).isEqualTo("select {fn now()}");
        assertThat(c.unwrap(SwitchboardConnection.class)).isSameAs(c);
    }

    @Test
    void aLostConnectionIs08006ThenEveryCallIs08003() throws SQLException {
        Connection c = new Script().connect();            // the server says nothing: end of stream
        Statement s = c.createStatement();
        assertThatThrownBy(() -> s.execute("q")).isInstanceOf(SQLNonTransientConnectionException.class)
                .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("08006");
        assertThat(c.isClosed()).isTrue();
        assertThat(c.isValid(1)).isFalse();
        assertThatThrownBy(() -> s.execute("q")).isInstanceOf(SQLNonTransientConnectionException.class)
                .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("08003");
    }

    @Test
    void cancelSendsTheSessionsKeyOnlyWhileRunning() throws SQLException {
        var script = new Script();
        Statement s = script.connect().createStatement();
        s.cancel();                                       // nothing running: nothing sent
        assertThat(script.sent()).isEmpty();
    }
}

package dev.switchboard.jdbc;

import dev.switchboard.protocol.message.ResultEnd;
import dev.switchboard.protocol.message.ResultHeader;
import dev.switchboard.protocol.message.RowBatch;
import dev.switchboard.protocol.types.Column;
import dev.switchboard.protocol.types.SqlType;
import dev.switchboard.protocol.types.Value;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.TimeZone;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The getters over real encoded row batches, read through the driver's own WireClient and ResultSet. */
class ResultSetConversionTest {
    private static final LocalDateTime LDT = LocalDateTime.of(2024, 1, 31, 13, 45, 0, 500_000_000);
    private static final OffsetDateTime ODT = OffsetDateTime.of(LDT, ZoneOffset.ofHours(2));

    private static final List<Column> COLUMNS = List.of(
            Column.of("b", SqlType.BOOLEAN, Types.BOOLEAN, "bool"),
            Column.of("i", SqlType.INT32, Types.INTEGER, "int4"),
            Column.of("l", SqlType.INT64, Types.BIGINT, "int8"),
            Column.of("f", SqlType.FLOAT32, Types.REAL, "float4"),
            Column.of("d", SqlType.FLOAT64, Types.DOUBLE, "float8"),
            Column.of("n", SqlType.DECIMAL, Types.NUMERIC, "numeric"),
            Column.of("t", SqlType.TEXT, Types.VARCHAR, "text"),
            Column.of("bin", SqlType.BYTES, Types.VARBINARY, "bytea"),
            Column.of("day", SqlType.DATE, Types.DATE, "date"),
            Column.of("tod", SqlType.TIME, Types.TIME, "time"),
            Column.of("ts", SqlType.TIMESTAMP, Types.TIMESTAMP, "timestamp"),
            Column.of("tstz", SqlType.TIMESTAMP_TZ, Types.TIMESTAMP, "timestamptz"),
            Column.of("small", SqlType.INT32, Types.SMALLINT, "int2"),
            Column.of("TZ2", SqlType.TIMESTAMP_TZ, Types.TIMESTAMP_WITH_TIMEZONE, "timestamp with time zone"));

    private static final List<Value> ROW = List.of(new Value.Bool(true), new Value.Int32(42),
            new Value.Int64(5_000_000_000L), new Value.Float32(1.1f), new Value.Float64(2.5),
            new Value.Decimal(new BigDecimal("12.50")), new Value.Text("17"),
            new Value.Bytes(new byte[] {1, (byte) 0xab}),
            new Value.Date(LDT.toLocalDate()), new Value.Time(LDT.toLocalTime()), new Value.Timestamp(LDT),
            new Value.TimestampTz(ODT), new Value.Int32(7), new Value.TimestampTz(ODT));

    private static List<Value> nulls() {
        var row = new ArrayList<Value>();
        for (int i = 0; i < COLUMNS.size(); i++) row.add(new Value.Null(0));
        return row;
    }

    private static ResultSet query(List<List<Value>> rows) throws SQLException {
        var types = COLUMNS.stream().map(Column::wireType).toList();
        var script = new Script().reply(new ResultHeader(COLUMNS), new RowBatch(types, rows), ResultEnd.ROWS);
        ResultSet rs = script.connect().createStatement().executeQuery("select …");
        return rs;
    }

    private static ResultSet oneRow() throws SQLException {
        ResultSet rs = query(List.of(ROW));
        assertThat(rs.next()).isTrue();
        return rs;
    }

    @Test
    void getStringOfEveryWireType() throws SQLException {
        ResultSet rs = oneRow();
        assertThat(rs.getString(1)).isEqualTo("true");
        assertThat(rs.getString(2)).isEqualTo("42");
        assertThat(rs.getString(3)).isEqualTo("5000000000");
        assertThat(rs.getString(4)).isEqualTo("1.1");
        assertThat(rs.getString(5)).isEqualTo("2.5");
        assertThat(rs.getString(6)).isEqualTo("12.50");
        assertThat(rs.getString("T")).isEqualTo("17");
        assertThat(rs.getString("bin")).isEqualTo("01ab");
        assertThat(rs.getString("day")).isEqualTo("2024-01-31");
        assertThat(rs.getString("tod")).isEqualTo("13:45:00.500");
        assertThat(rs.getString("ts")).isEqualTo("2024-01-31 13:45:00.5").isEqualTo(Timestamp.valueOf(LDT).toString());
        assertThat(rs.getString("tstz")).isEqualTo("2024-01-31T13:45:00.500+02:00");
    }

    @Test
    void numericGettersConvertAcrossTypes() throws SQLException {
        ResultSet rs = oneRow();
        assertThat(rs.getInt("b")).isEqualTo(1);
        assertThat(rs.getLong("i")).isEqualTo(42L);
        assertThat(rs.getDouble("f")).isEqualTo(1.1);
        assertThat(rs.getInt("d")).isEqualTo(2);                      // truncated toward zero
        assertThat(rs.getInt("n")).isEqualTo(12);
        assertThat(rs.getBigDecimal("n")).isEqualTo(new BigDecimal("12.50"));
        assertThat(rs.getBigDecimal("i")).isEqualTo(new BigDecimal(42));
        assertThat(rs.getInt("t")).isEqualTo(17);                     // text holding a number
        assertThat(rs.getShort("t")).isEqualTo((short) 17);
        assertThat(rs.getFloat("n")).isEqualTo(12.5f);
    }

    @Test
    void booleanOfANumberOtherThanZeroOrOneIsAnError() throws SQLException {
        ResultSet rs = oneRow();
        assertThatThrownBy(() -> rs.getBoolean("i")).isInstanceOf(SQLDataException.class)
                .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("22018");
    }

    @Test
    void overflowIs22003AndBadTextIs22018() throws SQLException {
        ResultSet rs = oneRow();
        assertThatThrownBy(() -> rs.getInt("l")).isInstanceOf(SQLDataException.class)
                .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("22003");
        assertThatThrownBy(() -> rs.getShort("l")).isInstanceOf(SQLDataException.class)
                .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("22003");
        assertThatThrownBy(() -> rs.getInt("day")).isInstanceOf(SQLDataException.class)
                .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("22018");
        assertThatThrownBy(() -> rs.getDate("t")).isInstanceOf(SQLDataException.class)
                .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("22007");
    }

    @Test
    void nullsReadAsNullZeroOrFalseAndSetWasNull() throws SQLException {
        ResultSet rs = query(List.of(nulls()));
        assertThat(rs.next()).isTrue();
        for (int i = 1; i <= COLUMNS.size(); i++) {
            assertThat(rs.getObject(i)).isNull();
            assertThat(rs.wasNull()).isTrue();
            assertThat(rs.getInt(i)).isZero();
            assertThat(rs.getBoolean(i)).isFalse();
            assertThat(rs.getString(i)).isNull();
            assertThat(rs.getObject(i, LocalDate.class)).isNull();
        }
        assertThat(rs.next()).isFalse();
    }

    @Test
    void getObjectFollowsTheJdbcType() throws SQLException {
        ResultSet rs = oneRow();
        assertThat(rs.getObject("b")).isEqualTo(true);
        assertThat(rs.getObject("i")).isEqualTo(42);
        assertThat(rs.getObject("small")).isEqualTo(7).isInstanceOf(Integer.class);
        assertThat(rs.getObject("l")).isEqualTo(5_000_000_000L);
        assertThat(rs.getObject("f")).isEqualTo(1.1f);
        assertThat(rs.getObject("d")).isEqualTo(2.5);
        assertThat(rs.getObject("n")).isEqualTo(new BigDecimal("12.50"));
        assertThat(rs.getObject("t")).isEqualTo("17");
        assertThat(rs.getObject("bin")).isEqualTo(new byte[] {1, (byte) 0xab});
        assertThat(rs.getObject("day")).isEqualTo(Date.valueOf(LDT.toLocalDate()));
        assertThat(rs.getObject("tod")).isInstanceOf(Time.class);
        assertThat(rs.getObject("ts")).isEqualTo(Timestamp.valueOf(LDT));
        // PostgreSQL's timestamptz is Types.TIMESTAMP: a Timestamp of the same instant
        assertThat(rs.getObject("tstz")).isEqualTo(Timestamp.from(ODT.toInstant()));
        assertThat(rs.getObject("tz2")).isEqualTo(ODT);
        ResultSetMetaData md = rs.getMetaData();
        assertThat(md.getColumnClassName(12)).isEqualTo(Timestamp.class.getName());
        assertThat(md.getColumnClassName(14)).isEqualTo(OffsetDateTime.class.getName());
        assertThat(md.getColumnClassName(13)).isEqualTo(Integer.class.getName());
    }

    @Test
    void getObjectWithAClass() throws SQLException {
        ResultSet rs = oneRow();
        assertThat(rs.getObject("day", LocalDate.class)).isEqualTo(LDT.toLocalDate());
        assertThat(rs.getObject("tod", LocalTime.class)).isEqualTo(LDT.toLocalTime());
        assertThat(rs.getObject("ts", LocalDateTime.class)).isEqualTo(LDT);
        assertThat(rs.getObject("tstz", OffsetDateTime.class)).isEqualTo(ODT);
        assertThat(rs.getObject("tstz", Instant.class)).isEqualTo(ODT.toInstant());
        assertThat(rs.getObject("ts", OffsetDateTime.class)).isEqualTo(LDT.atOffset(ZoneOffset.UTC));
        assertThat(rs.getObject("ts", LocalDate.class)).isEqualTo(LDT.toLocalDate());
        assertThat(rs.getObject("l", BigInteger.class)).isEqualTo(BigInteger.valueOf(5_000_000_000L));
        assertThat(rs.getObject("t", Long.class)).isEqualTo(17L);
        assertThat(rs.getObject("i", String.class)).isEqualTo("42");
        assertThat(rs.getObject("i", Short.class)).isEqualTo((short) 42);
        assertThat(rs.getObject("n", Double.class)).isEqualTo(12.5);
        assertThat(rs.getObject("b", Boolean.class)).isTrue();
        assertThat(rs.getObject("bin", byte[].class)).containsExactly(1, 0xab);
        assertThatThrownBy(() -> rs.getObject("i", StringBuilder.class))
                .isInstanceOf(SQLFeatureNotSupportedException.class);
    }

    @Test
    void uuidFromText() throws SQLException {
        UUID id = UUID.randomUUID();
        var cols = List.of(Column.of("id", SqlType.TEXT, Types.OTHER, "uuid"));
        var script = new Script().reply(new ResultHeader(cols),
                new RowBatch(List.of(SqlType.TEXT), List.of(List.of(new Value.Text(id.toString())))), ResultEnd.ROWS);
        ResultSet rs = script.connect().createStatement().executeQuery("select id");
        assertThat(rs.next()).isTrue();
        assertThat(rs.getObject(1, UUID.class)).isEqualTo(id);
        assertThat(rs.getObject(1)).isEqualTo(id.toString());
    }

    @Test
    void calendarVariantsReadTheWallClockInTheCalendarsZone() throws SQLException {
        ResultSet rs = oneRow();
        var tokyo = Calendar.getInstance(TimeZone.getTimeZone("Asia/Tokyo"));
        assertThat(rs.getTimestamp("ts", tokyo).toInstant()).isEqualTo(LDT.atZone(tokyo.getTimeZone().toZoneId())
                .toInstant());
        assertThat(rs.getTimestamp("tstz", tokyo).toInstant()).isEqualTo(ODT.toInstant());
        assertThat(rs.getDate("day", tokyo).getTime()).isEqualTo(LDT.toLocalDate()
                .atStartOfDay(tokyo.getTimeZone().toZoneId()).toInstant().toEpochMilli());
    }

    @Test
    void findColumnIsCaseInsensitiveAndFirstWins() throws SQLException {
        var cols = List.of(Column.of("X", SqlType.INT32, Types.INTEGER, "int4"),
                Column.of("x", SqlType.INT32, Types.INTEGER, "int4"));
        var script = new Script().reply(new ResultHeader(cols), new RowBatch(List.of(SqlType.INT32, SqlType.INT32),
                List.of(List.of(new Value.Int32(1), new Value.Int32(2)))), ResultEnd.ROWS);
        ResultSet rs = script.connect().createStatement().executeQuery("select 1 as X, 2 as x");
        assertThat(rs.next()).isTrue();
        assertThat(rs.findColumn("x")).isEqualTo(1);
        assertThat(rs.getInt("X")).isEqualTo(1);
        assertThatThrownBy(() -> rs.findColumn("y")).isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> rs.getInt(3)).isInstanceOf(SQLException.class).hasMessageContaining("1..2");
    }

    @Test
    void forwardOnlyAndReadOnly() throws SQLException {
        ResultSet rs = oneRow();
        assertThatThrownBy(rs::previous).isInstanceOf(SQLException.class).hasMessageContaining("FORWARD_ONLY");
        assertThatThrownBy(() -> rs.absolute(1)).isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> rs.updateInt(1, 3)).isInstanceOf(SQLFeatureNotSupportedException.class);
        assertThatThrownBy(() -> rs.getBlob(1)).isInstanceOf(SQLFeatureNotSupportedException.class);
        assertThat(rs.getType()).isEqualTo(ResultSet.TYPE_FORWARD_ONLY);
        assertThat(rs.getConcurrency()).isEqualTo(ResultSet.CONCUR_READ_ONLY);
    }

    @Test
    void metaDataComesFromTheColumns() throws SQLException {
        ResultSetMetaData md = oneRow().getMetaData();
        assertThat(md.getColumnCount()).isEqualTo(COLUMNS.size());
        assertThat(md.getColumnLabel(2)).isEqualTo("i");
        assertThat(md.getColumnType(2)).isEqualTo(Types.INTEGER);
        assertThat(md.getColumnTypeName(6)).isEqualTo("numeric");
        assertThat(md.getCatalogName(1)).isEqualTo("sales");
        assertThat(md.isReadOnly(1)).isTrue();
        assertThat(md.isWritable(1)).isFalse();
        assertThat(md.isNullable(1)).isEqualTo(ResultSetMetaData.columnNullableUnknown);
    }
}

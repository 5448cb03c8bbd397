package dev.switchboard.proxy.exec;

import dev.switchboard.protocol.codec.RowBatchWriter;
import dev.switchboard.protocol.frame.FrameLimits;
import dev.switchboard.protocol.codec.ValueCodec;
import dev.switchboard.protocol.codec.WireOut;
import dev.switchboard.protocol.message.ResultHeader;
import dev.switchboard.protocol.types.Column;
import dev.switchboard.protocol.types.SqlType;
import dev.switchboard.protocol.types.Value;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Turns a backend ResultSet into protocol frames: the header once, then row batches encoded straight from the
 * typed getters into the reply buffer, with no value object per cell (the hot path of every query).
 */
final class ResultWriter {
    /** A batch stops early past this many bytes, so a few wide rows cannot make a huge frame. */
    static final int SOFT_BATCH_BYTES = 1 << 20;

    /** PostgreSQL character types whose text-format value pgjdbc holds as UTF-8 bytes, exactly the wire's TEXT. */
    private static final Set<String> PG_UTF8_TEXT = Set.of("text", "varchar", "bpchar", "name");

    private final ResultSet rs;
    private final SqlType[] types;
    private final List<SqlType> typeList;
    private final boolean[] utf8Bytes;     // TEXT cells copied as pgjdbc's bytes, with no String in between

    private ResultWriter(ResultSet rs, SqlType[] types, boolean[] utf8Bytes) {
        this.rs = rs;
        this.types = types;
        this.typeList = List.of(types);
        this.utf8Bytes = utf8Bytes;
    }

    /** Describes {@code rs}, sends its header and returns a writer for its rows. */
    static ResultWriter start(ResultSet rs, Reply reply) throws SQLException {
        return start(rs, reply, null, null, null, false);
    }

    /**
     * As {@link #start(ResultSet, Reply)}, taking the costly column details of {@code sql}'s result on {@code
     * database} from {@code known} when it has them, and leaving them there when it had not. {@code pgjdbc}: the
     * result comes from pgjdbc, whose {@code getBytes} on a character column (text format, client encoding UTF-8,
     * which pgjdbc always sets) is the value's UTF-8 bytes: copied as they are, they skip a decode into a String
     * and an encode back, the main per-cell cost of large text results.
     */
    static ResultWriter start(ResultSet rs, Reply reply, KnownColumns known, String database, String sql,
                              boolean pgjdbc) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        int n = md.getColumnCount();
        List<KnownColumns.Details> remembered = known == null ? null : known.get(database, sql);
        if (remembered != null && remembered.size() != n) remembered = null;
        var details = new ArrayList<KnownColumns.Details>(n);
        boolean readAfresh = false;
        for (int i = 1; i <= n; i++) {
            String label = orEmpty(md.getColumnLabel(i));
            int jdbcType = md.getColumnType(i);
            String typeName = orEmpty(md.getColumnTypeName(i));
            KnownColumns.Details d = remembered == null ? null : remembered.get(i - 1);
            if (d == null || !d.describes(label, jdbcType, typeName)) {
                d = new KnownColumns.Details(label, jdbcType, typeName, orEmpty(md.getTableName(i)),
                        md.isNullable(i), md.isAutoIncrement(i));
                readAfresh = true;
            }
            details.add(d);
        }
        if (readAfresh && known != null) known.put(database, sql, details);
        var columns = new ArrayList<Column>(n);
        var types = new SqlType[n];
        var utf8Bytes = new boolean[n];
        for (int i = 1; i <= n; i++) {
            Column c = describe(md, i, details.get(i - 1));
            columns.add(c);
            types[i - 1] = c.wireType();
            utf8Bytes[i - 1] = pgjdbc && c.wireType() == SqlType.TEXT && PG_UTF8_TEXT.contains(c.typeName());
        }
        reply.send(new ResultHeader(columns));
        return new ResultWriter(rs, types, utf8Bytes);
    }

    private static Column describe(ResultSetMetaData md, int i, KnownColumns.Details details) throws SQLException {
        int jdbcType = details.jdbcType();
        String typeName = details.typeName();
        boolean signed = safeSigned(md, i);
        SqlType wire = SqlType.forColumn(jdbcType, typeName);
        // Unsigned integers may not fit the signed wire type (MariaDB INT UNSIGNED, BIGINT UNSIGNED).
        if (!signed && jdbcType == Types.INTEGER) wire = SqlType.INT64;
        else if (!signed && jdbcType == Types.BIGINT) wire = SqlType.DECIMAL;
        int flags = (details.autoIncrement() ? Column.AUTO_INCREMENT : 0) | (signed ? Column.SIGNED : 0)
                | (md.isCaseSensitive(i) ? Column.CASE_SENSITIVE : 0);
        return new Column(details.label(), orEmpty(md.getColumnName(i)), details.table(),
                orEmpty(md.getSchemaName(i)), wire, jdbcType, typeName, safePrecision(md, i), md.getScale(i),
                md.getColumnDisplaySize(i), details.nullable(), flags);
    }

    private static boolean safeSigned(ResultSetMetaData md, int i) {
        try {
            return md.isSigned(i);
        } catch (SQLException e) {
            return true;
        }
    }

    // Some drivers report precisions above int range for unbounded types; keep the wire value sane.
    private static int safePrecision(ResultSetMetaData md, int i) throws SQLException {
        return Math.max(0, md.getPrecision(i));
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    /** A metadata call's scalar answer (a boolean, number or text) as a one-row, one-column result. */
    static void writeScalar(Object value, Reply reply) {
        Value v = switch (value) {
            case null -> new Value.Null(Types.NULL);
            case Boolean b -> new Value.Bool(b);
            case Integer i -> new Value.Int32(i);
            case Long l -> new Value.Int64(l);
            default -> new Value.Text(value.toString());
        };
        SqlType type = switch (value) {
            case Boolean b -> SqlType.BOOLEAN;
            case Integer i -> SqlType.INT32;
            case Long l -> SqlType.INT64;
            case null, default -> SqlType.TEXT;
        };
        int jdbcType = switch (type) {
            case BOOLEAN -> Types.BOOLEAN;
            case INT32 -> Types.INTEGER;
            case INT64 -> Types.BIGINT;
            default -> Types.VARCHAR;
        };
        reply.send(new ResultHeader(List.of(Column.of("value", type, jdbcType, type.name().toLowerCase()))));
        var batch = new RowBatchWriter(reply.out(), List.of(type));
        batch.beginRow();
        if (v instanceof Value.Null) batch.setNull(0);
        else ValueCodec.writePayload(reply.out(), v);
        batch.endRow();
        batch.finish();
    }

    /** Writes up to {@code maxRows} rows as one ROW_BATCH; true when the result has no more rows. */
    boolean writeBatch(Reply reply, int maxRows) throws SQLException {
        var batch = new RowBatchWriter(reply.out(), typeList);
        if (types.length == 0) maxRows = Math.min(maxRows, FrameLimits.MAX_EMPTY_ROWS);
        boolean done = false;
        try {
            while (batch.rows() < maxRows && batch.bytes() < SOFT_BATCH_BYTES) {
                if (!rs.next()) {
                    done = true;
                    break;
                }
                batch.beginRow();
                for (int i = 0; i < types.length; i++) writeCell(batch, i);
                batch.endRow();
            }
        } finally {
            batch.finish();   // keeps the buffer well-formed; a failed request discards it anyway
        }
        return done;
    }

    /** Writes every remaining row (generated keys, metadata answers: small by nature). */
    void writeAll(Reply reply) throws SQLException {
        while (!writeBatch(reply, Integer.MAX_VALUE)) {
            // next batch
        }
    }

    private void writeCell(RowBatchWriter batch, int i) throws SQLException {
        int col = i + 1;
        WireOut out = batch.out();
        switch (types[i]) {
            case BOOLEAN -> {
                boolean v = rs.getBoolean(col);
                if (rs.wasNull()) batch.setNull(i);
                else out.writeByte(v ? 1 : 0);
            }
            case INT32 -> {
                int v = rs.getInt(col);
                if (rs.wasNull()) batch.setNull(i);
                else out.writeInt(v);
            }
            case INT64 -> {
                long v = rs.getLong(col);
                if (rs.wasNull()) batch.setNull(i);
                else out.writeLong(v);
            }
            case FLOAT32 -> {
                float v = rs.getFloat(col);
                if (rs.wasNull()) batch.setNull(i);
                else out.writeFloat(v);
            }
            case FLOAT64 -> {
                double v = rs.getDouble(col);
                if (rs.wasNull()) batch.setNull(i);
                else out.writeDouble(v);
            }
            case DECIMAL -> {
                BigDecimal v = rs.getBigDecimal(col);
                if (v == null) batch.setNull(i);
                else ValueCodec.writeDecimal(out, v);
            }
            case TEXT -> {
                if (utf8Bytes[i]) {
                    byte[] v = rs.getBytes(col);
                    if (v == null) {
                        batch.setNull(i);
                    } else {
                        out.writeInt(v.length);
                        out.writeBytes(v);
                    }
                } else {
                    String v = rs.getString(col);
                    if (v == null) batch.setNull(i);
                    else out.writeString(v);
                }
            }
            case BYTES -> {
                byte[] v = rs.getBytes(col);
                if (v == null) {
                    batch.setNull(i);
                } else {
                    out.writeInt(v.length);
                    out.writeBytes(v);
                }
            }
            case DATE -> {
                LocalDate v = rs.getObject(col, LocalDate.class);
                if (v == null) batch.setNull(i);
                else ValueCodec.writeDate(out, v);
            }
            case TIME -> {
                LocalTime v = rs.getObject(col, LocalTime.class);
                if (v == null) batch.setNull(i);
                else ValueCodec.writeTime(out, v);
            }
            case TIMESTAMP -> {
                LocalDateTime v = rs.getObject(col, LocalDateTime.class);
                if (v == null) batch.setNull(i);
                else ValueCodec.writeTimestamp(out, v);
            }
            case TIMESTAMP_TZ -> {
                OffsetDateTime v = rs.getObject(col, OffsetDateTime.class);
                if (v == null) batch.setNull(i);
                else ValueCodec.writeTimestampTz(out, v);
            }
            case NULL -> throw new IllegalStateException("column " + col + " has wire type NULL");
        }
    }

    @Override
    public String toString() {
        return "ResultWriter" + Arrays.toString(types);
    }
}

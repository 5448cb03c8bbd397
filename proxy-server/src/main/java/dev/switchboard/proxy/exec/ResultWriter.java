package dev.switchboard.proxy.exec;

import dev.switchboard.protocol.codec.RowBatchWriter;
import dev.switchboard.protocol.frame.FrameLimits;
import dev.switchboard.protocol.codec.ValueCodec;
import dev.switchboard.protocol.codec.WireOut;
import dev.switchboard.protocol.message.ResultHeader;
import dev.switchboard.protocol.types.Column;
import dev.switchboard.protocol.types.SqlType;
import dev.switchboard.protocol.types.Value;
import org.postgresql.core.Field;

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
    private final List<Field> detailsLater;
    private RowMeter meter;                // told of every row read; null: none

    private ResultWriter(ResultSet rs, SqlType[] types, boolean[] utf8Bytes, List<Field> detailsLater) {
        this.rs = rs;
        this.types = types;
        this.typeList = List.of(types);
        this.utf8Bytes = utf8Bytes;
        this.detailsLater = detailsLater;
    }

    /**
     * The pgjdbc column descriptions of a result whose header went out with DETAILS_LATER columns, to look their
     * details up with when the client asks ({@link PgColumns#details}); null when every column had its details.
     */
    List<Field> detailsLater() {
        return detailsLater;
    }

    /** Describes {@code rs}, sends its header and returns a writer for its rows. */
    static ResultWriter start(ResultSet rs, Reply reply) throws SQLException {
        return start(rs, reply, null, null, null, false, false);
    }

    /**
     * As {@link #start(ResultSet, Reply)}, for the result of {@code sql} on {@code database}. {@code pgjdbc}: the
     * result comes from pgjdbc, whose column details (table, nullability, auto-increment) cost a catalog query per
     * connection. They come from {@code known} when it has them for this query; else, with {@code detailsLater}
     * (a client on protocol 1.1), the columns go out flagged DETAILS_LATER and nobody pays for details no one reads;
     * else they are read now and left in {@code known}. Also for pgjdbc: {@code getBytes} on a character column (text
     * format, client encoding UTF-8, which pgjdbc always sets) is the value's UTF-8 bytes, copied as they are, which
     * skips a decode into a String and an encode back, the main per-cell cost of large text results.
     */
    static ResultWriter start(ResultSet rs, Reply reply, KnownColumns known, String database, String sql,
                              boolean pgjdbc, boolean detailsLater) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        int n = md.getColumnCount();
        PgColumns pgColumns = pgjdbc ? PgColumns.of(rs) : null;
        List<KnownColumns.Details> remembered = known == null ? null : known.get(database, sql);
        if (remembered != null && remembered.size() != n) remembered = null;
        var details = new ArrayList<KnownColumns.Details>(n);
        boolean readAfresh = false;
        boolean allKnown = true;
        var columns = new ArrayList<Column>(n);
        var types = new SqlType[n];
        var utf8Bytes = new boolean[n];
        for (int i = 1; i <= n; i++) {
            String label = orEmpty(md.getColumnLabel(i));
            int jdbcType = md.getColumnType(i);
            String baseType = pgColumns != null ? pgColumns.baseTypeName(i) : orEmpty(md.getColumnTypeName(i));
            KnownColumns.Details d = remembered == null ? null : remembered.get(i - 1);
            if (d != null && !d.describes(label, jdbcType, baseType)) {
                d = null;
                known.forget(database, sql);            // stale (DDL since): describeColumns must not answer it
            }
            if (d == null && pgjdbc && !pgColumns.fromTable(i)) {
                // What pgjdbc says of a column that is not a table's, without a catalog query.
                d = new KnownColumns.Details(label, jdbcType, baseType, baseType, "",
                        ResultSetMetaData.columnNullableUnknown, false);
            } else if (d == null && !(pgjdbc && detailsLater)) {
                d = KnownColumns.Details.read(md, i);
                readAfresh = true;
            }
            allKnown &= d != null;
            details.add(d);
            Column c = describe(md, i, label, jdbcType, baseType, d);
            columns.add(c);
            types[i - 1] = c.wireType();
            utf8Bytes[i - 1] = pgjdbc && c.wireType() == SqlType.TEXT && PG_UTF8_TEXT.contains(baseType);
        }
        if (readAfresh && allKnown && known != null) known.put(database, sql, details);
        reply.send(new ResultHeader(columns));
        return new ResultWriter(rs, types, utf8Bytes, allKnown ? null : pgColumns.fields());
    }

    /** Column {@code i}; {@code details} null: flagged DETAILS_LATER, with the base type name and nothing else. */
    private static Column describe(ResultSetMetaData md, int i, String label, int jdbcType, String baseType,
                                   KnownColumns.Details details) throws SQLException {
        String typeName = details == null ? baseType : details.typeName();
        boolean signed = safeSigned(md, i);
        SqlType wire = SqlType.forColumn(jdbcType, typeName);
        // Unsigned integers may not fit the signed wire type (MariaDB INT UNSIGNED, BIGINT UNSIGNED).
        if (!signed && jdbcType == Types.INTEGER) wire = SqlType.INT64;
        else if (!signed && jdbcType == Types.BIGINT) wire = SqlType.DECIMAL;
        int flags = (signed ? Column.SIGNED : 0) | (md.isCaseSensitive(i) ? Column.CASE_SENSITIVE : 0);
        if (details == null) flags |= Column.DETAILS_LATER;
        else if (details.autoIncrement()) flags |= Column.AUTO_INCREMENT;
        return new Column(label, orEmpty(md.getColumnName(i)), details == null ? "" : details.table(),
                orEmpty(md.getSchemaName(i)), wire, jdbcType, typeName, safePrecision(md, i), md.getScale(i),
                md.getColumnDisplaySize(i), details == null ? ResultSetMetaData.columnNullableUnknown
                : details.nullable(), flags);
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
        writeRows(List.of(Column.of("value", type, jdbcType, type.name().toLowerCase())), List.of(List.of(v)), reply);
    }

    /** A result made here: its header and its rows as one ROW_BATCH (values typed as their columns). */
    static void writeRows(List<Column> columns, List<List<Value>> rows, Reply reply) {
        reply.send(new ResultHeader(columns));
        var batch = new RowBatchWriter(reply.out(), columns.stream().map(Column::wireType).toList());
        for (List<Value> row : rows) {
            batch.beginRow();
            for (int i = 0; i < row.size(); i++) {
                if (row.get(i) instanceof Value.Null) batch.setNull(i);
                else ValueCodec.writePayload(reply.out(), row.get(i));
            }
            batch.endRow();
        }
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
                if (meter != null) meter.rowRead();
                batch.beginRow();
                for (int i = 0; i < types.length; i++) writeCell(batch, i);
                batch.endRow();
            }
        } finally {
            batch.finish();   // keeps the buffer well-formed; a failed request discards it anyway
        }
        return done;
    }

    /** Told of each row as the writer reads it from the backend, before its cells are written. */
    interface RowMeter {
        void rowRead();
    }

    /** From now on, tells {@code meter} of every row read. */
    void meteredBy(RowMeter meter) {
        this.meter = meter;
    }

    /** Writes every remaining row (generated keys, metadata answers: small by nature). */
    void writeAll(Reply reply) throws SQLException {
        while (!writeBatch(reply, Integer.MAX_VALUE)) {
            // next batch
        }
    }

    /** A length-prefixed byte payload (BYTES, or TEXT as UTF-8), or NULL. */
    private static void writeBytes(RowBatchWriter batch, int i, byte[] v) {
        if (v == null) {
            batch.setNull(i);
        } else {
            batch.out().writeInt(v.length);
            batch.out().writeBytes(v);
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
                    writeBytes(batch, i, rs.getBytes(col));     // TEXT's payload is the UTF-8 bytes, as BYTES'
                } else {
                    String v = rs.getString(col);
                    if (v == null) batch.setNull(i);
                    else out.writeString(v);
                }
            }
            case BYTES -> writeBytes(batch, i, rs.getBytes(col));
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

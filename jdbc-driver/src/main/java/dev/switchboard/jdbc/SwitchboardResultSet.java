package dev.switchboard.jdbc;

import dev.switchboard.jdbc.internal.QueryReply;
import dev.switchboard.jdbc.internal.Session;
import dev.switchboard.jdbc.internal.SqlExceptions;
import dev.switchboard.protocol.codec.RowBatchReader;
import dev.switchboard.protocol.types.Column;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.Calendar;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * A forward-only, read-only result streamed from the server: it reads each ROW_BATCH in place and pulls the next one
 * with FETCH when the current one is used up and the server answered SUSPENDED (or, with {@code prefetch}, asks for
 * it as the last batch at hand starts). The first batch has the fetch size; a result that keeps going gets larger
 * batches, doubling up to {@link #MAX_PULL_GROWTH} times the fetch size. Closing it before the end sends
 * CLOSE_CURSOR (and waits for OK); closing its Statement or Connection closes it. Getters convert as
 * {@link CellReader} documents; a NULL reads as null, 0 or false, and {@link #wasNull()} says so.
 *
 * <p>Not thread-safe (as JDBC result sets are not); fetching takes the connection's request lock, so other
 * statements of the connection may run between batches.
 */
public final class SwitchboardResultSet extends ReadOnlyResultSet {
    /** A long result's batches grow, doubling from the fetch size, up to this many times it. */
    static final int MAX_PULL_GROWTH = 8;
    private final SwitchboardConnection connection;
    private final SwitchboardStatement statement;      // null for DatabaseMetaData results
    private final Session session;
    private final List<Column> columns;
    private final String database;                      // the session's database when the result came
    private final String sql;                           // null: no statement to describe (DatabaseMetaData, keys)
    private SwitchboardResultSetMetaData metaData;
    private final CellReader cells;
    private final ArrayDeque<RowBatchReader> pending = new ArrayDeque<>();
    private final long maxRows;
    private RowBatchReader batch;
    private int batchRow;                               // rows of {@code batch} already read
    private int cursorId;                               // 0: the server has nothing more
    private int fetchSize;
    private int pullRows;                               // rows the next FETCH asks for: grows while the result goes on
    private long row;                                   // 1-based number of the current row; 0 before the first
    private boolean afterLast;
    private boolean closed;
    private boolean wasNull;
    private Map<String, Integer> labels;
    private SQLWarning warnings;

    SwitchboardResultSet(SwitchboardConnection connection, SwitchboardStatement statement, QueryReply reply,
                         int fetchSize, long maxRows) throws SQLException {
        this(connection, statement, reply, fetchSize, maxRows, null);
    }

    /** @param sql the statement's SQL, for column details the server sends later; null when there is none */
    SwitchboardResultSet(SwitchboardConnection connection, SwitchboardStatement statement, QueryReply reply,
                         int fetchSize, long maxRows, String sql) throws SQLException {
        this.connection = connection;
        this.statement = statement;
        this.session = connection.session();
        this.database = session.database();
        this.sql = sql;
        this.columns = reply.columns() == null ? List.of() : reply.columns();
        this.cells = new CellReader(columns);
        this.pending.addAll(reply.batches());
        this.cursorId = reply.cursorId();
        this.fetchSize = fetchSize;
        this.pullRows = fetchSize;
        this.maxRows = maxRows;
    }

    @Override
    public boolean next() throws SQLException {
        checkOpen();
        if (afterLast) return false;
        if (maxRows > 0 && row >= maxRows) return end();
        while (true) {
            if (batch != null && batch.next()) {
                batchRow++;
                row++;
                cells.on(batch);
                return true;
            }
            if (batch != null && !batch.fullyConsumed()) {
                throw session.client().protocolViolation("bytes left after the last row of a batch", null);
            }
            batch = pending.poll();
            batchRow = 0;
            if (batch != null) {
                if (pending.isEmpty()) fetchAheadIfWanted();
                continue;
            }
            if (cursorId == 0) return end();
            fetchMore();
        }
    }

    /** The last batch at hand is starting: ask for the next now, unless maxRows ends the result within this one. */
    private void fetchAheadIfWanted() throws SQLException {
        if (cursorId == 0 || !connection.prefetch()) return;
        if (maxRows > 0 && row + batch.rowCount() >= maxRows) return;
        session.fetchAhead(cursorId, pullRows, columns, this::addWarning);
    }

    private void fetchMore() throws SQLException {
        if (statement != null) statement.running(true);
        try {
            QueryReply more = session.fetch(cursorId, pullRows, columns, this::addWarning);
            pending.addAll(more.batches());
            cursorId = more.cursorId();
            // A result that keeps going is a long one: fewer, larger batches (the server still cuts each at ~1 MiB).
            pullRows = (int) Math.min((long) fetchSize * MAX_PULL_GROWTH, (long) pullRows * 2);
        } catch (SQLException e) {
            cursorId = 0;                              // SPEC 4.3: an ERROR answering FETCH closed the cursor
            throw e;
        } finally {
            if (statement != null) statement.running(false);
        }
    }

    private boolean end() throws SQLException {
        afterLast = true;
        batch = null;
        pending.clear();
        if (cursorId != 0) closeCursor();              // maxRows reached with rows left on the server
        return false;
    }

    private void closeCursor() throws SQLException {
        int id = cursorId;
        cursorId = 0;
        session.closeCursor(id);
    }

    /** Sends CLOSE_CURSOR if the server still holds rows; idempotent. */
    @Override
    public void close() throws SQLException {
        if (closed) return;
        closed = true;
        batch = null;
        pending.clear();
        try {
            if (cursorId != 0 && !connection.isClosed()) closeCursor();
        } finally {
            cursorId = 0;
            if (statement != null) statement.resultSetClosed(this);
        }
    }

    /** Closes without telling the server (the connection is going away anyway). */
    void closeLocally() {
        closed = true;
        batch = null;
        pending.clear();
        cursorId = 0;
    }

    /** True while the server holds a cursor for this result (for tests and diagnostics). */
    boolean cursorOpen() {
        return cursorId != 0;
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    private void checkOpen() throws SQLException {
        if (closed) throw SqlExceptions.of(SqlExceptions.INVALID_CURSOR_STATE, "the ResultSet is closed");
    }

    /** The 0-based column, after checking that the result is open and on a row. */
    private int cell(int columnIndex) throws SQLException {
        checkOpen();
        if (columnIndex < 1 || columnIndex > columns.size()) {
            throw SqlExceptions.of("07009", "column index " + columnIndex + " is not in 1.." + columns.size());
        }
        if (row == 0 || afterLast) {
            throw SqlExceptions.of(SqlExceptions.INVALID_CURSOR_STATE, "the ResultSet is not on a row"
                    + (row == 0 ? " (call next() first)" : " (after the last row)"));
        }
        int c = columnIndex - 1;
        wasNull = cells.isNull(c);
        return c;
    }

    @Override
    public boolean wasNull() throws SQLException {
        checkOpen();
        return wasNull;
    }

    /** Case-insensitive match on the column label; the first match wins. */
    @Override
    public int findColumn(String columnLabel) throws SQLException {
        checkOpen();
        if (labels == null) {
            labels = new HashMap<>();
            for (int i = columns.size() - 1; i >= 0; i--) {
                labels.put(columns.get(i).label().toLowerCase(Locale.ROOT), i + 1);
            }
        }
        Integer i = columnLabel == null ? null : labels.get(columnLabel.toLowerCase(Locale.ROOT));
        if (i == null) throw SqlExceptions.of("42703", "no column labelled \"" + columnLabel + "\" in this result");
        return i;
    }

    // ---- getters by index: all conversions live in CellReader ----

    @Override
    public String getString(int columnIndex) throws SQLException {
        int c = cell(columnIndex);
        return wasNull ? null : cells.string(c);
    }

    @Override
    public boolean getBoolean(int columnIndex) throws SQLException {
        int c = cell(columnIndex);
        return !wasNull && cells.bool(c);
    }

    @Override
    public byte getByte(int columnIndex) throws SQLException {
        int c = cell(columnIndex);
        return wasNull ? 0 : (byte) cells.integral(c, Byte.MIN_VALUE, Byte.MAX_VALUE, "byte");
    }

    @Override
    public short getShort(int columnIndex) throws SQLException {
        int c = cell(columnIndex);
        return wasNull ? 0 : (short) cells.integral(c, Short.MIN_VALUE, Short.MAX_VALUE, "short");
    }

    @Override
    public int getInt(int columnIndex) throws SQLException {
        int c = cell(columnIndex);
        return wasNull ? 0 : (int) cells.integral(c, Integer.MIN_VALUE, Integer.MAX_VALUE, "int");
    }

    @Override
    public long getLong(int columnIndex) throws SQLException {
        int c = cell(columnIndex);
        return wasNull ? 0 : cells.integral(c, Long.MIN_VALUE, Long.MAX_VALUE, "long");
    }

    @Override
    public float getFloat(int columnIndex) throws SQLException {
        int c = cell(columnIndex);
        return wasNull ? 0 : cells.float32(c);
    }

    @Override
    public double getDouble(int columnIndex) throws SQLException {
        int c = cell(columnIndex);
        return wasNull ? 0 : cells.float64(c);
    }

    @Override
    public BigDecimal getBigDecimal(int columnIndex) throws SQLException {
        int c = cell(columnIndex);
        return wasNull ? null : cells.decimal(c);
    }

    /** @deprecated as in {@link ResultSet}; rounds half-up to {@code scale}. */
    @Override
    @Deprecated
    public BigDecimal getBigDecimal(int columnIndex, int scale) throws SQLException {
        BigDecimal d = getBigDecimal(columnIndex);
        return d == null ? null : d.setScale(scale, RoundingMode.HALF_UP);
    }

    @Override
    public byte[] getBytes(int columnIndex) throws SQLException {
        int c = cell(columnIndex);
        return wasNull ? null : cells.bytes(c);
    }

    @Override
    public Date getDate(int columnIndex) throws SQLException {
        return getDate(columnIndex, null);
    }

    /** A DATE (or the date of a timestamp) at midnight in the calendar's zone; the JVM's zone without one. */
    @Override
    public Date getDate(int columnIndex, Calendar cal) throws SQLException {
        int c = cell(columnIndex);
        if (wasNull) return null;
        LocalDate d = cells.localDate(c);
        return cal == null ? Date.valueOf(d) : new Date(d.atStartOfDay(zone(cal)).toInstant().toEpochMilli());
    }

    @Override
    public Time getTime(int columnIndex) throws SQLException {
        return getTime(columnIndex, null);
    }

    /** A TIME on 1970-01-01 in the calendar's zone; the JVM's zone without one. Sub-millisecond digits are lost. */
    @Override
    public Time getTime(int columnIndex, Calendar cal) throws SQLException {
        int c = cell(columnIndex);
        if (wasNull) return null;
        LocalTime t = cells.localTime(c);
        if (cal == null) return new Time(t.atDate(LocalDate.EPOCH).atZone(ZoneId.systemDefault()).toInstant()
                .toEpochMilli());
        return new Time(t.atDate(LocalDate.EPOCH).atZone(zone(cal)).toInstant().toEpochMilli());
    }

    @Override
    public Timestamp getTimestamp(int columnIndex) throws SQLException {
        int c = cell(columnIndex);
        if (wasNull) return null;
        if (cells.type(c) == dev.switchboard.protocol.types.SqlType.TIMESTAMP_TZ) {
            return Timestamp.from(cells.instant(c));
        }
        return Timestamp.valueOf(cells.localDateTime(c));
    }

    /** A TIMESTAMP read in the calendar's zone; a TIMESTAMP_TZ keeps its own instant. */
    @Override
    public Timestamp getTimestamp(int columnIndex, Calendar cal) throws SQLException {
        if (cal == null) return getTimestamp(columnIndex);
        int c = cell(columnIndex);
        return wasNull ? null : Timestamp.from(cells.instantIn(c, zone(cal)));
    }

    private static ZoneId zone(Calendar cal) {
        return cal.getTimeZone().toZoneId();
    }

    @Override
    public InputStream getAsciiStream(int columnIndex) throws SQLException {
        String s = getString(columnIndex);
        return s == null ? null : new ByteArrayInputStream(s.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public InputStream getBinaryStream(int columnIndex) throws SQLException {
        byte[] b = getBytes(columnIndex);
        return b == null ? null : new ByteArrayInputStream(b);
    }

    @Override
    public Reader getCharacterStream(int columnIndex) throws SQLException {
        String s = getString(columnIndex);
        return s == null ? null : new StringReader(s);
    }

    @Override
    public Reader getNCharacterStream(int columnIndex) throws SQLException {
        return getCharacterStream(columnIndex);
    }

    @Override
    public String getNString(int columnIndex) throws SQLException {
        return getString(columnIndex);
    }

    /** By the column's JDBC type: see {@link CellReader#objectClass}. */
    @Override
    public Object getObject(int columnIndex) throws SQLException {
        checkOpen();
        if (columnIndex < 1 || columnIndex > columns.size()) return getString(columnIndex);   // reports the index
        return getObject(columnIndex, CellReader.objectClass(columns.get(columnIndex - 1)));
    }

    @Override
    public Object getObject(int columnIndex, Map<String, Class<?>> map) throws SQLException {
        if (map != null && !map.isEmpty()) throw SqlExceptions.unsupported("getObject with a type map");
        return getObject(columnIndex);
    }

    @Override
    public <T> T getObject(int columnIndex, Class<T> type) throws SQLException {
        if (type == null) throw SqlExceptions.of(SqlExceptions.INVALID_ATTRIBUTE, "getObject: type is null");
        int c = cell(columnIndex);
        if (wasNull) return null;
        Object v;
        if (type == String.class) v = cells.string(c);
        else if (type == Integer.class) v = (int) cells.integral(c, Integer.MIN_VALUE, Integer.MAX_VALUE, "Integer");
        else if (type == Long.class) v = cells.integral(c, Long.MIN_VALUE, Long.MAX_VALUE, "Long");
        else if (type == Short.class) v = (short) cells.integral(c, Short.MIN_VALUE, Short.MAX_VALUE, "Short");
        else if (type == Byte.class) v = (byte) cells.integral(c, Byte.MIN_VALUE, Byte.MAX_VALUE, "Byte");
        else if (type == Boolean.class) v = cells.bool(c);
        else if (type == Double.class) v = cells.float64(c);
        else if (type == Float.class) v = cells.float32(c);
        else if (type == BigDecimal.class) v = cells.decimal(c);
        else if (type == BigInteger.class) v = cells.bigInteger(c);
        else if (type == byte[].class) v = cells.bytes(c);
        else if (type == LocalDate.class) v = cells.localDate(c);
        else if (type == LocalTime.class) v = cells.localTime(c);
        else if (type == LocalDateTime.class) v = cells.localDateTime(c);
        else if (type == OffsetDateTime.class) v = cells.offsetDateTime(c);
        else if (type == Instant.class) v = cells.instant(c);
        else if (type == Date.class) v = getDate(columnIndex);
        else if (type == Time.class) v = getTime(columnIndex);
        else if (type == Timestamp.class) v = getTimestamp(columnIndex);
        else if (type == UUID.class) v = cells.uuid(c);
        else if (type == Object.class) v = getObject(columnIndex);
        else throw SqlExceptions.unsupported("getObject as " + type.getName());
        return type.cast(v);
    }

    // ---- getters by label ----

    @Override
    public String getString(String columnLabel) throws SQLException {
        return getString(findColumn(columnLabel));
    }

    @Override
    public boolean getBoolean(String columnLabel) throws SQLException {
        return getBoolean(findColumn(columnLabel));
    }

    @Override
    public byte getByte(String columnLabel) throws SQLException {
        return getByte(findColumn(columnLabel));
    }

    @Override
    public short getShort(String columnLabel) throws SQLException {
        return getShort(findColumn(columnLabel));
    }

    @Override
    public int getInt(String columnLabel) throws SQLException {
        return getInt(findColumn(columnLabel));
    }

    @Override
    public long getLong(String columnLabel) throws SQLException {
        return getLong(findColumn(columnLabel));
    }

    @Override
    public float getFloat(String columnLabel) throws SQLException {
        return getFloat(findColumn(columnLabel));
    }

    @Override
    public double getDouble(String columnLabel) throws SQLException {
        return getDouble(findColumn(columnLabel));
    }

    @Override
    @Deprecated
    public BigDecimal getBigDecimal(String columnLabel, int scale) throws SQLException {
        return getBigDecimal(findColumn(columnLabel), scale);
    }

    @Override
    public BigDecimal getBigDecimal(String columnLabel) throws SQLException {
        return getBigDecimal(findColumn(columnLabel));
    }

    @Override
    public byte[] getBytes(String columnLabel) throws SQLException {
        return getBytes(findColumn(columnLabel));
    }

    @Override
    public Date getDate(String columnLabel) throws SQLException {
        return getDate(findColumn(columnLabel));
    }

    @Override
    public Date getDate(String columnLabel, Calendar cal) throws SQLException {
        return getDate(findColumn(columnLabel), cal);
    }

    @Override
    public Time getTime(String columnLabel) throws SQLException {
        return getTime(findColumn(columnLabel));
    }

    @Override
    public Time getTime(String columnLabel, Calendar cal) throws SQLException {
        return getTime(findColumn(columnLabel), cal);
    }

    @Override
    public Timestamp getTimestamp(String columnLabel) throws SQLException {
        return getTimestamp(findColumn(columnLabel));
    }

    @Override
    public Timestamp getTimestamp(String columnLabel, Calendar cal) throws SQLException {
        return getTimestamp(findColumn(columnLabel), cal);
    }

    @Override
    public InputStream getAsciiStream(String columnLabel) throws SQLException {
        return getAsciiStream(findColumn(columnLabel));
    }

    @Override
    public InputStream getBinaryStream(String columnLabel) throws SQLException {
        return getBinaryStream(findColumn(columnLabel));
    }

    @Override
    public Reader getCharacterStream(String columnLabel) throws SQLException {
        return getCharacterStream(findColumn(columnLabel));
    }

    @Override
    public Reader getNCharacterStream(String columnLabel) throws SQLException {
        return getNCharacterStream(findColumn(columnLabel));
    }

    @Override
    public String getNString(String columnLabel) throws SQLException {
        return getNString(findColumn(columnLabel));
    }

    @Override
    public Object getObject(String columnLabel) throws SQLException {
        return getObject(findColumn(columnLabel));
    }

    @Override
    public Object getObject(String columnLabel, Map<String, Class<?>> map) throws SQLException {
        return getObject(findColumn(columnLabel), map);
    }

    @Override
    public <T> T getObject(String columnLabel, Class<T> type) throws SQLException {
        return getObject(findColumn(columnLabel), type);
    }

    // ---- position, properties ----

    /** True before the first row when rows are known to follow (a batch in hand, or a cursor on the server). */
    @Override
    public boolean isBeforeFirst() throws SQLException {
        checkOpen();
        return row == 0 && !afterLast && (hasRowsInHand() || cursorId != 0);
    }

    @Override
    public boolean isAfterLast() throws SQLException {
        checkOpen();
        return afterLast && row > 0;
    }

    @Override
    public boolean isFirst() throws SQLException {
        checkOpen();
        return row == 1 && !afterLast;
    }

    /**
     * Answered from the rows in hand; when they are used up and the server still holds a cursor, finding out would
     * mean fetching ahead, which this forward-only result does not do (JDBC makes isLast optional for it).
     */
    @Override
    public boolean isLast() throws SQLException {
        checkOpen();
        if (row == 0 || afterLast) return false;
        if (maxRows > 0 && row >= maxRows) return true;
        if (hasRowsInHand()) return false;
        if (cursorId == 0) return true;
        throw SqlExceptions.unsupported("isLast before the server's next batch");
    }

    private boolean hasRowsInHand() {
        if (batch != null && batchRow < batch.rowCount()) return true;
        for (RowBatchReader b : pending) {
            if (b.rowCount() > 0) return true;
        }
        return false;
    }

    @Override
    public int getRow() throws SQLException {
        checkOpen();
        return afterLast || row > Integer.MAX_VALUE ? 0 : (int) row;
    }

    @Override
    public void setFetchDirection(int direction) throws SQLException {
        checkOpen();
        if (direction != ResultSet.FETCH_FORWARD) throw SqlExceptions.unsupported("fetch direction " + direction);
    }

    @Override
    public int getFetchDirection() {
        return ResultSet.FETCH_FORWARD;
    }

    /** Rows per FETCH from now on; 0 = the connection's fetchSize. */
    @Override
    public void setFetchSize(int rows) throws SQLException {
        checkOpen();
        if (rows < 0) throw SqlExceptions.of(SqlExceptions.INVALID_ATTRIBUTE, "fetch size must be >= 0, was " + rows);
        fetchSize = rows == 0 ? connection.defaultFetchSize() : rows;
        pullRows = fetchSize;
    }

    @Override
    public int getFetchSize() {
        return fetchSize;
    }

    @Override
    public int getType() {
        return ResultSet.TYPE_FORWARD_ONLY;
    }

    @Override
    public int getConcurrency() {
        return ResultSet.CONCUR_READ_ONLY;
    }

    @Override
    public int getHoldability() throws SQLException {
        return connection.getHoldability();
    }

    @Override
    public ResultSetMetaData getMetaData() throws SQLException {
        checkOpen();
        if (metaData == null) {
            metaData = new SwitchboardResultSetMetaData(columns, database,
                    sql == null ? null : new ColumnDetails(connection, database, sql));
        }
        return metaData;
    }

    /** The statement that made it; null for DatabaseMetaData results, as JDBC allows. */
    @Override
    public Statement getStatement() throws SQLException {
        checkOpen();
        return statement;
    }

    @Override
    public SQLWarning getWarnings() throws SQLException {
        checkOpen();
        return warnings;
    }

    @Override
    public void clearWarnings() throws SQLException {
        checkOpen();
        warnings = null;
    }

    private void addWarning(SQLWarning w) {
        if (warnings == null) warnings = w;
        else warnings.setNextWarning(w);
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) return iface.cast(this);
        throw SqlExceptions.of(SqlExceptions.GENERAL_ERROR, "not a wrapper for " + iface.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }
}

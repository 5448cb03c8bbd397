package dev.switchboard.proxy.exec;

import org.postgresql.core.Tuple;
import org.postgresql.jdbc.PgResultSet;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The size of a pgjdbc result's rows as PostgreSQL sent them and as pgjdbc keeps them, for {@link ReadAhead}: pgjdbc
 * holds the current row as a {@code Tuple} (one byte array per cell, exactly the cell's bytes on the wire) in a
 * protected field of its result set with no accessor; this reads that field, as {@link PgColumns} reads the columns.
 */
final class PgRows {
    private static final VarHandle THIS_ROW = currentRowOfResults();

    private final PgResultSet result;
    private final int columns;

    private PgRows(PgResultSet result, int columns) {
        this.result = result;
        this.columns = columns;
    }

    /** For a result of pgjdbc's (possibly behind HikariCP's proxies). */
    static PgRows of(ResultSet rs) throws SQLException {
        return new PgRows(rs.unwrap(PgResultSet.class), rs.getMetaData().getColumnCount());
    }

    PgResultSet result() {
        return result;
    }

    int columns() {
        return columns;
    }

    /** The bytes of the current row's cells (NULLs have none); 0 when there is no current row. */
    long currentCellBytes() {
        Tuple row = (Tuple) THIS_ROW.get(result);
        return row == null ? 0 : row.length();
    }

    /**
     * A DataRow message's size with {@code cellBytes} of cells: type byte, length, column count, and a length per cell.
     * This is what pgjdbc counts against {@code maxResultBuffer}.
     */
    static long wireBytes(int columns, long cellBytes) {
        return 1 + 4 + 2 + 4L * columns + cellBytes;
    }

    /**
     * About what pgjdbc's copy of such a row takes on the heap: the Tuple and its array of arrays, and each cell's
     * array header with its padding (compressed references, 16-byte array headers, 8-byte alignment).
     */
    static long heapBytes(int columns, long cellBytes) {
        return 16 + 16 + 4L * columns + 24L * columns + cellBytes;
    }

    private static VarHandle currentRowOfResults() {
        try {
            return MethodHandles.privateLookupIn(PgResultSet.class, MethodHandles.lookup())
                    .findVarHandle(PgResultSet.class, "thisRow", Tuple.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError("this pgjdbc has no PgResultSet.thisRow: " + e);
        }
    }
}

package dev.switchboard.protocol.codec;

import dev.switchboard.protocol.frame.FrameLimits;
import dev.switchboard.protocol.types.SqlType;
import dev.switchboard.protocol.types.Value;

import java.math.BigDecimal;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the rows of one ROW_BATCH payload in place, a row at a time, without building a {@link Value} per cell: the
 * driver's ResultSet sits on this. {@link #next()} checks the whole row (bitmap and value lengths) before any
 * accessor runs, so a malformed batch fails there with a {@link ProtocolException}. Not thread-safe.
 */
public final class RowBatchReader {
    private final ByteBuffer in;
    private final SqlType[] types;
    private final int rowCount;
    private final int[] offsets;
    private final byte[] nulls;
    private int row = -1;

    /** {@code payload} is positioned just after the frame's type byte; the reader keeps a view of it. */
    public RowBatchReader(ByteBuffer payload) {
        this.in = payload.slice();
        try {
            int n = Wire.readU16(in);
            if (n > FrameLimits.MAX_COLUMNS) throw new ProtocolException("too many columns: " + n);
            types = new SqlType[n];
            for (int i = 0; i < n; i++) {
                types[i] = SqlType.of(in.get());
                if (types[i] == SqlType.NULL) throw new ProtocolException("column " + i + " has wire type NULL");
            }
            rowCount = Wire.readCount(in, (n + 7) / 8);
            if (n == 0 && rowCount > FrameLimits.MAX_EMPTY_ROWS) {
                throw new ProtocolException("a zero-column batch claims " + rowCount + " rows (at most "
                        + FrameLimits.MAX_EMPTY_ROWS + ")");
            }
        } catch (BufferUnderflowException e) {
            throw new ProtocolException("truncated row batch", e);
        }
        offsets = new int[types.length];
        nulls = new byte[(types.length + 7) / 8];
    }

    public int columnCount() {
        return types.length;
    }

    public int rowCount() {
        return rowCount;
    }

    public List<SqlType> types() {
        return List.of(types);
    }

    /** Moves to the next row; false after the last. */
    public boolean next() {
        if (row + 1 >= rowCount) {
            row = rowCount;
            return false;
        }
        row++;
        try {
            in.get(nulls);
            for (int i = 0; i < types.length; i++) {
                if (isNull(i)) {
                    offsets[i] = -1;
                } else {
                    offsets[i] = in.position();
                    ValueCodec.skipPayload(in, types[i]);
                }
            }
        } catch (BufferUnderflowException e) {
            throw new ProtocolException("truncated row " + row, e);
        }
        return true;
    }

    /** After the last row: true when the batch held nothing more than its rows. */
    public boolean fullyConsumed() {
        return row >= rowCount && !in.hasRemaining();
    }

    public boolean isNull(int column) {
        return (nulls[column >>> 3] & (1 << (column & 7))) != 0;
    }

    public SqlType type(int column) {
        return types[column];
    }

    private ByteBuffer at(int column) {
        int off = offsets[column];
        if (off < 0) throw new IllegalStateException("column " + column + " is NULL");
        return in.duplicate().position(off);
    }

    public boolean getBoolean(int column) {
        return in.get(offsets[column]) == 1;
    }

    public int getInt(int column) {
        return in.getInt(offsets[column]);
    }

    public long getLong(int column) {
        return in.getLong(offsets[column]);
    }

    public float getFloat(int column) {
        return in.getFloat(offsets[column]);
    }

    public double getDouble(int column) {
        return in.getDouble(offsets[column]);
    }

    public BigDecimal getDecimal(int column) {
        return ValueCodec.readDecimal(at(column));
    }

    public String getText(int column) {
        return Wire.readString(at(column));
    }

    public byte[] getBytes(int column) {
        return Wire.readBytes(at(column));
    }

    public LocalDate getDate(int column) {
        return ValueCodec.readDate(at(column));
    }

    public LocalTime getTime(int column) {
        return ValueCodec.readTime(at(column));
    }

    public LocalDateTime getTimestamp(int column) {
        return ValueCodec.readTimestamp(at(column));
    }

    public OffsetDateTime getTimestampTz(int column) {
        return ValueCodec.readTimestampTz(at(column));
    }

    /** The cell as a {@link Value} (the message model; slower than the typed getters). */
    public Value value(int column) {
        return isNull(column) ? new Value.Null(0) : ValueCodec.readPayload(at(column), types[column]);
    }

    /** The current row as values. */
    public List<Value> row() {
        var values = new ArrayList<Value>(types.length);
        for (int i = 0; i < types.length; i++) values.add(value(i));
        return values;
    }
}

package dev.switchboard.protocol.codec;

import dev.switchboard.protocol.frame.FrameLimits;
import dev.switchboard.protocol.frame.FrameType;
import dev.switchboard.protocol.types.SqlType;

import java.util.List;

/**
 * Writes one ROW_BATCH frame row by row, straight into a {@link WireOut}: the server fills it from a ResultSet
 * without building values. Per row: {@link #beginRow()}, then for each column in order either {@link #setNull} or
 * its payload written to {@link #out()} (see {@link ValueCodec}), then {@link #endRow()}; finally {@link #finish()}.
 * Not thread-safe.
 */
public final class RowBatchWriter {
    private final WireOut out;
    private final int frameStart;
    private final int countAt;
    private final int bitmapBytes;
    private final byte[] bitmap;
    private int bitmapAt = -1;
    private int rows;

    public RowBatchWriter(WireOut out, List<SqlType> types) {
        if (types.size() > FrameLimits.MAX_COLUMNS) throw new IllegalArgumentException("more than 65535 columns");
        this.out = out;
        this.frameStart = Wire.beginFrame(out, FrameType.ROW_BATCH);
        out.writeShort(types.size());
        for (SqlType t : types) out.writeByte(t.code());
        this.countAt = out.position();
        out.writeInt(0);
        this.bitmapBytes = (types.size() + 7) / 8;
        this.bitmap = new byte[bitmapBytes];
    }

    public void beginRow() {
        bitmapAt = out.position();
        for (int i = 0; i < bitmapBytes; i++) {
            bitmap[i] = 0;
            out.writeByte(0);
        }
    }

    public void setNull(int column) {
        bitmap[column >>> 3] |= (byte) (1 << (column & 7));
    }

    public WireOut out() {
        return out;
    }

    public void endRow() {
        for (int i = 0; i < bitmapBytes; i++) {
            if (bitmap[i] != 0) out.setByte(bitmapAt + i, bitmap[i]);
        }
        rows++;
    }

    public int rows() {
        return rows;
    }

    /** Bytes written since the frame began (to cap a batch by size as well as by rows). */
    public int bytes() {
        return out.position() - frameStart;
    }

    public void finish() {
        out.setInt(countAt, rows);
        Wire.endFrame(out, frameStart);
    }
}

package dev.switchboard.proxy.exec;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.switchboard.proxy.pool.PoolFactory;
import org.postgresql.Driver;
import org.postgresql.util.PGPropertyMaxResultBufferParser;
import org.postgresql.util.PSQLException;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How far ahead of the client the proxy reads a streaming PostgreSQL result, under one memory bound for all sessions.
 *
 * <p>pgjdbc fetches a cursor's rows one round trip at a time, {@code fetchSize} rows each, and PostgreSQL produces
 * nothing while the proxy works through a fetch. The driver's pulls grow while a result goes on (up to 8× its fetch
 * size), so the proxy fetches as many rows per round trip as the client pulls ({@link Widening}): fewer stalls per
 * row. The rows beyond the client's own fetch size stay in pgjdbc's buffer until the next fetch, so they are counted
 * against a budget shared by every cursor ({@link #DEFAULT_BUDGET_BYTES}); a cursor that finds it spent fetches the
 * client's fetch size, as it would without read-ahead. One fetch also stays within half the connection's pgjdbc
 * {@code maxResultBuffer}, which refuses a larger one (a URL may set it lower than the proxy's default). Rows are
 * sized as PostgreSQL sends them and pgjdbc keeps them ({@link PgRows}), measured on the rows the cursor has read.
 *
 * <p>Thread-safe; each {@link Widening} belongs to one cursor, used by one request at a time.
 */
public final class ReadAhead {
    /** An eighth of the heap, at least 4 MiB: 16 MiB at the bench's {@code -Xmx128m}. */
    static final long DEFAULT_BUDGET_BYTES = Math.max(4L << 20, Runtime.getRuntime().maxMemory() / 8);
    /** One cursor's read-ahead at most, as PostgreSQL's wire bytes: about one reply batch. */
    static final long MAX_FETCH_WIRE_BYTES = ResultWriter.SOFT_BATCH_BYTES;

    private final long budget;
    private final AtomicLong reserved = new AtomicLong();
    /** pgjdbc's {@code maxResultBuffer} per JDBC URL (parsed once; a few entries per backend server). */
    private final Cache<String, Long> maxResultBuffers = Caffeine.newBuilder().maximumSize(10_000).build();

    public ReadAhead() {
        this(DEFAULT_BUDGET_BYTES);
    }

    ReadAhead(long budgetBytes) {
        if (budgetBytes < 0) throw new IllegalArgumentException("budget must be >= 0, was " + budgetBytes);
        this.budget = budgetBytes;
    }

    /** Heap bytes reserved by cursors now ({@code switchboard_readahead_bytes{state="reserved"}}). */
    public long reserved() {
        return reserved.get();
    }

    /** The budget all cursors share, in heap bytes. */
    public long budget() {
        return budget;
    }

    /**
     * The read-ahead of one pgjdbc result {@code rs} whose statement has {@code fetchSize}; null when it has none (a
     * fetch size of 0 reads the whole result at once anyway).
     *
     * @param jdbcUrl the URL of the connection's database, for its {@code maxResultBuffer}
     */
    Widening forCursor(ResultSet rs, int fetchSize, String jdbcUrl) throws SQLException {
        return fetchSize > 0 ? new Widening(fetchSize, maxFetchWireBytes(jdbcUrl), PgRows.of(rs)) : null;
    }

    private long maxFetchWireBytes(String jdbcUrl) {
        long maxResultBuffer = maxResultBuffers.get(jdbcUrl, ReadAhead::maxResultBuffer);
        return Math.min(MAX_FETCH_WIRE_BYTES, maxResultBuffer / 2);
    }

    /** The URL's pgjdbc {@code maxResultBuffer} in bytes, else the pool's default; unbounded: Long.MAX_VALUE. */
    static long maxResultBuffer(String jdbcUrl) {
        Properties props = Driver.parseURL(jdbcUrl, PoolFactory.driverDefaults(jdbcUrl));
        String value = props == null ? null : props.getProperty("maxResultBuffer");
        if (value == null) return Long.MAX_VALUE;
        try {
            long bytes = PGPropertyMaxResultBufferParser.parseProperty(value);
            return bytes <= 0 ? Long.MAX_VALUE : bytes;
        } catch (PSQLException e) {
            return 0;   // pgjdbc refuses such a URL anyway; read nothing ahead
        }
    }

    private boolean tryReserve(long bytes) {
        long now;
        do {
            now = reserved.get();
            if (now + bytes > budget) return false;
        } while (!reserved.compareAndSet(now, now + bytes));
        return true;
    }

    private void release(long bytes) {
        if (bytes > 0) reserved.addAndGet(-bytes);
    }

    /** One cursor's read-ahead: sets pgjdbc's fetch size before each batch, holds its reservation until the next. */
    final class Widening implements ResultWriter.RowMeter, AutoCloseable {
        private final int baseRows;
        private final long maxWireBytes;
        private final PgRows rows;
        private int currentRows;
        private long held;
        private long measuredRows;
        private long measuredBytes;         // cell bytes of the rows measured since the last batch began
        private long wireBytesPerRow;       // the most a row cost on PostgreSQL's wire in any batch so far
        private long heapBytesPerRow;

        private Widening(int baseRows, long maxWireBytes, PgRows rows) {
            this.baseRows = baseRows;
            this.maxWireBytes = maxWireBytes;
            this.rows = rows;
            this.currentRows = baseRows;
        }

        @Override
        public void rowRead() {
            measuredBytes += rows.currentCellBytes();
            measuredRows++;
        }

        /**
         * Sizes the fetches of the coming batch: up to {@code wantedRows} (the client's pull) when the budget allows,
         * else the statement's own fetch size. Rows are sized by what those of the last batch cost on average.
         */
        void beforeBatch(int wantedRows) throws SQLException {
            release(held);
            held = 0;
            if (measuredRows > 0) {
                long cells = Math.ceilDiv(measuredBytes, measuredRows);
                wireBytesPerRow = Math.max(wireBytesPerRow, PgRows.wireBytes(rows.columns(), cells));
                heapBytesPerRow = Math.max(heapBytesPerRow, PgRows.heapBytes(rows.columns(), cells));
                measuredRows = measuredBytes = 0;
            }
            int fetch = baseRows;
            if (wantedRows > baseRows && wireBytesPerRow > 0) {
                int fit = (int) Math.min(wantedRows, maxWireBytes / wireBytesPerRow);
                long extra = (long) (fit - baseRows) * heapBytesPerRow;
                if (fit > baseRows && tryReserve(extra)) {
                    held = extra;
                    fetch = fit;
                }
            }
            if (fetch != currentRows) {
                rows.result().setFetchSize(fetch);
                currentRows = fetch;
            }
        }

        /** Rows per pgjdbc fetch now. */
        int fetchRows() {
            return currentRows;
        }

        /** Gives the reservation back; the cursor is closing. */
        @Override
        public void close() {
            release(held);
            held = 0;
        }
    }
}

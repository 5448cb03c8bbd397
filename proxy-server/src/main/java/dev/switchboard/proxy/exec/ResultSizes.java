package dev.switchboard.proxy.exec;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * What the proxy has learned about the size of each query's result, per database: whether its last unbounded run
 * fitted in its first batch. Thread-safe; shared by all sessions.
 *
 * <p>Why: on PostgreSQL an autocommit query runs in an implicit transaction so that pgjdbc streams it (see
 * {@link BackendDialect#POSTGRESQL}); the COMMIT that ends it is one more round trip per query, the biggest cost
 * of small queries through the proxy. A query that is known to answer in one batch (a point lookup, {@code
 * SELECT 1}) has nothing to stream, so it runs in plain autocommit, and pgjdbc reads its result whole, as a direct
 * pgjdbc client in autocommit would. If such a result has grown, it is still answered correctly from pgjdbc's
 * buffer (bounded by pgjdbc's {@code maxResultBuffer}, which the pool sets) and the query streams from then on.
 *
 * <p>Bounded by the total length of the remembered SQL texts; the least valuable entries go first. A forgotten
 * query simply runs in an implicit transaction again, which is always safe.
 */
public final class ResultSizes {
    /** About 4 MB of SQL text (two bytes per char) by default. */
    static final long DEFAULT_MAX_CHARS = 2L << 20;
    private static final int ENTRY_OVERHEAD_CHARS = 48;

    private final Cache<Key, Boolean> fitsOneBatch;

    public ResultSizes() {
        this(DEFAULT_MAX_CHARS);
    }

    ResultSizes(long maxChars) {
        this.fitsOneBatch = Caffeine.newBuilder()
                .maximumWeight(maxChars)
                .weigher((Key k, Boolean v) -> k.database.length() + k.sql.length() + ENTRY_OVERHEAD_CHARS)
                .build();
    }

    private record Key(String database, String sql) {
    }

    /** True when the last unbounded run of {@code sql} on {@code database} answered in its first batch. */
    boolean fitsOneBatch(String database, String sql) {
        return Boolean.TRUE.equals(fitsOneBatch.getIfPresent(new Key(database, sql)));
    }

    /** Records how an unbounded run of {@code sql} ended: in its first batch, or not. */
    void record(String database, String sql, boolean fitted) {
        var key = new Key(database, sql);
        // Most runs confirm what is known: read first, so the common case costs no cache write.
        if (!Boolean.valueOf(fitted).equals(fitsOneBatch.getIfPresent(key))) fitsOneBatch.put(key, fitted);
    }

    /** How many queries are remembered (approximate; for tests and the admin API). */
    long size() {
        fitsOneBatch.cleanUp();
        return fitsOneBatch.estimatedSize();
    }
}

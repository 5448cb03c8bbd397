package dev.switchboard.proxy.exec;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.time.Duration;
import java.util.List;

/**
 * The column details of each query's result that cost pgjdbc a catalog query: base table, nullability and
 * auto-increment. pgjdbc keeps them per connection, so every new backend connection (a cold tenant's pool, say) asks
 * the catalog again, on a backend whose catalog caches are still cold: about as long as the query itself. Kept here
 * per database and query, they are shared by all connections. Thread-safe; shared by all sessions.
 *
 * <p>An entry is used only while the column's label and type still match what the backend describes now, and at
 * most {@link #MAX_AGE} after it was read: after a DDL change these details may lag that long, where pgjdbc's own
 * per-connection cache lags for the life of the connection.
 */
public final class KnownColumns {
    static final Duration MAX_AGE = Duration.ofMinutes(5);
    /** About 4 MB of SQL text by default. */
    static final long DEFAULT_MAX_CHARS = 2L << 20;
    private static final int ENTRY_OVERHEAD_CHARS = 64;
    private static final int COLUMN_OVERHEAD_CHARS = 32;

    private final Cache<Key, List<Details>> known;

    public KnownColumns() {
        this(DEFAULT_MAX_CHARS);
    }

    KnownColumns(long maxChars) {
        this.known = Caffeine.newBuilder()
                .maximumWeight(maxChars)
                .weigher((Key k, List<Details> v) -> k.database.length() + k.sql.length() + ENTRY_OVERHEAD_CHARS
                        + v.size() * COLUMN_OVERHEAD_CHARS)
                .expireAfterWrite(MAX_AGE)
                .build();
    }

    private record Key(String database, String sql) {
    }

    /**
     * What a column's backend said beyond its type; {@code label}, {@code jdbcType} and {@code typeName} identify the
     * column it was read for.
     */
    record Details(String label, int jdbcType, String typeName, String table, int nullable, boolean autoIncrement) {
        boolean describes(String label, int jdbcType, String typeName) {
            return this.jdbcType == jdbcType && this.label.equals(label) && this.typeName.equals(typeName);
        }
    }

    /** The details last read for {@code sql}'s result on {@code database}, or null. */
    List<Details> get(String database, String sql) {
        return known.getIfPresent(new Key(database, sql));
    }

    void put(String database, String sql, List<Details> details) {
        known.put(new Key(database, sql), List.copyOf(details));
    }
}

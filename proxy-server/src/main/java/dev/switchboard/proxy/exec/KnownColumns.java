package dev.switchboard.proxy.exec;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.switchboard.protocol.types.Column;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
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
     * What a column's backend said beyond its type; {@code label}, {@code jdbcType} and {@code baseTypeName} identify
     * the column it was read for. {@code baseTypeName} is the type's own name (int4), {@code typeName} what the
     * backend's driver calls the column's type once it knows the details (serial).
     */
    record Details(String label, int jdbcType, String baseTypeName, String typeName, String table, int nullable,
                   boolean autoIncrement) {
        boolean describes(String label, int jdbcType, String baseTypeName) {
            return this.jdbcType == jdbcType && this.label.equals(label) && this.baseTypeName.equals(baseTypeName);
        }

        /**
         * Reads column {@code i}'s details from {@code md}: for pgjdbc, the catalog query this class saves. The base
         * type name undoes pgjdbc's naming of auto-increment integer columns (int4 becomes serial).
         */
        static Details read(ResultSetMetaData md, int i) throws SQLException {
            String typeName = orEmpty(md.getColumnTypeName(i));
            boolean autoIncrement = md.isAutoIncrement(i);
            String base = autoIncrement ? Column.serialBase(typeName) : typeName;
            return new Details(orEmpty(md.getColumnLabel(i)), md.getColumnType(i), base, typeName,
                    orEmpty(md.getTableName(i)), md.isNullable(i), autoIncrement);
        }

        private static String orEmpty(String s) {
            return s == null ? "" : s;
        }
    }

    /** The details last read for {@code sql}'s result on {@code database}, or null. */
    List<Details> get(String database, String sql) {
        return known.getIfPresent(new Key(database, sql));
    }

    void put(String database, String sql, List<Details> details) {
        known.put(new Key(database, sql), List.copyOf(details));
    }

    /** Drops what was kept for {@code sql} on {@code database}: its result no longer has those columns. */
    void forget(String database, String sql) {
        known.invalidate(new Key(database, sql));
    }

    /** True when details of {@code sql}'s result on {@code database} are kept (for tests and diagnostics). */
    public boolean knows(String database, String sql) {
        return get(database, sql) != null;
    }
}

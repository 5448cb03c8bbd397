package dev.switchboard.jdbc;

import dev.switchboard.jdbc.internal.QueryReply;
import dev.switchboard.jdbc.internal.SqlExceptions;
import dev.switchboard.protocol.message.MetadataCall;
import dev.switchboard.protocol.types.SqlStates;
import dev.switchboard.protocol.types.Value;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.RowIdLifetime;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link DatabaseMetaData} as a {@link Proxy}: a few methods are answered locally (the driver's identity, the
 * backend's product from READY/SWITCHED, and what this driver's own statements and result sets can do); every other
 * method, some 160 of them, is forwarded to the backend as METADATA(method, args). Result-set methods return a
 * {@link SwitchboardResultSet}; scalar methods (boolean, int, long, String) read the single {@code value} cell and
 * are cached per connection until the database changes.
 *
 * <p>Why a proxy rather than a class: the forwarded methods differ only in name, arguments and return type, so one
 * generic path covers them all and cannot drift from the interface (a JDBC upgrade adds methods, not code here). A
 * hand-written class would be over a thousand lines of identical forwarding. Thread-safe.
 */
final class SwitchboardDatabaseMetaData implements InvocationHandler {
    private static final Object NOT_LOCAL = new Object();

    private final SwitchboardConnection connection;
    private final DatabaseMetaData proxy;
    private final Map<List<Object>, Optional<Object>> scalars = new ConcurrentHashMap<>();

    SwitchboardDatabaseMetaData(SwitchboardConnection connection) {
        this.connection = connection;
        this.proxy = (DatabaseMetaData) Proxy.newProxyInstance(DatabaseMetaData.class.getClassLoader(),
                new Class<?>[] {DatabaseMetaData.class}, this);
    }

    DatabaseMetaData proxy() {
        return proxy;
    }

    /** The session moved to another database (maybe another backend): forget the cached answers. */
    void databaseChanged() {
        scalars.clear();
    }

    @Override
    public Object invoke(Object self, Method method, Object[] args) throws Throwable {
        Object[] a = args == null ? new Object[0] : args;
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "equals" -> self == a[0];
                case "hashCode" -> System.identityHashCode(self);
                default -> "SwitchboardDatabaseMetaData[" + connection.url() + "]";
            };
        }
        Object local = local(method.getName(), a);
        if (local != NOT_LOCAL) return local;
        connection.checkOpen();
        Class<?> returns = method.getReturnType();
        if (returns == ResultSet.class) return query(method.getName(), a);
        if (returns == boolean.class || returns == int.class || returns == long.class || returns == String.class) {
            List<Object> key = cacheKey(method.getName(), a);
            Optional<Object> cached = scalars.get(key);
            if (cached == null) {
                cached = Optional.ofNullable(scalar(method.getName(), a, returns));
                scalars.put(key, cached);
            }
            return cached.orElse(null);
        }
        throw SqlExceptions.unsupported("DatabaseMetaData." + method.getName());
    }

    private static List<Object> cacheKey(String method, Object[] args) {
        var key = new ArrayList<Object>(args.length + 1);
        key.add(method);
        for (Object arg : args) {
            key.add(switch (arg) {
                case Object[] arr -> Arrays.asList(arr);
                case int[] ints -> Arrays.toString(ints);
                case null, default -> arg;
            });
        }
        return key;
    }

    /** The answer of a method answered here, or {@link #NOT_LOCAL}. */
    private Object local(String name, Object[] a) throws SQLException {
        return switch (name) {
            case "getDatabaseProductName" -> session().productName();
            case "getDatabaseProductVersion" -> session().productVersion();
            case "getDriverName" -> "Switchboard JDBC";
            case "getDriverVersion" -> SwitchboardDriver.VERSION;
            case "getDriverMajorVersion" -> SwitchboardDriver.MAJOR_VERSION;
            case "getDriverMinorVersion" -> SwitchboardDriver.MINOR_VERSION;
            case "getJDBCMajorVersion" -> 4;
            case "getJDBCMinorVersion" -> 3;
            case "getURL" -> connection.url();
            case "getUserName" -> connection.user();
            case "getConnection" -> connection;
            case "isWrapperFor" -> ((Class<?>) a[0]).isInstance(proxy);
            case "unwrap" -> {
                Class<?> iface = (Class<?>) a[0];
                if (iface.isInstance(proxy)) yield proxy;
                throw SqlExceptions.of(SqlExceptions.GENERAL_ERROR, "not a wrapper for " + iface.getName());
            }
            // what this driver's statements and result sets can do, whatever the backend could
            case "supportsResultSetType" -> (int) a[0] == ResultSet.TYPE_FORWARD_ONLY;
            case "supportsResultSetConcurrency" -> (int) a[0] == ResultSet.TYPE_FORWARD_ONLY
                    && (int) a[1] == ResultSet.CONCUR_READ_ONLY;
            case "ownUpdatesAreVisible", "ownDeletesAreVisible", "ownInsertsAreVisible", "othersUpdatesAreVisible",
                 "othersDeletesAreVisible", "othersInsertsAreVisible", "updatesAreDetected", "deletesAreDetected",
                 "insertsAreDetected" -> false;
            case "supportsMultipleResultSets", "supportsMultipleOpenResults", "supportsNamedParameters",
                 "supportsStoredProcedures", "supportsStatementPooling", "supportsRefCursors", "supportsSharding",
                 "supportsPositionedDelete", "supportsPositionedUpdate", "supportsSelectForUpdate" -> false;
            case "supportsBatchUpdates", "supportsGetGeneratedKeys" -> true;
            case "getResultSetHoldability" -> connection.getHoldability();
            case "getRowIdLifetime" -> RowIdLifetime.ROWID_UNSUPPORTED;
            default -> NOT_LOCAL;
        };
    }

    private dev.switchboard.jdbc.internal.Session session() throws SQLException {
        return connection.session();
    }

    private SwitchboardResultSet query(String method, Object[] args) throws SQLException {
        int fetchSize = connection.defaultFetchSize();
        QueryReply reply = session().query(new MetadataCall(method, toValues(args), fetchSize),
                connection::addWarning);
        if (!reply.hasRows()) {
            throw SqlExceptions.of(SqlStates.PROTOCOL_VIOLATION, "METADATA " + method + " returned no result set");
        }
        return new SwitchboardResultSet(connection, null, reply, fetchSize, 0);
    }

    private Object scalar(String method, Object[] args, Class<?> returns) throws SQLException {
        try (SwitchboardResultSet rs = query(method, args)) {
            if (!rs.next()) {
                throw SqlExceptions.of(SqlStates.PROTOCOL_VIOLATION, "METADATA " + method + " returned no row");
            }
            if (returns == boolean.class) return rs.getBoolean(1);
            if (returns == int.class) return rs.getInt(1);
            if (returns == long.class) return rs.getLong(1);
            return rs.getString(1);
        }
    }

    /**
     * Arguments as values: String → TEXT, int → INT32, boolean → BOOLEAN, null → NULL; a String[] or int[] is an
     * INT32 count followed by its elements (a null array is one NULL).
     */
    static List<Value> toValues(Object[] args) throws SQLException {
        var values = new ArrayList<Value>();
        for (Object arg : args) {
            switch (arg) {
                case null -> values.add(new Value.Null(Types.NULL));
                case String s -> values.add(new Value.Text(s));
                case Integer i -> values.add(new Value.Int32(i));
                case Boolean b -> values.add(new Value.Bool(b));
                case String[] strings -> {
                    values.add(new Value.Int32(strings.length));
                    for (String s : strings) values.add(s == null ? new Value.Null(Types.NULL) : new Value.Text(s));
                }
                case int[] ints -> {
                    values.add(new Value.Int32(ints.length));
                    for (int i : ints) values.add(new Value.Int32(i));
                }
                default -> throw SqlExceptions.unsupported("a DatabaseMetaData argument of type "
                        + arg.getClass().getName());
            }
        }
        return values;
    }
}

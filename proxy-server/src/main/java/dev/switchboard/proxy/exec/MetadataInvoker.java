package dev.switchboard.proxy.exec;

import dev.switchboard.protocol.types.SqlStates;
import dev.switchboard.protocol.types.Value;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.RowIdLifetime;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Runs a {@link DatabaseMetaData} method named by the client on the backend. Only methods whose parameters are
 * strings, ints, booleans or arrays of strings/ints, and whose result is a ResultSet or a scalar, can be called;
 * the rest of the interface (getConnection, unwrap, …) is out of reach. Arguments arrive flat (SPEC.md §6,
 * METADATA): an array is an Int32 count followed by its elements, or a NULL for a null array; overloads are told
 * apart by trying each against the arguments. Thread-safe.
 */
final class MetadataInvoker {
    private static final Set<Class<?>> PARAMS = Set.of(String.class, int.class, boolean.class, String[].class,
            int[].class);
    private static final Set<Class<?>> RESULTS = Set.of(ResultSet.class, boolean.class, int.class, long.class,
            String.class, RowIdLifetime.class);
    private static final Set<String> EXCLUDED = Set.of("getConnection", "unwrap", "isWrapperFor");
    private static final Map<String, List<Method>> METHODS = java.util.Arrays.stream(
                    DatabaseMetaData.class.getMethods())
            .filter(m -> !EXCLUDED.contains(m.getName()) && RESULTS.contains(m.getReturnType()))
            .filter(m -> java.util.Arrays.stream(m.getParameterTypes()).allMatch(PARAMS::contains))
            .collect(Collectors.groupingBy(Method::getName));

    private MetadataInvoker() {
    }

    /** The method's answer: a ResultSet (the caller closes it), a boxed scalar, or a String. */
    static Object invoke(DatabaseMetaData md, String name, List<Value> args) throws SQLException {
        for (Method m : METHODS.getOrDefault(name, List.of())) {
            Optional<Object[]> javaArgs = bind(m.getParameterTypes(), args);
            if (javaArgs.isPresent()) return call(md, m, javaArgs.get());
        }
        throw new SQLException("DatabaseMetaData." + name + " with these arguments cannot be called through Switchboard",
                SqlStates.FEATURE_NOT_SUPPORTED);
    }

    private static Object call(DatabaseMetaData md, Method m, Object[] args) throws SQLException {
        try {
            Object result = m.invoke(md, args);
            return result instanceof RowIdLifetime r ? r.name() : result;
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof SQLException s) throw s;
            throw new SQLException("DatabaseMetaData." + m.getName() + " failed: " + e.getCause(),
                    SqlStates.INTERNAL_ERROR);
        } catch (IllegalAccessException e) {
            throw new SQLException("DatabaseMetaData." + m.getName() + " is not accessible", SqlStates.INTERNAL_ERROR);
        }
    }

    /** Java arguments for {@code types} from the flat wire arguments, if they fit exactly. */
    static Optional<Object[]> bind(Class<?>[] types, List<Value> args) {
        var out = new Object[types.length];
        int next = 0;
        for (int i = 0; i < types.length; i++) {
            if (next >= args.size()) return Optional.empty();
            Value v = args.get(next++);
            Class<?> t = types[i];
            if (t == String.class && v instanceof Value.Text s) out[i] = s.value();
            else if (t == String.class && v instanceof Value.Null) out[i] = null;
            else if (t == int.class && v instanceof Value.Int32 n) out[i] = n.value();
            else if (t == boolean.class && v instanceof Value.Bool b) out[i] = b.value();
            else if (t.isArray() && v instanceof Value.Null) out[i] = null;
            else if (t.isArray() && v instanceof Value.Int32 count && count.value() >= 0
                    && next + count.value() <= args.size()) {
                List<Value> elements = args.subList(next, next + count.value());
                next += count.value();
                Object array = t == String[].class ? strings(elements) : ints(elements);
                if (array == null) return Optional.empty();
                out[i] = array;
            } else {
                return Optional.empty();
            }
        }
        return next == args.size() ? Optional.of(out) : Optional.empty();
    }

    private static String[] strings(List<Value> values) {
        var out = new ArrayList<String>();
        for (Value v : values) {
            if (!(v instanceof Value.Text t)) return null;
            out.add(t.value());
        }
        return out.toArray(String[]::new);
    }

    private static int[] ints(List<Value> values) {
        var out = new int[values.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(values.get(i) instanceof Value.Int32 n)) return null;
            out[i] = n.value();
        }
        return out;
    }
}

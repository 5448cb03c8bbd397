package dev.switchboard.proxy.exec;

import org.postgresql.core.BaseConnection;
import org.postgresql.core.Field;
import org.postgresql.core.TypeInfo;
import org.postgresql.jdbc.PgResultSet;
import org.postgresql.jdbc.PgResultSetMetaData;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A pgjdbc result's columns, read without the catalog query that pgjdbc's {@code ResultSetMetaData} runs for table,
 * nullability and auto-increment (its {@code getColumnTypeName} asks {@code isAutoIncrement} first, to call an
 * auto-increment int4 "serial"): base type names from the type OIDs, and copies of the column descriptions, with
 * which those details can be looked up later, on another connection to the same database.
 *
 * <p>pgjdbc keeps the descriptions in a protected field of its result set and offers no accessor; this reads that
 * field (pgjdbc is on the class path, so its package is open to us). {@code Field}'s constructor and {@code
 * PgResultSetMetaData}'s are public.
 */
final class PgColumns {
    private static final VarHandle FIELDS = fieldsOfResults();

    private final PgResultSet result;
    private final Field[] fields;
    private final TypeInfo types;

    private PgColumns(PgResultSet result, TypeInfo types) {
        this.result = result;
        this.fields = (Field[]) FIELDS.get(result);
        this.types = types;
    }

    /** For a result of pgjdbc's (possibly behind HikariCP's proxies). */
    static PgColumns of(ResultSet rs) throws SQLException {
        return new PgColumns(rs.unwrap(PgResultSet.class),
                rs.getStatement().getConnection().unwrap(BaseConnection.class).getTypeInfo());
    }

    /**
     * True when column {@code i} (1-based) comes straight from a table column. Only those have details in the
     * catalog; for any other (an expression, {@code SELECT 1}) pgjdbc answers nullability unknown, not
     * auto-increment, no table, without asking.
     */
    boolean fromTable(int i) {
        return fields[i - 1].getTableOid() != 0;
    }

    /** Column {@code i}'s (1-based) base type name; "" when pgjdbc knows none. Built-in types are cached by pgjdbc. */
    String baseTypeName(int i) throws SQLException {
        String name = types.getPGType(result.getColumnOID(i));
        return name == null ? "" : name;
    }

    /**
     * Copies of the column descriptions (label, type, table OID and attribute number), for {@link #details}. Copies:
     * pgjdbc reuses a prepared query's descriptions, and describes it afresh after a change of its result's types.
     */
    List<Field> fields() {
        var out = new ArrayList<Field>(fields.length);
        for (Field f : fields) out.add(copy(f));
        return List.copyOf(out);
    }

    private static Field copy(Field f) {
        return new Field(f.getColumnLabel(), f.getOID(), f.getLength(), f.getMod(), f.getTableOid(),
                f.getPositionInTable());
    }

    /**
     * The details of the columns {@code fields} describes, as pgjdbc reads them (one catalog query), on {@code c}: a
     * connection to the database the result came from.
     */
    static List<KnownColumns.Details> details(Connection c, List<Field> fields) throws SQLException {
        // Fresh copies again: pgjdbc keeps the details it reads on the descriptions it is given.
        var copies = new Field[fields.size()];
        for (int i = 0; i < copies.length; i++) copies[i] = copy(fields.get(i));
        ResultSetMetaData md = new PgResultSetMetaData(c.unwrap(BaseConnection.class), copies);
        var out = new ArrayList<KnownColumns.Details>(copies.length);
        for (int i = 1; i <= copies.length; i++) out.add(KnownColumns.Details.read(md, i));
        return out;
    }

    private static VarHandle fieldsOfResults() {
        try {
            return MethodHandles.privateLookupIn(PgResultSet.class, MethodHandles.lookup())
                    .findVarHandle(PgResultSet.class, "fields", Field[].class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError("this pgjdbc has no PgResultSet.fields: " + e);
        }
    }
}

package dev.switchboard.protocol.types;

import java.util.Objects;

/**
 * One column of a result, as the backend described it, plus the wire type its values travel as.
 *
 * @param label     the name a client reads it by ({@code AS} alias or the column name)
 * @param name      the underlying column name ("" when there is none)
 * @param table     the underlying table ("" when not applicable)
 * @param schema    the underlying schema ("" when not applicable)
 * @param jdbcType  {@link java.sql.Types} as the backend's driver reported it
 * @param typeName  the backend's own type name (e.g. {@code int4}, {@code VARCHAR})
 * @param nullable  {@link java.sql.ResultSetMetaData#columnNoNulls}, {@code columnNullable} or {@code columnNullableUnknown}
 * @param flags     {@link #AUTO_INCREMENT}, {@link #SIGNED}, {@link #CASE_SENSITIVE}, {@link #DETAILS_LATER}
 */
public record Column(String label, String name, String table, String schema, SqlType wireType, int jdbcType,
                     String typeName, int precision, int scale, int displaySize, int nullable, int flags) {
    public static final int AUTO_INCREMENT = 1;
    public static final int SIGNED = 2;
    public static final int CASE_SENSITIVE = 4;
    /**
     * Protocol 1.1: the backend was not asked for this column's table, nullability and auto-increment (pgjdbc pays a
     * catalog query for them); {@code table} is "", {@code nullable} 2, AUTO_INCREMENT clear and {@code typeName} the
     * base type's (int4 for a serial). A client that needs them asks with METADATA {@code switchboard.describeColumns}.
     */
    public static final int DETAILS_LATER = 8;

    /**
     * The base type of a PostgreSQL auto-increment type name (serial is int4, bigserial int8, smallserial int2); any
     * other name is its own base. pgjdbc names an auto-increment integer column by its serial name.
     */
    public static String serialBase(String typeName) {
        return switch (typeName) {
            case "smallserial" -> "int2";
            case "serial" -> "int4";
            case "bigserial" -> "int8";
            default -> typeName;
        };
    }

    public Column {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(wireType, "wireType");
        Objects.requireNonNull(typeName, "typeName");
        if (wireType == SqlType.NULL) throw new IllegalArgumentException("a column cannot have wire type NULL");
        if (nullable < 0 || nullable > 2) throw new IllegalArgumentException("nullable must be 0, 1 or 2: " + nullable);
        if ((flags & ~0xff) != 0) throw new IllegalArgumentException("flags must fit in one byte: " + flags);
    }

    /** A column with only a label and a type (signed when numeric), for tests and generated results. */
    public static Column of(String label, SqlType wireType, int jdbcType, String typeName) {
        boolean numeric = switch (wireType) {
            case INT32, INT64, FLOAT32, FLOAT64, DECIMAL -> true;
            default -> false;
        };
        return new Column(label, label, "", "", wireType, jdbcType, typeName, 0, 0, 0, 2, numeric ? SIGNED : 0);
    }

    public boolean has(int flag) {
        return (flags & flag) != 0;
    }
}

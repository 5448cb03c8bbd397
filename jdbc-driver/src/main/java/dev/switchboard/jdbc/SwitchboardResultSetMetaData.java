package dev.switchboard.jdbc;

import dev.switchboard.jdbc.internal.SqlExceptions;
import dev.switchboard.protocol.types.Column;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;

/**
 * Column descriptions as the backend gave them ({@link Column}). The result is read-only, so every column is
 * {@code isReadOnly}, never writable; the catalog is the database the result came from. Details the server sent
 * later (DETAILS_LATER: table, nullability, auto-increment) are asked for once, when first read. Not thread-safe,
 * like the result it describes.
 */
final class SwitchboardResultSetMetaData implements ResultSetMetaData {
    /** Base type names that a column's details may turn into serial, bigserial or smallserial. */
    private static final Set<String> SERIAL_BASES = Set.of("int2", "int4", "int8");

    private List<Column> columns;
    private final String catalog;
    private final ColumnDetails later;      // null: nothing to ask (every column came with its details)

    SwitchboardResultSetMetaData(List<Column> columns, String catalog) {
        this(columns, catalog, null);
    }

    SwitchboardResultSetMetaData(List<Column> columns, String catalog, ColumnDetails later) {
        this.columns = List.copyOf(columns);
        this.catalog = catalog;
        this.later = later;
    }

    private Column column(int column) throws SQLException {
        if (column < 1 || column > columns.size()) {
            throw SqlExceptions.of("07009", "column index " + column + " is not in 1.." + columns.size());
        }
        return columns.get(column - 1);
    }

    /** The column with its details, asking the server for those of every column when this one has none yet. */
    private Column detailed(int column) throws SQLException {
        Column c = column(column);
        if (c.has(Column.DETAILS_LATER) && later != null) {
            columns = later.complete(columns);
            c = columns.get(column - 1);
        }
        return c;
    }

    @Override
    public int getColumnCount() {
        return columns.size();
    }

    @Override
    public boolean isAutoIncrement(int column) throws SQLException {
        return detailed(column).has(Column.AUTO_INCREMENT);
    }

    @Override
    public boolean isCaseSensitive(int column) throws SQLException {
        return column(column).has(Column.CASE_SENSITIVE);
    }

    @Override
    public boolean isSearchable(int column) throws SQLException {
        column(column);
        return true;
    }

    @Override
    public boolean isCurrency(int column) throws SQLException {
        column(column);
        return false;
    }

    @Override
    public int isNullable(int column) throws SQLException {
        return detailed(column).nullable();
    }

    @Override
    public boolean isSigned(int column) throws SQLException {
        return column(column).has(Column.SIGNED);
    }

    @Override
    public int getColumnDisplaySize(int column) throws SQLException {
        return column(column).displaySize();
    }

    @Override
    public String getColumnLabel(int column) throws SQLException {
        return column(column).label();
    }

    /** The underlying column's name; the label when the backend gave none (an expression). */
    @Override
    public String getColumnName(int column) throws SQLException {
        Column c = column(column);
        return c.name().isEmpty() ? c.label() : c.name();
    }

    @Override
    public String getSchemaName(int column) throws SQLException {
        return column(column).schema();
    }

    @Override
    public int getPrecision(int column) throws SQLException {
        return column(column).precision();
    }

    @Override
    public int getScale(int column) throws SQLException {
        return column(column).scale();
    }

    @Override
    public String getTableName(int column) throws SQLException {
        return detailed(column).table();
    }

    @Override
    public String getCatalogName(int column) throws SQLException {
        column(column);
        return catalog;
    }

    @Override
    public int getColumnType(int column) throws SQLException {
        return column(column).jdbcType();
    }

    @Override
    public String getColumnTypeName(int column) throws SQLException {
        Column c = column(column);
        // Only an integer column's type name depends on its details: the backend's driver calls it serial then.
        return SERIAL_BASES.contains(c.typeName()) ? detailed(column).typeName() : c.typeName();
    }

    @Override
    public boolean isReadOnly(int column) throws SQLException {
        column(column);
        return true;
    }

    @Override
    public boolean isWritable(int column) throws SQLException {
        column(column);
        return false;
    }

    @Override
    public boolean isDefinitelyWritable(int column) throws SQLException {
        column(column);
        return false;
    }

    /** The class {@link java.sql.ResultSet#getObject(int)} returns for this column. */
    @Override
    public String getColumnClassName(int column) throws SQLException {
        return CellReader.objectClass(column(column)).getName();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) return iface.cast(this);
        throw SqlExceptions.of(SqlExceptions.GENERAL_ERROR, "not a wrapper for " + iface.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }
}

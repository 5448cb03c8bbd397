package dev.switchboard.jdbc;

import dev.switchboard.jdbc.internal.SqlExceptions;
import dev.switchboard.protocol.types.Column;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.List;

/**
 * Column descriptions as the backend gave them ({@link Column}). The result is read-only, so every column is
 * {@code isReadOnly}, never writable; the catalog is the session's current database. Immutable.
 */
final class SwitchboardResultSetMetaData implements ResultSetMetaData {
    private final List<Column> columns;
    private final String catalog;

    SwitchboardResultSetMetaData(List<Column> columns, String catalog) {
        this.columns = List.copyOf(columns);
        this.catalog = catalog;
    }

    private Column column(int column) throws SQLException {
        if (column < 1 || column > columns.size()) {
            throw SqlExceptions.of("07009", "column index " + column + " is not in 1.." + columns.size());
        }
        return columns.get(column - 1);
    }

    @Override
    public int getColumnCount() {
        return columns.size();
    }

    @Override
    public boolean isAutoIncrement(int column) throws SQLException {
        return column(column).has(Column.AUTO_INCREMENT);
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
        return column(column).nullable();
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
        return column(column).table();
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
        return column(column).typeName();
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

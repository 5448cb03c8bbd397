package dev.switchboard.jdbc;

import dev.switchboard.jdbc.internal.SqlExceptions;

import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;

/**
 * What a forward-only, read-only ResultSet refuses: every update method, moving anywhere but forward, and the
 * LOB/array/ref/XML/row-id/URL getters. Kept apart so that {@link SwitchboardResultSet} holds only what it does.
 * Moving backwards is a plain {@link SQLException} (as JDBC specifies for TYPE_FORWARD_ONLY); the rest is
 * {@link java.sql.SQLFeatureNotSupportedException}.
 */
abstract class ReadOnlyResultSet implements ResultSet {
    private static SQLException forwardOnly(String method) {
        return SqlExceptions.of(SqlExceptions.GENERAL_ERROR, "ResultSet." + method
                + " is not allowed: the result set is TYPE_FORWARD_ONLY");
    }

    @Override
    public final boolean absolute(int row) throws SQLException {
        throw forwardOnly("absolute");
    }

    @Override
    public final boolean relative(int rows) throws SQLException {
        throw forwardOnly("relative");
    }

    @Override
    public final boolean previous() throws SQLException {
        throw forwardOnly("previous");
    }

    @Override
    public final boolean first() throws SQLException {
        throw forwardOnly("first");
    }

    @Override
    public final boolean last() throws SQLException {
        throw forwardOnly("last");
    }

    @Override
    public final void beforeFirst() throws SQLException {
        throw forwardOnly("beforeFirst");
    }

    @Override
    public final void afterLast() throws SQLException {
        throw forwardOnly("afterLast");
    }

    @Override
    public final Array getArray(String columnLabel) throws SQLException {
        throw SqlExceptions.unsupported("ResultSet.getArray");
    }

    @Override
    public final Array getArray(int columnIndex) throws SQLException {
        throw SqlExceptions.unsupported("ResultSet.getArray");
    }

    @Override
    public final Blob getBlob(String columnLabel) throws SQLException {
        throw SqlExceptions.unsupported("ResultSet.getBlob");
    }

    @Override
    public final Blob getBlob(int columnIndex) throws SQLException {
        throw SqlExceptions.unsupported("ResultSet.getBlob");
    }

    @Override
    public final Clob getClob(String columnLabel) throws SQLException {
        throw SqlExceptions.unsupported("ResultSet.getClob");
    }

    @Override
    public final Clob getClob(int columnIndex) throws SQLException {
        throw SqlExceptions.unsupported("ResultSet.getClob");
    }

    @Override
    public final String getCursorName() throws SQLException {
        throw SqlExceptions.unsupported("ResultSet.getCursorName");
    }

    @Override
    public final NClob getNClob(String columnLabel) throws SQLException {
        throw SqlExceptions.unsupported("ResultSet.getNClob");
    }

    @Override
    public final NClob getNClob(int columnIndex) throws SQLException {
        throw SqlExceptions.unsupported("ResultSet.getNClob");
    }

    @Override
    public final Ref getRef(String columnLabel) throws SQLException {
        throw SqlExceptions.unsupported("ResultSet.getRef");
    }

    @Override
    public final Ref getRef(int columnIndex) throws SQLException {
        throw SqlExceptions.unsupported("ResultSet.getRef");
    }

    @Override
    public final RowId getRowId(String columnLabel) throws SQLException {
        throw SqlExceptions.unsupported("ResultSet.getRowId");
    }

    @Override
    public final RowId getRowId(int columnIndex) throws SQLException {
        throw SqlExceptions.unsupported("ResultSet.getRowId");
    }

    @Override
    public final SQLXML getSQLXML(String columnLabel) throws SQLException {
        throw SqlExceptions.unsupported("ResultSet.getSQLXML");
    }

    @Override
    public final SQLXML getSQLXML(int columnIndex) throws SQLException {
        throw SqlExceptions.unsupported("ResultSet.getSQLXML");
    }

    @Override
    public final java.net.URL getURL(String columnLabel) throws SQLException {
        throw SqlExceptions.unsupported("ResultSet.getURL");
    }

    @Override
    public final java.net.URL getURL(int columnIndex) throws SQLException {
        throw SqlExceptions.unsupported("ResultSet.getURL");
    }

    @Override
    @Deprecated
    public final java.io.InputStream getUnicodeStream(String columnLabel) throws SQLException {
        throw SqlExceptions.unsupported("ResultSet.getUnicodeStream");
    }

    @Override
    @Deprecated
    public final java.io.InputStream getUnicodeStream(int columnIndex) throws SQLException {
        throw SqlExceptions.unsupported("ResultSet.getUnicodeStream");
    }

    @Override
    public final void cancelRowUpdates() throws SQLException {
        throw SqlExceptions.unsupported("ResultSet.cancelRowUpdates");
    }

    @Override
    public final void deleteRow() throws SQLException {
        throw SqlExceptions.unsupported("ResultSet.deleteRow");
    }

    @Override
    public final void insertRow() throws SQLException {
        throw SqlExceptions.unsupported("ResultSet.insertRow");
    }

    @Override
    public final void moveToCurrentRow() throws SQLException {
        throw SqlExceptions.unsupported("ResultSet.moveToCurrentRow");
    }

    @Override
    public final void moveToInsertRow() throws SQLException {
        throw SqlExceptions.unsupported("ResultSet.moveToInsertRow");
    }

    @Override
    public final void refreshRow() throws SQLException {
        throw SqlExceptions.unsupported("ResultSet.refreshRow");
    }

    @Override
    public final boolean rowDeleted() throws SQLException {
        throw SqlExceptions.unsupported("ResultSet.rowDeleted");
    }

    @Override
    public final boolean rowInserted() throws SQLException {
        throw SqlExceptions.unsupported("ResultSet.rowInserted");
    }

    @Override
    public final boolean rowUpdated() throws SQLException {
        throw SqlExceptions.unsupported("ResultSet.rowUpdated");
    }

    @Override
    public final void updateArray(String columnLabel, Array x1) throws SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateArray");
    }

    @Override
    public final void updateArray(int columnIndex, Array x1) throws SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateArray");
    }

    @Override
    public final void updateAsciiStream(String columnLabel, java.io.InputStream x1, int x2) throws SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateAsciiStream");
    }

    @Override
    public final void updateAsciiStream(String columnLabel, java.io.InputStream x1, long x2) throws SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateAsciiStream");
    }

    @Override
    public final void updateAsciiStream(String columnLabel, java.io.InputStream x1) throws SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateAsciiStream");
    }

    @Override
    public final void updateAsciiStream(int columnIndex, java.io.InputStream x1, int x2) throws SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateAsciiStream");
    }

    @Override
    public final void updateAsciiStream(int columnIndex, java.io.InputStream x1, long x2) throws SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateAsciiStream");
    }

    @Override
    public final void updateAsciiStream(int columnIndex, java.io.InputStream x1) throws SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateAsciiStream");
    }

    @Override
    public final void updateBigDecimal(String columnLabel, java.math.BigDecimal x1) throws SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateBigDecimal");
    }

    @Override
    public final void updateBigDecimal(int columnIndex, java.math.BigDecimal x1) throws SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateBigDecimal");
    }

    @Override
    public final void updateBinaryStream(String columnLabel, java.io.InputStream x1, int x2) throws SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateBinaryStream");
    }

    @Override
    public final void updateBinaryStream(String columnLabel, java.io.InputStream x1, long x2) throws SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateBinaryStream");
    }

    @Override
    public final void updateBinaryStream(String columnLabel, java.io.InputStream x1) throws SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateBinaryStream");
    }

    @Override
    public final void updateBinaryStream(int columnIndex, java.io.InputStream x1, int x2) throws SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateBinaryStream");
    }

    @Override
    public final void updateBinaryStream(int columnIndex, java.io.InputStream x1, long x2) throws SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateBinaryStream");
    }

    @Override
    public final void updateBinaryStream(int columnIndex, java.io.InputStream x1) throws SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateBinaryStream");
    }

    @Override
    public final void updateBlob(String columnLabel, java.io.InputStream x1, long x2) throws SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateBlob");
    }

    @Override
    public final void updateBlob(String columnLabel, java.io.InputStream x1) throws SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateBlob");
    }

    @Override
    public final void updateBlob(String columnLabel, Blob x1) throws SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateBlob");
    }

    @Override
    public final void updateBlob(int columnIndex, java.io.InputStream x1, long x2) throws SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateBlob");
    }

    @Override
    public final void updateBlob(int columnIndex, java.io.InputStream x1) throws SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateBlob");
    }

    @Override
    public final void updateBlob(int columnIndex, Blob x1) throws SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateBlob");
    }

    @Override
    public final void updateBoolean(String columnLabel, boolean x1) throws SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateBoolean");
    }

    @Override
    public final void updateBoolean(int columnIndex, boolean x1) throws SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateBoolean");
    }

    @Override
    public final void updateByte(String columnLabel, byte x1) throws SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateByte");
    }

    @Override
    public final void updateByte(int columnIndex, byte x1) throws SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateByte");
    }

    @Override
    public final void updateBytes(String columnLabel, byte[] x1) throws SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateBytes");
    }

    @Override
    public final void updateBytes(int columnIndex, byte[] x1) throws SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateBytes");
    }

    @Override
    public final void updateCharacterStream(String columnLabel, java.io.Reader x1, int x2) throws SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateCharacterStream");
    }

    @Override
    public final void updateCharacterStream(String columnLabel, java.io.Reader x1, long x2) throws SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateCharacterStream");
    }

    @Override
    public final void updateCharacterStream(String columnLabel, java.io.Reader x1) throws SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateCharacterStream");
    }

    @Override
    public final void updateCharacterStream(int columnIndex, java.io.Reader x1, int x2) throws SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateCharacterStream");
    }

    @Override
    public final void updateCharacterStream(int columnIndex, java.io.Reader x1, long x2) throws SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateCharacterStream");
    }

    @Override
    public final void updateCharacterStream(int columnIndex, java.io.Reader x1) throws SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateCharacterStream");
    }

    @Override
    public final void updateClob(String columnLabel, java.io.Reader x1, long x2) throws SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateClob");
    }

    @Override
    public final void updateClob(String columnLabel, java.io.Reader x1) throws SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateClob");
    }

    @Override
    public final void updateClob(String columnLabel, Clob x1) throws SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateClob");
    }

    @Override
    public final void updateClob(int columnIndex, java.io.Reader x1, long x2) throws SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateClob");
    }

    @Override
    public final void updateClob(int columnIndex, java.io.Reader x1) throws SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateClob");
    }

    @Override
    public final void updateClob(int columnIndex, Clob x1) throws SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateClob");
    }

    @Override
    public final void updateDate(String columnLabel, Date x1) throws SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateDate");
    }

    @Override
    public final void updateDate(int columnIndex, Date x1) throws SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateDate");
    }

    @Override
    public final void updateDouble(String columnLabel, double x1) throws SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateDouble");
    }

    @Override
    public final void updateDouble(int columnIndex, double x1) throws SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateDouble");
    }

    @Override
    public final void updateFloat(String columnLabel, float x1) throws SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateFloat");
    }

    @Override
    public final void updateFloat(int columnIndex, float x1) throws SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateFloat");
    }

    @Override
    public final void updateInt(String columnLabel, int x1) throws SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateInt");
    }

    @Override
    public final void updateInt(int columnIndex, int x1) throws SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateInt");
    }

    @Override
    public final void updateLong(String columnLabel, long x1) throws SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateLong");
    }

    @Override
    public final void updateLong(int columnIndex, long x1) throws SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateLong");
    }

    @Override
    public final void updateNCharacterStream(String columnLabel, java.io.Reader x1, long x2) throws SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateNCharacterStream");
    }

    @Override
    public final void updateNCharacterStream(String columnLabel, java.io.Reader x1) throws SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateNCharacterStream");
    }

    @Override
    public final void updateNCharacterStream(int columnIndex, java.io.Reader x1, long x2) throws SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateNCharacterStream");
    }

    @Override
    public final void updateNCharacterStream(int columnIndex, java.io.Reader x1) throws SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateNCharacterStream");
    }

    @Override
    public final void updateNClob(String columnLabel, java.io.Reader x1, long x2) throws SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateNClob");
    }

    @Override
    public final void updateNClob(String columnLabel, java.io.Reader x1) throws SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateNClob");
    }

    @Override
    public final void updateNClob(String columnLabel, NClob x1) throws SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateNClob");
    }

    @Override
    public final void updateNClob(int columnIndex, java.io.Reader x1, long x2) throws SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateNClob");
    }

    @Override
    public final void updateNClob(int columnIndex, java.io.Reader x1) throws SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateNClob");
    }

    @Override
    public final void updateNClob(int columnIndex, NClob x1) throws SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateNClob");
    }

    @Override
    public final void updateNString(String columnLabel, String x1) throws SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateNString");
    }

    @Override
    public final void updateNString(int columnIndex, String x1) throws SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateNString");
    }

    @Override
    public final void updateNull(String columnLabel) throws SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateNull");
    }

    @Override
    public final void updateNull(int columnIndex) throws SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateNull");
    }

    @Override
    public final void updateObject(String columnLabel, Object x1, int x2) throws SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateObject");
    }

    @Override
    public final void updateObject(String columnLabel, Object x1) throws SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateObject");
    }

    @Override
    public final void updateObject(int columnIndex, Object x1, int x2) throws SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateObject");
    }

    @Override
    public final void updateObject(int columnIndex, Object x1) throws SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateObject");
    }

    @Override
    public final void updateRef(String columnLabel, Ref x1) throws SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateRef");
    }

    @Override
    public final void updateRef(int columnIndex, Ref x1) throws SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateRef");
    }

    @Override
    public final void updateRow() throws SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateRow");
    }

    @Override
    public final void updateRowId(String columnLabel, RowId x1) throws SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateRowId");
    }

    @Override
    public final void updateRowId(int columnIndex, RowId x1) throws SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateRowId");
    }

    @Override
    public final void updateSQLXML(String columnLabel, SQLXML x1) throws SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateSQLXML");
    }

    @Override
    public final void updateSQLXML(int columnIndex, SQLXML x1) throws SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateSQLXML");
    }

    @Override
    public final void updateShort(String columnLabel, short x1) throws SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateShort");
    }

    @Override
    public final void updateShort(int columnIndex, short x1) throws SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateShort");
    }

    @Override
    public final void updateString(String columnLabel, String x1) throws SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateString");
    }

    @Override
    public final void updateString(int columnIndex, String x1) throws SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateString");
    }

    @Override
    public final void updateTime(String columnLabel, Time x1) throws SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateTime");
    }

    @Override
    public final void updateTime(int columnIndex, Time x1) throws SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateTime");
    }

    @Override
    public final void updateTimestamp(String columnLabel, Timestamp x1) throws SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateTimestamp");
    }

    @Override
    public final void updateTimestamp(int columnIndex, Timestamp x1) throws SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateTimestamp");
    }
}

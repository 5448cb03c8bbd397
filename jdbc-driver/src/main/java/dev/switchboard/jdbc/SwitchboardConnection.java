package dev.switchboard.jdbc;

import dev.switchboard.jdbc.internal.Session;
import dev.switchboard.jdbc.internal.SqlExceptions;
import dev.switchboard.protocol.message.SetOption;
import dev.switchboard.protocol.message.Transact;

import java.sql.Array;
import java.sql.Blob;
import java.sql.CallableStatement;
import java.sql.ClientInfoStatus;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.NClob;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Struct;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A JDBC connection over one Switchboard session. Session settings (autocommit, read-only, isolation, database,
 * schema) are sent with SET_OPTION and mirrored locally, so getters need no round trip. {@link #close()} may be
 * called mid-result and from another thread; it closes every statement and result set of the connection.
 *
 * <p>{@link #getSchema()} returns what {@link #setSchema} set, else null (the backend's default schema is not
 * asked for). Client info is kept locally and not sent. Thread-safe in the sense JDBC expects: requests of several
 * threads are serialised by the session; statements and result sets belong to one thread at a time.
 */
public final class SwitchboardConnection implements Connection {
    private final Session session;
    private final String url;
    private final String user;
    private final int fetchSize;
    private final boolean prefetch;
    private final Set<SwitchboardStatement> statements = ConcurrentHashMap.newKeySet();
    private final AtomicInteger savepoints = new AtomicInteger();
    private final Properties clientInfo = new Properties();
    private final SwitchboardDatabaseMetaData metaData;
    private volatile boolean closed;
    private boolean autoCommit = true;                 // SPEC.md: autocommit is on at login
    private boolean readOnly;
    private int isolation = -1;                        // -1: unknown; ask the backend's default
    private boolean isolationSet;                      // set by the application: kept across setCatalog
    private int holdability = ResultSet.CLOSE_CURSORS_AT_COMMIT;
    private String schema;
    private SQLWarning warnings;

    SwitchboardConnection(Session session, String url, String user, int fetchSize, boolean prefetch) {
        this.session = session;
        this.url = url;
        this.user = user;
        this.fetchSize = fetchSize;
        this.prefetch = prefetch;
        this.metaData = new SwitchboardDatabaseMetaData(this);
    }

    /** The session, after checking that the connection is open. */
    Session session() throws SQLException {
        checkOpen();
        return session;
    }

    void checkOpen() throws SQLException {
        if (closed) throw SqlExceptions.closed("closed");
        if (session.client().isBroken()) throw SqlExceptions.closed("broken");
    }

    int defaultFetchSize() {
        return fetchSize;
    }

    /** True when result sets ask for their next batch ahead ({@code prefetch} property). */
    boolean prefetch() {
        return prefetch;
    }

    String url() {
        return url;
    }

    String user() {
        return user;
    }

    // ---- statements ----

    private <S extends SwitchboardStatement> S track(S s) {
        statements.add(s);
        return s;
    }

    void statementClosed(SwitchboardStatement s) {
        statements.remove(s);
    }

    private static void checkResultSetKind(int type, int concurrency) throws SQLException {
        if (type != ResultSet.TYPE_FORWARD_ONLY) throw SqlExceptions.unsupported("result set type " + type);
        if (concurrency != ResultSet.CONCUR_READ_ONLY) {
            throw SqlExceptions.unsupported("result set concurrency " + concurrency);
        }
    }

    private static void checkHoldability(int h) throws SQLException {
        if (h != ResultSet.HOLD_CURSORS_OVER_COMMIT && h != ResultSet.CLOSE_CURSORS_AT_COMMIT) {
            throw SqlExceptions.of(SqlExceptions.INVALID_ATTRIBUTE, "unknown holdability " + h);
        }
    }

    @Override
    public Statement createStatement() throws SQLException {
        return createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY, holdability);
    }

    @Override
    public Statement createStatement(int type, int concurrency) throws SQLException {
        return createStatement(type, concurrency, holdability);
    }

    /** Only forward-only, read-only results; the holdability is recorded as given. */
    @Override
    public Statement createStatement(int type, int concurrency, int holdability) throws SQLException {
        checkOpen();
        checkResultSetKind(type, concurrency);
        checkHoldability(holdability);
        return track(new SwitchboardStatement(this, holdability));
    }

    @Override
    public PreparedStatement prepareStatement(String sql) throws SQLException {
        return prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY, holdability);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int type, int concurrency) throws SQLException {
        return prepareStatement(sql, type, concurrency, holdability);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int type, int concurrency, int holdability)
            throws SQLException {
        checkOpen();
        checkResultSetKind(type, concurrency);
        checkHoldability(holdability);
        return track(new SwitchboardPreparedStatement(this, sql, holdability, false, List.of()));
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int autoGeneratedKeys) throws SQLException {
        checkOpen();
        boolean keys = SwitchboardStatement.wantsKeys(autoGeneratedKeys);
        return track(new SwitchboardPreparedStatement(this, sql, holdability, keys, List.of()));
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int[] columnIndexes) throws SQLException {
        throw SqlExceptions.unsupported("generated keys by column index");
    }

    @Override
    public PreparedStatement prepareStatement(String sql, String[] columnNames) throws SQLException {
        checkOpen();
        List<String> keys = SwitchboardStatement.keyColumns(columnNames);
        return track(new SwitchboardPreparedStatement(this, sql, holdability, true, keys));
    }

    @Override
    public CallableStatement prepareCall(String sql) throws SQLException {
        throw SqlExceptions.unsupported("prepareCall");
    }

    @Override
    public CallableStatement prepareCall(String sql, int type, int concurrency) throws SQLException {
        throw SqlExceptions.unsupported("prepareCall");
    }

    @Override
    public CallableStatement prepareCall(String sql, int type, int concurrency, int holdability)
            throws SQLException {
        throw SqlExceptions.unsupported("prepareCall");
    }

    /** The SQL as given: escapes are processed by the backend's driver. */
    @Override
    public String nativeSQL(String sql) throws SQLException {
        checkOpen();
        return sql;
    }

    // ---- transactions ----

    @Override
    public synchronized void setAutoCommit(boolean on) throws SQLException {
        checkOpen();
        if (on == autoCommit) return;
        session.call(new SetOption(SetOption.Option.AUTOCOMMIT, Boolean.toString(on)), this::addWarning);
        autoCommit = on;
    }

    @Override
    public synchronized boolean getAutoCommit() throws SQLException {
        checkOpen();
        return autoCommit;
    }

    @Override
    public synchronized void commit() throws SQLException {
        transact(Transact.of(Transact.Op.COMMIT));
    }

    @Override
    public synchronized void rollback() throws SQLException {
        transact(Transact.of(Transact.Op.ROLLBACK));
    }

    private void transact(Transact t) throws SQLException {
        checkOpen();
        if (autoCommit) {
            throw SqlExceptions.of(SqlExceptions.INVALID_TRANSACTION_STATE, t.op().name().toLowerCase(
                    java.util.Locale.ROOT).replace('_', ' ') + " is not possible in autocommit mode");
        }
        session.call(t, this::addWarning);
    }

    @Override
    public Savepoint setSavepoint() throws SQLException {
        var sp = SwitchboardSavepoint.unnamed(savepoints.incrementAndGet(), this);
        synchronized (this) {
            transact(new Transact(Transact.Op.SAVEPOINT, sp.wireName()));
        }
        return sp;
    }

    @Override
    public Savepoint setSavepoint(String name) throws SQLException {
        if (name == null || name.isEmpty()) {
            throw SqlExceptions.of(SqlExceptions.INVALID_ATTRIBUTE, "a savepoint name must not be empty");
        }
        var sp = SwitchboardSavepoint.named(name, this);
        synchronized (this) {
            transact(new Transact(Transact.Op.SAVEPOINT, sp.wireName()));
        }
        return sp;
    }

    @Override
    public synchronized void rollback(Savepoint savepoint) throws SQLException {
        transact(new Transact(Transact.Op.ROLLBACK_TO, ours(savepoint).wireName()));
    }

    @Override
    public synchronized void releaseSavepoint(Savepoint savepoint) throws SQLException {
        transact(new Transact(Transact.Op.RELEASE, ours(savepoint).wireName()));
    }

    private SwitchboardSavepoint ours(Savepoint savepoint) throws SQLException {
        if (savepoint instanceof SwitchboardSavepoint sp && sp.belongsTo(this)) return sp;
        throw SqlExceptions.of(SqlExceptions.INVALID_ATTRIBUTE, "the savepoint was not made by this connection");
    }

    @Override
    public synchronized void setReadOnly(boolean on) throws SQLException {
        checkOpen();
        if (on == readOnly) return;
        session.call(new SetOption(SetOption.Option.READ_ONLY, Boolean.toString(on)), this::addWarning);
        readOnly = on;
    }

    @Override
    public synchronized boolean isReadOnly() throws SQLException {
        checkOpen();
        return readOnly;
    }

    @Override
    public synchronized void setTransactionIsolation(int level) throws SQLException {
        checkOpen();
        switch (level) {
            case TRANSACTION_READ_UNCOMMITTED, TRANSACTION_READ_COMMITTED, TRANSACTION_REPEATABLE_READ,
                 TRANSACTION_SERIALIZABLE -> { }
            default -> throw SqlExceptions.of(SqlExceptions.INVALID_ATTRIBUTE, "unknown isolation level " + level);
        }
        session.call(new SetOption(SetOption.Option.ISOLATION, Integer.toString(level)), this::addWarning);
        isolation = level;
        isolationSet = true;
    }

    /** What was set; before that, the backend's default (asked once through DatabaseMetaData). */
    @Override
    public synchronized int getTransactionIsolation() throws SQLException {
        checkOpen();
        if (isolation < 0) isolation = metaData.proxy().getDefaultTransactionIsolation();
        return isolation;
    }

    @Override
    public synchronized void setHoldability(int holdability) throws SQLException {
        checkOpen();
        checkHoldability(holdability);
        this.holdability = holdability;
    }

    @Override
    public synchronized int getHoldability() throws SQLException {
        checkOpen();
        return holdability;
    }

    // ---- database, schema ----

    /** Switches the session to another database the user may use (SQLSTATE 25001 inside a transaction). */
    @Override
    public void setCatalog(String catalog) throws SQLException {
        checkOpen();
        if (catalog == null || catalog.equals(session.database())) return;
        session.switchDatabase(catalog, this::addWarning);
        synchronized (this) {
            schema = null;                                 // it named a schema of the old database
            if (!isolationSet) isolation = -1;             // the new backend's default may differ
        }
        metaData.databaseChanged();
    }

    @Override
    public String getCatalog() throws SQLException {
        checkOpen();
        return session.database();
    }

    @Override
    public synchronized void setSchema(String schema) throws SQLException {
        checkOpen();
        if (schema == null) throw SqlExceptions.of(SqlExceptions.INVALID_ATTRIBUTE, "schema is null");
        session.call(new SetOption(SetOption.Option.SCHEMA, schema), this::addWarning);
        this.schema = schema;
    }

    /**
     * The schema set by {@link #setSchema} since login or the last {@link #setCatalog}, or null when none was set
     * (the backend's default applies; it is not asked for).
     */
    @Override
    public synchronized String getSchema() throws SQLException {
        checkOpen();
        return schema;
    }

    @Override
    public DatabaseMetaData getMetaData() throws SQLException {
        checkOpen();
        return metaData.proxy();
    }

    // ---- lifecycle ----

    /**
     * Sends TERMINATE if the session is idle and closes the socket; closes every statement and result set without
     * further round trips. Idempotent; safe mid-result and from another thread.
     */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        for (SwitchboardStatement s : statements) s.closeLocally();
        statements.clear();
        session.close();
    }

    @Override
    public boolean isClosed() {
        return closed || session.client().isBroken();
    }

    /** Closes the socket at once, on {@code executor}; a request running elsewhere fails with 08003/08006. */
    @Override
    public void abort(Executor executor) throws SQLException {
        if (executor == null) throw SqlExceptions.of(SqlExceptions.INVALID_ATTRIBUTE, "executor is null");
        if (closed) return;
        closed = true;
        for (SwitchboardStatement s : statements) s.closeLocally();
        statements.clear();
        executor.execute(session.client()::close);
    }

    /**
     * PING within {@code timeout} seconds (0 = the socket timeout). False when closed, broken, or when the server
     * has announced it is draining (GOAWAY), so that pools replace the connection.
     */
    @Override
    public boolean isValid(int timeout) throws SQLException {
        if (timeout < 0) throw SqlExceptions.of(SqlExceptions.INVALID_ATTRIBUTE, "timeout must be >= 0");
        if (isClosed() || session.client().goAwayReason() != null) return false;
        try {
            return session.ping((int) Math.min(Integer.MAX_VALUE, timeout * 1000L));
        } catch (SQLException e) {
            return false;
        }
    }

    /** The socket read timeout for every later request; the executor is not needed (reads block in place). */
    @Override
    public void setNetworkTimeout(Executor executor, int milliseconds) throws SQLException {
        checkOpen();
        if (milliseconds < 0) throw SqlExceptions.of(SqlExceptions.INVALID_ATTRIBUTE, "timeout must be >= 0");
        session.client().setReadTimeout(milliseconds);
    }

    @Override
    public int getNetworkTimeout() throws SQLException {
        checkOpen();
        return session.client().readTimeout();
    }

    // ---- warnings ----

    @Override
    public synchronized SQLWarning getWarnings() throws SQLException {
        checkOpen();
        return warnings;
    }

    @Override
    public synchronized void clearWarnings() throws SQLException {
        checkOpen();
        warnings = null;
    }

    synchronized void addWarning(SQLWarning w) {
        if (warnings == null) warnings = w;
        else warnings.setNextWarning(w);
    }

    // ---- client info: kept locally ----

    @Override
    public void setClientInfo(String name, String value) throws SQLClientInfoException {
        if (closed) {
            throw new SQLClientInfoException("connection is closed", Map.of(name, ClientInfoStatus.REASON_UNKNOWN));
        }
        if (value == null) clientInfo.remove(name);
        else clientInfo.setProperty(name, value);
    }

    @Override
    public void setClientInfo(Properties properties) throws SQLClientInfoException {
        if (closed) throw new SQLClientInfoException("connection is closed", Map.of());
        clientInfo.clear();
        if (properties != null) clientInfo.putAll(properties);
    }

    @Override
    public String getClientInfo(String name) throws SQLException {
        checkOpen();
        return clientInfo.getProperty(name);
    }

    @Override
    public Properties getClientInfo() throws SQLException {
        checkOpen();
        var copy = new Properties();
        copy.putAll(clientInfo);
        return copy;
    }

    // ---- type maps and object factories: not supported ----

    @Override
    public Map<String, Class<?>> getTypeMap() throws SQLException {
        checkOpen();
        return Map.of();
    }

    @Override
    public void setTypeMap(Map<String, Class<?>> map) throws SQLException {
        checkOpen();
        if (map != null && !map.isEmpty()) throw SqlExceptions.unsupported("type maps");
    }

    @Override
    public Clob createClob() throws SQLException {
        throw SqlExceptions.unsupported("createClob");
    }

    @Override
    public Blob createBlob() throws SQLException {
        throw SqlExceptions.unsupported("createBlob");
    }

    @Override
    public NClob createNClob() throws SQLException {
        throw SqlExceptions.unsupported("createNClob");
    }

    @Override
    public SQLXML createSQLXML() throws SQLException {
        throw SqlExceptions.unsupported("createSQLXML");
    }

    @Override
    public Array createArrayOf(String typeName, Object[] elements) throws SQLException {
        throw SqlExceptions.unsupported("createArrayOf");
    }

    @Override
    public Struct createStruct(String typeName, Object[] attributes) throws SQLException {
        throw SqlExceptions.unsupported("createStruct");
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

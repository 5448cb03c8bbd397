package dev.switchboard.proxy.exec;

import dev.switchboard.protocol.codec.ProtocolException;
import dev.switchboard.protocol.message.Auth;
import dev.switchboard.protocol.message.BatchResult;
import dev.switchboard.protocol.message.Cancel;
import dev.switchboard.protocol.message.ClientMessage;
import dev.switchboard.protocol.message.CloseCursor;
import dev.switchboard.protocol.message.Execute;
import dev.switchboard.protocol.message.ExecuteBatch;
import dev.switchboard.protocol.message.Fetch;
import dev.switchboard.protocol.message.Hello;
import dev.switchboard.protocol.message.MetadataCall;
import dev.switchboard.protocol.message.Ok;
import dev.switchboard.protocol.message.Ping;
import dev.switchboard.protocol.message.ResultEnd;
import dev.switchboard.protocol.message.ServerMessage;
import dev.switchboard.protocol.message.SetOption;
import dev.switchboard.protocol.message.Suspended;
import dev.switchboard.protocol.message.Switched;
import dev.switchboard.protocol.message.Terminate;
import dev.switchboard.protocol.message.Transact;
import dev.switchboard.protocol.message.Warning;
import dev.switchboard.protocol.frame.ProtocolVersion;
import dev.switchboard.protocol.types.Column;
import dev.switchboard.protocol.types.SqlStates;
import dev.switchboard.protocol.types.SqlType;
import dev.switchboard.protocol.types.Value;
import dev.switchboard.proxy.auth.Principal;
import dev.switchboard.proxy.config.PoolMode;
import dev.switchboard.proxy.metrics.Metrics;
import dev.switchboard.proxy.pool.BackendInfo;
import dev.switchboard.proxy.pool.Lease;
import dev.switchboard.proxy.pool.PoolRegistry;
import dev.switchboard.proxy.routing.Route;
import dev.switchboard.proxy.routing.Router;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One authenticated client session: its settings, its open cursors and, when it holds one, its backend connection.
 * Requests run one at a time, in order, on a JDBC worker thread ({@link #handle}); only {@link #cancel} and
 * {@link #close} may come from another thread.
 *
 * <p>Pool modes: in {@code transaction} mode a backend connection is held for a transaction (autocommit off,
 * from the first statement to COMMIT/ROLLBACK) or, in autocommit, for one statement, or by an open cursor that
 * owns it; in {@code session} mode the first statement takes one and the session keeps it until it ends.
 *
 * <p>The lease rules of the pool modes live in {@link BackendLink}. Still longer than most classes: request
 * dispatch and statement execution share the session's cursors and settings; the next split would move statement
 * execution (execute, batch, fetch, metadata) into a {@code StatementRunner}.
 */
public final class Session implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Session.class);
    private static final List<Column> DESCRIBED_COLUMNS = List.of(
            Column.of("label", SqlType.TEXT, java.sql.Types.VARCHAR, "text"),
            Column.of("type_name", SqlType.TEXT, java.sql.Types.VARCHAR, "text"),
            Column.of("table_name", SqlType.TEXT, java.sql.Types.VARCHAR, "text"),
            Column.of("nullable", SqlType.INT32, java.sql.Types.INTEGER, "int4"),
            Column.of("auto_increment", SqlType.BOOLEAN, java.sql.Types.BOOLEAN, "bool"));
    private final long id;
    private final long cancelKey;
    private final Principal principal;
    private final PoolRegistry registry;
    private final Supplier<Router> router;
    private final String client;
    private final Metrics metrics;
    private final ResultSizes resultSizes;
    private final KnownColumns knownColumns;
    private final ReadAhead readAhead;
    private final boolean detailsLater;     // the client speaks 1.1: column details may follow on request
    private final Instant startedAt = Instant.now();
    private final SessionSettings settings = new SessionSettings();
    private final Map<Integer, Cursor> cursors = new HashMap<>();
    private final Map<String, Savepoint> savepoints = new HashMap<>();
    private final LaterDetails laterDetails = new LaterDetails();
    private Route route;
    private BackendDialect dialect;
    private final BackendLink link;
    private int nextCursorId = 1;
    private volatile Statement running;
    private Deferred afterReply;            // confined to the request thread
    private volatile boolean closed;
    // Read by the admin API from other threads; written by the request thread only.
    private volatile String currentDatabase;
    private volatile boolean busy;
    private volatile long requestStartNanos;
    private volatile boolean inTransaction;
    private final DrainGate drainGate = new DrainGate();

    /**
     * @param router  the live router: read again at each database switch and before each lease, so a reload reaches
     *                open sessions (a changed database's new settings; a removed database fails with 3D000)
     * @param client  the client's address, for the admin API and logs
     * @param knowledge what sessions have learned about queries (shared by all)
     * @param clientVersion the protocol version of the client's HELLO: from 1.1 it may get column details later
     */
    public Session(long id, long cancelKey, Principal principal, Route route, PoolRegistry registry,
                   Supplier<Router> router, String client, Metrics metrics, QueryKnowledge knowledge,
                   ProtocolVersion clientVersion) {
        this.id = id;
        this.cancelKey = cancelKey;
        this.principal = principal;
        this.registry = registry;
        this.router = router;
        this.client = client;
        this.metrics = metrics;
        this.resultSizes = knowledge.sizes();
        this.knownColumns = knowledge.columns();
        this.readAhead = knowledge.readAhead();
        this.detailsLater = clientVersion.defines(1);
        this.link = new BackendLink(registry, router, metrics, settings);
        moveTo(route);
    }

    /** What the session is doing, for the admin API's session list. */
    public enum State { IDLE, ACTIVE, IN_TRANSACTION }

    public long id() {
        return id;
    }

    public long cancelKey() {
        return cancelKey;
    }

    public Principal principal() {
        return principal;
    }

    /** The database the session is on now. Any thread. */
    public String database() {
        return currentDatabase;
    }

    public String client() {
        return client;
    }

    public Instant startedAt() {
        return startedAt;
    }

    /** Any thread: {@code ACTIVE} while a request runs, else {@code IN_TRANSACTION} while it holds a transaction. */
    public State state() {
        if (busy) return State.ACTIVE;
        return inTransaction ? State.IN_TRANSACTION : State.IDLE;
    }

    /** How long the request now running has been running; empty when the session is idle. Any thread. */
    public Optional<Duration> running() {
        long start = requestStartNanos;
        return busy ? Optional.of(Duration.ofNanos(System.nanoTime() - start)) : Optional.empty();
    }

    private void moveTo(Route to) {
        this.route = to;
        this.currentDatabase = to.database();
        this.dialect = BackendDialect.of(to.config().jdbcUrl());
    }

    /**
     * Answers one request: writes its non-final frames to {@code reply} and returns the final one. A failed
     * statement throws SQLException and leaves the session usable; a message that has no place in a session
     * throws {@link ProtocolException}.
     */
    public ServerMessage handle(ClientMessage msg, Reply reply) throws SQLException {
        requestStartNanos = System.nanoTime();
        busy = true;
        try {
            return switch (msg) {
                case Execute e -> execute(e, reply);
                case ExecuteBatch b -> batch(b);
                case Fetch f -> fetch(f, reply);
                case CloseCursor c -> {
                    closeCursor(c.cursorId());
                    yield Ok.INSTANCE;
                }
                case Transact t -> transact(t);
                case SetOption s -> setOption(s);
                case MetadataCall m -> metadata(m, reply);
                case Ping p -> Ok.INSTANCE;
                case Hello h -> throw new ProtocolException("HELLO inside an authenticated session");
                case Auth a -> throw new ProtocolException("AUTH inside an authenticated session");
                case Cancel c -> throw new IllegalStateException("Cancel is handled out of band");
                case Terminate t -> throw new IllegalStateException("Terminate is handled by the channel");
            };
        } finally {
            link.releaseIfUnpinned(route, cursors.values());
            inTransaction = link.transactionOpen() && !settings.autoCommit;
            busy = false;
        }
    }

    /**
     * Cancels the statement now running, or the wait for a backend connection (the request then fails with 57014).
     * Any thread.
     */
    public void cancel() {
        link.interruptBorrow();
        Statement st = running;
        if (st == null) return;
        try {
            st.cancel();
        } catch (SQLException e) {
            // The statement finished or its connection broke meanwhile: nothing left to cancel.
        }
    }

    // ---- statements ----

    private ServerMessage execute(Execute e, Reply reply) throws SQLException {
        Lease own = link.ownLeaseForStatement(route);
        Connection c = own != null ? own.connection() : link.sessionConnection(route);
        boolean implicitTx = false;
        // On PostgreSQL a query in autocommit streams only inside a transaction: open an implicit one, unless the
        // result is known to be small (ResultSizes), or bounded by maxRows, so pgjdbc may read it whole.
        boolean streamsOnlyInTx = settings.autoCommit && dialect.streamsOnlyInTransaction()
                && BackendDialect.returnsRows(e.sql()) && c.getAutoCommit();
        boolean boundedByMaxRows = e.maxRows() > 0 && e.maxRows() <= e.fetchSize();
        boolean buffered = streamsOnlyInTx
                && (boundedByMaxRows || resultSizes.fitsOneBatch(route.database(), e.sql()));
        Statement st = null;
        boolean handedOff = false;
        boolean succeeded = false;
        try {
            if (streamsOnlyInTx && !buffered) {
                c.setAutoCommit(false);
                implicitTx = true;
            }
            st = e.prepared() ? prepare(c, e) : c.createStatement();
            st.setFetchSize(e.fetchSize());
            if (e.maxRows() > 0) st.setMaxRows(e.maxRows());
            if (e.timeoutSeconds() > 0) st.setQueryTimeout(e.timeoutSeconds());
            boolean isResult = run(st, e);
            sendWarnings(st.getWarnings(), reply);
            if (isResult) {
                ResultSet rs = st.getResultSet();
                // Only pgjdbc pays a catalog query for column details (per connection); others have them at hand.
                boolean pgjdbc = dialect == BackendDialect.POSTGRESQL;
                var writer = ResultWriter.start(rs, reply, pgjdbc ? knownColumns : null, route.database(), e.sql(),
                        pgjdbc, detailsLater);
                if (writer.detailsLater() != null) laterDetails.sent(route.database(), e.sql(), writer.detailsLater());
                boolean fitted = writer.writeBatch(reply, e.fetchSize());
                if (streamsOnlyInTx && !boundedByMaxRows) resultSizes.record(route.database(), e.sql(), fitted);
                if (fitted) {
                    rs.close();
                    succeeded = true;
                    return ResultEnd.ROWS;
                }
                // A buffered result that outgrew one batch is answered from pgjdbc's buffer; it streams next time.
                int cursorId = nextCursorId++;
                // A streaming result reads ahead of the client; a buffered one has all its rows already.
                var readAhead = pgjdbc && !buffered
                        ? this.readAhead.forCursor(rs, e.fetchSize(), route.config().jdbcUrl()) : null;
                cursors.put(cursorId, new Cursor(cursorId, st, rs, writer, own, implicitTx, readAhead));
                handedOff = true;
                if (own != null) metrics.pinned(Metrics.PinReason.CURSOR);
                return new Suspended(cursorId);
            }
            long count = st.getLargeUpdateCount();
            if (e.generatedKeys()) {
                try (ResultSet keys = st.getGeneratedKeys()) {
                    ResultWriter.start(keys, reply).writeAll(reply);
                }
                succeeded = true;
                return new ResultEnd(count, true);
            }
            succeeded = true;
            return new ResultEnd(count, false);
        } catch (SQLException ex) {
            if (implicitTx) rollbackQuietly(c);
            if (buffered && BackendDialect.exceededResultBuffer(ex)) {
                resultSizes.record(route.database(), e.sql(), false);
                throw new SQLException("the result grew past the proxy's buffer for small autocommit results "
                        + "(pgjdbc maxResultBuffer); the query streams from now on: run it again",
                        SqlStates.PROGRAM_LIMIT_EXCEEDED, ex);
            }
            throw ex;
        } catch (RuntimeException ex) {
            if (implicitTx) rollbackQuietly(c);
            throw ex;
        } finally {
            if (!handedOff && succeeded) {
                // The answer is complete: send it first, then commit the implicit transaction, close the statement
                // and return the lease, so those round trips leave the client's critical path.
                Statement done = st;
                boolean implicit = implicitTx;
                afterReply = () -> finishStatement(c, done, own, implicit);
            } else if (!handedOff) {
                finishStatement(c, st, own, implicitTx);
            }
        }
    }

    /**
     * Finishes the work of the request just answered (see {@link #execute}); the channel calls it once the reply is
     * on its way, before the next request of this session runs. A failure here cannot change the answer any more:
     * it is logged, and the lease discards the connection.
     */
    public void afterReply() {
        Deferred work = afterReply;
        if (work == null) return;
        afterReply = null;
        try {
            work.run();
        } catch (SQLException | RuntimeException e) {
            log.warn("finishing a statement after its reply failed sqlstate={} [{}]",
                    e instanceof SQLException s ? s.getSQLState() : "XX000", id);
        }
    }

    @FunctionalInterface
    private interface Deferred {
        void run() throws SQLException;
    }

    /** Ends a statement that left no cursor: commits its implicit transaction, closes it, returns its own lease. */
    private static void finishStatement(Connection c, Statement st, Lease own, boolean implicitTx)
            throws SQLException {
        try {
            if (implicitTx && !c.getAutoCommit()) Cursor.endImplicitTransaction(c);
        } finally {
            try {
                if (st != null) st.close();
            } finally {
                if (own != null) own.close();
            }
        }
    }

    private PreparedStatement prepare(Connection c, Execute e) throws SQLException {
        PreparedStatement ps;
        if (!e.generatedKeys()) ps = c.prepareStatement(e.sql());
        else if (e.keyColumns().isEmpty()) ps = c.prepareStatement(e.sql(), Statement.RETURN_GENERATED_KEYS);
        else ps = c.prepareStatement(e.sql(), e.keyColumns().toArray(String[]::new));
        Parameters.bind(ps, e.params());
        return ps;
    }

    private boolean run(Statement st, Execute e) throws SQLException {
        running = st;
        try {
            if (st instanceof PreparedStatement ps) return ps.execute();
            if (!e.generatedKeys()) return st.execute(e.sql());
            if (e.keyColumns().isEmpty()) return st.execute(e.sql(), Statement.RETURN_GENERATED_KEYS);
            return st.execute(e.sql(), e.keyColumns().toArray(String[]::new));
        } finally {
            running = null;
        }
    }

    private ServerMessage batch(ExecuteBatch b) throws SQLException {
        Lease own = link.ownLeaseForStatement(route);
        Connection c = own != null ? own.connection() : link.sessionConnection(route);
        try (own; Statement st = b.isPrepared() ? c.prepareStatement(b.statements().getFirst()) : c.createStatement()) {
            if (b.timeoutSeconds() > 0) st.setQueryTimeout(b.timeoutSeconds());
            if (st instanceof PreparedStatement ps) {
                for (List<Value> set : b.paramSets()) {
                    Parameters.bind(ps, set);
                    ps.addBatch();
                }
            } else {
                for (String sql : b.statements()) st.addBatch(sql);
            }
            running = st;
            long[] counts;
            try {
                counts = st.executeLargeBatch();
            } finally {
                running = null;
            }
            return new BatchResult(java.util.Arrays.stream(counts).boxed().toList());
        }
    }

    private ServerMessage fetch(Fetch f, Reply reply) throws SQLException {
        Cursor cursor = cursors.get(f.cursorId());
        if (cursor == null) {
            throw new SQLException("cursor " + f.cursorId() + " is not open", SqlStates.INVALID_CURSOR_STATE);
        }
        boolean done;
        try {
            running = cursor.statement();
            done = cursor.next(reply, f.maxRows());
        } catch (SQLException | RuntimeException e) {
            closeCursor(f.cursorId());
            throw e;
        } finally {
            running = null;
        }
        if (!done) return new Suspended(cursor.id);
        closeCursor(cursor.id);
        return ResultEnd.ROWS;
    }

    private ServerMessage metadata(MetadataCall m, Reply reply) throws SQLException {
        if (m.method().equals(MetadataCall.DESCRIBE_COLUMNS)) return describeColumns(m, reply);
        Lease own = link.ownLeaseForStatement(route);
        Connection c = own != null ? own.connection() : link.sessionConnection(route);
        boolean handedOff = false;
        try {
            Object answer = MetadataInvoker.invoke(c.getMetaData(), m.method(), m.args());
            if (!(answer instanceof ResultSet rs)) {
                ResultWriter.writeScalar(answer, reply);
                return ResultEnd.ROWS;
            }
            var writer = ResultWriter.start(rs, reply);
            if (writer.writeBatch(reply, m.fetchSize())) {
                closeQuietly(rs);
                return ResultEnd.ROWS;
            }
            int cursorId = nextCursorId++;
            cursors.put(cursorId, new Cursor(cursorId, rs.getStatement(), rs, writer, own, false, null));
            handedOff = true;
            if (own != null) metrics.pinned(Metrics.PinReason.CURSOR);
            return new Suspended(cursorId);
        } finally {
            if (!handedOff && own != null) own.close();
        }
    }

    /**
     * METADATA {@code switchboard.describeColumns(sql)} (SPEC §6.1): the details of {@code sql}'s result columns that
     * went out flagged DETAILS_LATER. Kept ones answer at once; else they are looked up ({@link LaterDetails}) on the
     * connection a statement would use now, so the lookup sees what the session's transaction sees.
     */
    private ServerMessage describeColumns(MetadataCall m, Reply reply) throws SQLException {
        if (m.args().size() != 1 || !(m.args().getFirst() instanceof Value.Text(String sql))) {
            throw new SQLException(MetadataCall.DESCRIBE_COLUMNS + " takes one TEXT argument, the statement's SQL",
                    SqlStates.FEATURE_NOT_SUPPORTED);
        }
        boolean pgjdbc = dialect == BackendDialect.POSTGRESQL;
        List<KnownColumns.Details> details = pgjdbc ? knownColumns.get(route.database(), sql) : null;
        if (details == null) {
            Lease own = link.ownLeaseForStatement(route);
            Connection c = own != null ? own.connection() : link.sessionConnection(route);
            try {
                details = laterDetails.lookUp(c, route.database(), sql);
            } finally {
                if (own != null) own.close();
            }
            if (pgjdbc) knownColumns.put(route.database(), sql, details);
        }
        ResultWriter.writeRows(DESCRIBED_COLUMNS, details.stream().map(d -> List.<Value>of(new Value.Text(d.label()),
                new Value.Text(d.typeName()), new Value.Text(d.table()), new Value.Int32(d.nullable()),
                new Value.Bool(d.autoIncrement()))).toList(), reply);
        return ResultEnd.ROWS;
    }

    private static void sendWarnings(SQLWarning w, Reply reply) {
        for (int n = 0; w != null && n < 100; w = w.getNextWarning(), n++) {
            String state = w.getSQLState() == null || w.getSQLState().length() != 5 ? "01000" : w.getSQLState();
            reply.send(new Warning(state, w.getErrorCode(), String.valueOf(w.getMessage())));
        }
    }

    // ---- transactions and settings ----

    private ServerMessage transact(Transact t) throws SQLException {
        switch (t.op()) {
            case COMMIT, ROLLBACK -> endTransaction(t.op() == Transact.Op.COMMIT);
            case SAVEPOINT -> {
                requireTransaction("SAVEPOINT");
                savepoints.put(t.savepoint(), link.sessionConnection(route).setSavepoint(t.savepoint()));
            }
            case ROLLBACK_TO -> {
                Savepoint sp = savepoint(t.savepoint());
                link.sessionConnection(route).rollback(sp);
            }
            case RELEASE -> {
                Savepoint sp = savepoint(t.savepoint());
                link.sessionConnection(route).releaseSavepoint(sp);
                savepoints.remove(t.savepoint());
            }
        }
        return Ok.INSTANCE;
    }

    private void requireTransaction(String what) throws SQLException {
        if (settings.autoCommit) throw new SQLException(what + " needs a transaction: autocommit is on", "25P01");
    }

    private Savepoint savepoint(String name) throws SQLException {
        requireTransaction("savepoint " + name);
        Savepoint sp = savepoints.get(name);
        if (sp == null) throw new SQLException("savepoint \"" + name + "\" does not exist", "3B001");
        return sp;
    }

    /** COMMIT or ROLLBACK of the session's transaction; cursors on its connection close (CLOSE_CURSORS_AT_COMMIT). */
    private void endTransaction(boolean commit) throws SQLException {
        savepoints.clear();
        if (!link.holding()) return;                     // nothing ran since the last end: nothing to end
        closeCursors(false);
        Connection c = link.held();
        if (c.getAutoCommit()) return;
        try {
            if (commit) c.commit();
            else c.rollback();
            link.transactionEnded();
            if (route.poolMode() == PoolMode.TRANSACTION) link.release();
        } catch (SQLException e) {
            if (!commit || !connectionLost(e, c)) throw e;
            link.abort();
            throw new SQLException("the connection to the database was lost during COMMIT: the transaction may or may "
                    + "not have been committed", SqlStates.COMMIT_OUTCOME_UNKNOWN, e);
        }
    }

    private static boolean connectionLost(SQLException e, Connection c) {
        if (e.getSQLState() != null && e.getSQLState().startsWith("08")) return true;
        try {
            return c.isClosed();
        } catch (SQLException ignored) {
            return true;
        }
    }

    private ServerMessage setOption(SetOption s) throws SQLException {
        switch (s.option()) {
            case AUTOCOMMIT -> {
                boolean on = parseBoolean(s);
                if (on && !settings.autoCommit && link.holding()) {
                    closeCursors(false);
                    link.held().setAutoCommit(true);            // JDBC: switching autocommit on commits
                    link.transactionEnded();
                } else if (!on && link.holding()) {
                    link.held().setAutoCommit(false);
                }
                settings.autoCommit = on;
                savepoints.clear();
            }
            case READ_ONLY -> {
                settings.readOnly = parseBoolean(s);
                if (link.holding()) link.held().setReadOnly(settings.readOnly);
            }
            case ISOLATION -> {
                settings.isolation = parseInt(s);
                if (link.holding()) link.held().setTransactionIsolation(settings.isolation);
            }
            case SCHEMA -> {
                settings.schema = s.value();
                if (link.holding()) link.held().setSchema(s.value());
            }
            case DATABASE -> {
                return switchDatabase(s.value());
            }
        }
        return Ok.INSTANCE;
    }

    private ServerMessage switchDatabase(String database) throws SQLException {
        if (!settings.autoCommit && link.holding()) {
            throw new SQLException("cannot switch database inside a transaction", SqlStates.ACTIVE_TRANSACTION);
        }
        Route to = router.get().route(principal.user(), database).orElseThrow(() -> new SQLException(
                "database \"" + database + "\" is not available to user \"" + principal.name() + "\"",
                SqlStates.INVALID_AUTHORIZATION));
        BackendInfo info = registry.backendInfo(to.config());
        closeCursors(true);
        link.release();
        settings.schema = null;                          // a schema of the old database means nothing in the new one
        moveTo(to);
        return new Switched(to.database(), info.productName(), info.productVersion());
    }

    private static boolean parseBoolean(SetOption s) throws SQLException {
        return switch (s.value()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new SQLException(s.option() + " must be true or false, was " + s.value(), "22023");
        };
    }

    private static int parseInt(SetOption s) throws SQLException {
        try {
            return Integer.parseInt(s.value());
        } catch (NumberFormatException e) {
            throw new SQLException(s.option() + " must be an integer, was " + s.value(), "22023");
        }
    }

    private void closeCursor(int cursorId) throws SQLException {
        Cursor c = cursors.remove(cursorId);
        if (c != null) c.close();
    }

    /** Closes the cursors on the session's connection, or all of them. */
    private void closeCursors(boolean all) {
        for (Iterator<Cursor> it = cursors.values().iterator(); it.hasNext(); ) {
            Cursor c = it.next();
            if (all || !c.ownsLease()) {
                it.remove();
                closeQuietly(c);
            }
        }
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
            c.setAutoCommit(true);
        } catch (SQLException ignored) {
            // the connection is broken; its lease discards it
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // closing on the way out: nothing more to do
        }
    }

    /** Brackets this session's requests so that a draining proxy ends it between transactions. */
    public DrainGate drainGate() {
        return drainGate;
    }

    /**
     * True between transactions: no transaction open, no cursor, no deferred work. In {@code session} mode the
     * session may still hold its backend connection. Only from a thread that owns the session.
     */
    public boolean betweenTransactions() {
        return !inTransaction && cursors.isEmpty() && afterReply == null;
    }

    /**
     * True when {@link #close} would not block: no backend connection held, no cursor open, nothing deferred. Only
     * from a thread that owns the session (no request running or queued).
     */
    public boolean closesWithoutBlocking() {
        return !link.holding() && cursors.isEmpty() && afterReply == null;
    }

    /**
     * Ends the session: closes its cursors and returns its connection, rolling back an open transaction so no lock
     * or session state outlives the client. Idempotent; called by the channel when the client goes away.
     */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        afterReply();
        cancel();
        closeCursors(true);
        if (link.holding()) {
            try {
                Connection c = link.held();
                if (!c.getAutoCommit()) c.rollback();
                link.release();
            } catch (SQLException e) {
                link.abort();
            }
        }
    }
}

package dev.switchboard.jdbc.internal;

import dev.switchboard.protocol.codec.RowBatchReader;
import dev.switchboard.protocol.message.BatchResult;
import dev.switchboard.protocol.message.Cancel;
import dev.switchboard.protocol.message.ClientMessage;
import dev.switchboard.protocol.message.CloseCursor;
import dev.switchboard.protocol.message.Fetch;
import dev.switchboard.protocol.message.Ok;
import dev.switchboard.protocol.message.Ping;
import dev.switchboard.protocol.message.Ready;
import dev.switchboard.protocol.message.ResultEnd;
import dev.switchboard.protocol.message.ResultHeader;
import dev.switchboard.protocol.message.ServerError;
import dev.switchboard.protocol.message.ServerMessage;
import dev.switchboard.protocol.message.SetOption;
import dev.switchboard.protocol.message.Suspended;
import dev.switchboard.protocol.message.Switched;
import dev.switchboard.protocol.message.Terminate;
import dev.switchboard.protocol.message.Warning;
import dev.switchboard.protocol.types.Column;
import dev.switchboard.protocol.types.SqlStates;
import dev.switchboard.protocol.types.SqlType;

import java.sql.SQLException;
import java.sql.SQLWarning;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * An authenticated session: the request/answer patterns of SPEC.md over a {@link WireClient}. Each method sends one
 * request and reads up to its one final answer while holding the request lock, so the stream never gets out of
 * step. WARNING frames go to the caller's sink; ERROR frames become exceptions ({@link SqlExceptions}); a frame that
 * does not belong breaks the connection (08P01). Thread-safe.
 *
 * <p>Fetch-ahead: {@link #fetchAhead} sends the FETCH for a cursor's next rows before they are needed, so the proxy
 * and the backend work on them while the application reads the rows it has; the answer is read by the {@link #fetch}
 * that wants it. Every other request first reads that answer off the wire and keeps it ({@link #settle}), so the
 * stream stays in step: at most one FETCH is ahead per session.
 */
public final class Session implements AutoCloseable {
    private final WireClient client;
    private final long sessionId;
    private final long cancelKey;
    private final String serverVersion;
    private volatile String database;
    private volatile String productName;
    private volatile String productVersion;
    private FetchAhead ahead;                               // sent, answer not read yet; under the request lock
    private final Map<Integer, Object> settled = new HashMap<>();   // cursor → QueryReply or SQLException read early

    private record FetchAhead(Fetch request, List<Column> columns, Consumer<SQLWarning> warnings) {
    }

    /** A session that {@code ready} opened on {@code client} (see {@link Login}). */
    public Session(WireClient client, Ready ready) {
        this.client = client;
        this.sessionId = ready.sessionId();
        this.cancelKey = ready.cancelKey();
        this.serverVersion = ready.serverVersion();
        this.database = ready.database();
        this.productName = ready.productName();
        this.productVersion = ready.productVersion();
    }

    public String database() {
        return database;
    }

    public String productName() {
        return productName;
    }

    public String productVersion() {
        return productVersion;
    }

    public String serverVersion() {
        return serverVersion;
    }

    public WireClient client() {
        return client;
    }

    /** A request answered by OK (TRANSACT, SET_OPTION other than DATABASE, CLOSE_CURSOR, PING). */
    public void call(ClientMessage request, Consumer<SQLWarning> warnings) throws SQLException {
        expect(request, warnings, Ok.class);
    }

    /** SET_OPTION(DATABASE): answered by SWITCHED, which updates this session's database and backend product. */
    public void switchDatabase(String name, Consumer<SQLWarning> warnings) throws SQLException {
        Switched s = expect(new SetOption(SetOption.Option.DATABASE, name), warnings, Switched.class);
        database = s.database();
        productName = s.productName();
        productVersion = s.productVersion();
    }

    /** EXECUTE_BATCH: the update counts. */
    public List<Long> batch(ClientMessage request, Consumer<SQLWarning> warnings) throws SQLException {
        return expect(request, warnings, BatchResult.class).updateCounts();
    }

    /** EXECUTE or METADATA. */
    public QueryReply query(ClientMessage request, Consumer<SQLWarning> warnings) throws SQLException {
        return exchange(request, warnings);
    }

    /** FETCH the next rows of an open cursor: the answer to a {@link #fetchAhead} if one was sent. */
    public QueryReply fetch(int cursorId, int maxRows, List<Column> columns, Consumer<SQLWarning> warnings)
            throws SQLException {
        var lock = client.requestLock();
        lock.lock();
        try {
            settle();
            Object early = settled.remove(cursorId);
            if (early instanceof SQLException e) throw e;
            if (early != null) return (QueryReply) early;
            var request = new Fetch(cursorId, maxRows);
            client.send(request);
            return readQueryReply(request, warnings, columns);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Sends the FETCH of a cursor's next rows now, without waiting for the answer (see the class comment). Does
     * nothing when a FETCH is already ahead, or this cursor's next answer has been read.
     */
    public void fetchAhead(int cursorId, int maxRows, List<Column> columns, Consumer<SQLWarning> warnings)
            throws SQLException {
        var lock = client.requestLock();
        lock.lock();
        try {
            if (ahead != null || settled.containsKey(cursorId)) return;
            var request = new Fetch(cursorId, maxRows);
            client.send(request);
            ahead = new FetchAhead(request, columns, warnings);
        } finally {
            lock.unlock();
        }
    }

    /**
     * CLOSE_CURSOR, unless the cursor already ended: its fetched-ahead answer was its last (RESULT_END) or an error,
     * which closed it on the server.
     */
    public void closeCursor(int cursorId) throws SQLException {
        var lock = client.requestLock();
        lock.lock();
        try {
            settle();
            Object early = settled.remove(cursorId);
            if (early instanceof SQLException || early instanceof QueryReply r && r.cursorId() == 0) return;
            sendAndAwait(new CloseCursor(cursorId), w -> { }, Ok.class);
        } finally {
            lock.unlock();
        }
    }

    /** Reads the answer of the FETCH that is ahead, if any, and keeps it for its cursor. Under the request lock. */
    private void settle() throws SQLException {
        FetchAhead a = ahead;
        if (a == null) return;
        ahead = null;
        try {
            settled.put(a.request().cursorId(), readQueryReply(a.request(), a.warnings(), a.columns()));
        } catch (SQLException e) {
            if (client.isBroken()) throw e;
            settled.put(a.request().cursorId(), e);       // the cursor's error: its next fetch throws it
        }
    }

    /**
     * PING with a temporary read timeout (0 = the connection's own). False when the server does not answer in time
     * or the connection breaks (then it stays broken); an error answer is thrown.
     */
    public boolean ping(int timeoutMillis) throws SQLException {
        var lock = client.requestLock();
        try {
            if (timeoutMillis > 0 ? !lock.tryLock(timeoutMillis, TimeUnit.MILLISECONDS) : !tryLockInterruptibly()) {
                return false;                             // busy longer than the caller wants to wait
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        try {
            settle();
            int previous = client.readTimeout();
            client.setReadTimeout(timeoutMillis);
            try {
                sendAndAwait(Ping.INSTANCE, w -> { }, Ok.class);
            } finally {
                if (!client.isBroken()) client.setReadTimeout(previous);
            }
            return true;
        } catch (SQLException e) {
            if (client.isBroken()) return false;
            throw e;
        } finally {
            lock.unlock();
        }
    }

    private boolean tryLockInterruptibly() throws InterruptedException {
        client.requestLock().lockInterruptibly();
        return true;
    }

    /** CANCEL whatever this session is running; safe from any thread, no answer of its own. */
    public void cancel() throws SQLException {
        client.sendOutOfBand(new Cancel(sessionId, cancelKey));
    }

    /**
     * TERMINATE if the session is idle (best effort, never blocks on a running request), then close the socket.
     * Idempotent; a request running in another thread fails with 08003/08006.
     */
    @Override
    public void close() {
        var lock = client.requestLock();
        if (!client.isBroken() && lock.tryLock()) {
            try {
                client.send(Terminate.INSTANCE);
            } catch (SQLException ignored) {
                // leaving anyway: the server releases the session when the socket closes
            } finally {
                lock.unlock();
            }
        }
        client.close();
    }

    private <T extends ServerMessage> T expect(ClientMessage request, Consumer<SQLWarning> warnings, Class<T> type)
            throws SQLException {
        var lock = client.requestLock();
        lock.lock();
        try {
            settle();
            return sendAndAwait(request, warnings, type);
        } finally {
            lock.unlock();
        }
    }

    private <T extends ServerMessage> T sendAndAwait(ClientMessage request, Consumer<SQLWarning> warnings,
                                                    Class<T> type) throws SQLException {
        client.send(request);
        while (true) {
            ServerMessage msg = switch (client.receive()) {
                case Reply.Message m -> m.message();
                case Reply.Rows r -> throw unexpected("ROW_BATCH", request);
            };
            if (msg instanceof Warning w) {
                warnings.accept(toWarning(w));
            } else if (msg instanceof ServerError e) {
                throw error(e);
            } else if (type.isInstance(msg)) {
                return type.cast(msg);
            } else {
                throw unexpected(msg.getClass().getSimpleName(), request);
            }
        }
    }

    /** EXECUTE or METADATA: a RESULT_HEADER may come. */
    private QueryReply exchange(ClientMessage request, Consumer<SQLWarning> warnings) throws SQLException {
        var lock = client.requestLock();
        lock.lock();
        try {
            settle();
            client.send(request);
            return readQueryReply(request, warnings, null);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Reads a query's answer up to its RESULT_END or SUSPENDED. {@code known} is null when a RESULT_HEADER may come
     * (EXECUTE, METADATA), else the columns of the cursor. Under the request lock.
     */
    private QueryReply readQueryReply(ClientMessage request, Consumer<SQLWarning> warnings, List<Column> known)
            throws SQLException {
        boolean headerExpected = known == null;
        List<Column> columns = null;
        var batches = new ArrayList<RowBatchReader>(1);
        while (true) {
            ServerMessage msg;
            switch (client.receive()) {
                case Reply.Rows r -> {
                    if (headerExpected && columns == null) throw unexpected("ROW_BATCH before a header", request);
                    batches.add(checked(r.reader(), headerExpected ? columns : known));
                    continue;
                }
                case Reply.Message m -> msg = m.message();
            }
            switch (msg) {
                case ResultHeader h -> {
                    if (!headerExpected || columns != null) throw unexpected("RESULT_HEADER", request);
                    columns = h.columns();
                }
                case Warning w -> warnings.accept(toWarning(w));
                case ServerError e -> throw error(e);
                case ResultEnd e -> {
                    return new QueryReply(columns, batches, e.updateCount(), e.generatedKeys(), 0);
                }
                case Suspended s -> {
                    if ((headerExpected && columns == null) || s.cursorId() <= 0) {
                        throw unexpected("SUSPENDED(" + s.cursorId() + ")", request);
                    }
                    return new QueryReply(columns, batches, -1, false, s.cursorId());
                }
                default -> throw unexpected(msg.getClass().getSimpleName(), request);
            }
        }
    }

    private RowBatchReader checked(RowBatchReader reader, List<Column> columns) throws SQLException {
        if (reader.columnCount() != columns.size()) {
            throw client.protocolViolation("row batch has " + reader.columnCount() + " columns, header "
                    + columns.size(), null);
        }
        for (int i = 0; i < columns.size(); i++) {
            SqlType t = reader.type(i);
            if (t != columns.get(i).wireType()) {
                throw client.protocolViolation("column " + (i + 1) + " is " + columns.get(i).wireType()
                        + " in the header but " + t + " in the row batch", null);
            }
        }
        return reader;
    }

    private SQLException error(ServerError e) {
        // after 08P01 the server closes the connection: mark it now, so the next call says so at once
        if (e.sqlState().equals(SqlStates.PROTOCOL_VIOLATION)) client.protocolViolation(e.message(), null);
        return SqlExceptions.of(e);
    }

    private SQLException unexpected(String what, ClientMessage request) {
        return client.protocolViolation("unexpected " + what + " in answer to " + request.getClass().getSimpleName(),
                null);
    }

    public static SQLWarning toWarning(Warning w) {
        return new SQLWarning(w.message(), w.sqlState(), w.vendorCode());
    }
}

package dev.switchboard.proxy.exec;

import dev.switchboard.proxy.pool.Lease;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * An open result waiting to be pulled. Owns its ResultSet and Statement and, in transaction mode with autocommit,
 * the lease (the backend connection is pinned only while the cursor is open). When the result runs in an implicit
 * transaction (see {@link BackendDialect#POSTGRESQL}), closing commits it, so autocommit semantics hold.
 */
final class Cursor implements AutoCloseable {
    final int id;
    private final Statement statement;
    private final ResultSet rs;
    private final ResultWriter writer;
    private final Lease ownLease;          // null: the session's connection, not ours to return
    private final boolean implicitTransaction;
    private final ReadAhead.Widening readAhead;   // null: fetch what the statement's fetch size says

    Cursor(int id, Statement statement, ResultSet rs, ResultWriter writer, Lease ownLease,
           boolean implicitTransaction, ReadAhead.Widening readAhead) {
        this.id = id;
        this.readAhead = readAhead;
        if (readAhead != null) writer.meteredBy(readAhead);
        this.statement = statement;
        this.rs = rs;
        this.writer = writer;
        this.ownLease = ownLease;
        this.implicitTransaction = implicitTransaction;
    }

    /** One batch of at most {@code maxRows}; true when the result is exhausted. */
    boolean next(Reply reply, int maxRows) throws SQLException {
        if (readAhead != null) readAhead.beforeBatch(maxRows);
        return writer.writeBatch(reply, maxRows);
    }

    /** True when the cursor holds its own backend connection rather than the session's. */
    boolean ownsLease() {
        return ownLease != null;
    }

    Statement statement() {
        return statement;
    }

    @Override
    public void close() throws SQLException {
        try (ownLease; statement; rs; readAhead) {
            if (implicitTransaction) endImplicitTransaction(statement.getConnection());
        }
    }

    static void endImplicitTransaction(Connection c) throws SQLException {
        if (!c.getAutoCommit()) {
            c.commit();
            c.setAutoCommit(true);
        }
    }
}

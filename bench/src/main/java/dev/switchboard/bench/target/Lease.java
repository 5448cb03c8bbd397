package dev.switchboard.bench.target;

import java.sql.SQLException;

/**
 * How one client thread reaches its databases. Each implementation is one way an application talks to a database
 * (a held connection, a new connection per operation, a pool borrow, a session switched with {@code setCatalog}).
 * Confined to one thread; {@link #close()} releases whatever it holds.
 */
public interface Lease extends AutoCloseable {
    /** Runs {@code work} on a connection to {@code database}; the connection stays the lease's. */
    <T> T call(String database, SqlWork<T> work) throws SQLException;

    /** After a failed call: close held connections, which may be broken; the next call opens new ones. */
    void reset();

    @Override
    void close();
}

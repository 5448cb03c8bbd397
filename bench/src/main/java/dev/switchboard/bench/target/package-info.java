/**
 * The systems under test, as a client reaches them: {@link dev.switchboard.bench.target.Target} hands out
 * {@link dev.switchboard.bench.target.Lease}s that say how a client thread gets a connection (held, new per
 * operation, switched with {@code setCatalog}, borrowed from an in-process pool). Uses JDBC only; the peer processes
 * (PgBouncer, the proxy) are started by {@code dev.switchboard.bench.peer}.
 */
package dev.switchboard.bench.target;

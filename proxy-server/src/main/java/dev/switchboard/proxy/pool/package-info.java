/**
 * Backend connection pools: one HikariCP pool per backend database in use, kept in a bounded registry.
 *
 * <p>{@link dev.switchboard.proxy.pool.PoolRegistry} creates a pool on first use (once, however many callers race),
 * bounds resident pools by {@code registry.maxPools} (LRU) and {@code registry.idlePoolTimeout}, and retires what it
 * evicts: a retired {@link dev.switchboard.proxy.pool.BackendPool} takes no new leases and closes when its last
 * {@link dev.switchboard.proxy.pool.Lease} returns, or after {@code registry.drainTimeout}. All pools share the
 * housekeeping scheduler and thread factory of one {@link dev.switchboard.proxy.pool.PoolFactory}.
 *
 * <p>Depends on {@code config} only. Must not depend on {@code net}, {@code auth}, {@code routing} or {@code exec}, and
 * never sees a Netty {@code Channel}: leasing blocks, so callers run on worker threads. Errors it raises carry a
 * SQLSTATE and name the database, never its JDBC URL or credentials.
 */
package dev.switchboard.proxy.pool;

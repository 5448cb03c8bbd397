/**
 * The peer processes a benchmark run starts and stops (PgBouncer, the Switchboard proxy from its shaded jar), their
 * generated configs, and what is read about them from {@code /proc} (peak RSS, CPU) and from the proxy's
 * {@code /metrics} (pool counters, as {@link dev.switchboard.bench.target.PoolCounts}). Linux only.
 */
package dev.switchboard.bench.peer;

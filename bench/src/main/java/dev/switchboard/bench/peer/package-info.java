/**
 * The peer processes a benchmark run starts and stops (PgBouncer, the Switchboard proxy from its shaded jar), their
 * generated configs, and what is read about them from {@code /proc} (peak RSS, CPU). Linux only.
 */
package dev.switchboard.bench.peer;

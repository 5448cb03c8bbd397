/**
 * The load generator and the benchmark scenarios (BENCHMARKS.md). {@link dev.switchboard.bench.BenchMain} runs a
 * matrix of workloads × targets, interleaved, and writes the results; nothing here is run as a test. Depends on the
 * JDBC drivers it measures (pgjdbc, the Switchboard driver) and never on the proxy's code: the proxy is started as a
 * separate process from its shaded jar.
 */
package dev.switchboard.bench;

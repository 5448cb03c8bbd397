/**
 * JMH microbenchmarks of the protocol codec (row batches), to guide optimisation; run them with
 * {@code java -jar bench/target/switchboard-bench-all.jar}… see BENCHMARKS.md ("Codec microbenchmark").
 * Depends on {@code switchboard-protocol} only.
 */
package dev.switchboard.bench.jmh;

/**
 * Turns the cells of a run into what BENCHMARKS.md shows: medians per workload and target, ratios to direct (and
 * to PgBouncer where issue #3 states its targets that way), the verdict on each target, and PNG charts
 * (JFreeChart). Reads only {@link dev.switchboard.bench.CellResult}s.
 */
package dev.switchboard.bench.report;

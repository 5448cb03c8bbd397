/**
 * The workloads of issue #3, one {@link dev.switchboard.bench.Scenario} each. Plain JDBC against a
 * {@link dev.switchboard.bench.target.Lease}, so that every target runs the same client code.
 */
package dev.switchboard.bench.scenario;

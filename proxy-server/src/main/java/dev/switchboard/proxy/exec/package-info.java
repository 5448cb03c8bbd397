/**
 * Statement execution for a session: transactions, pool modes, cursors, results encoded straight from JDBC. Sees
 * JDBC, {@code pool}, {@code routing} (the live router, read again at each lease) and {@code metrics} (recording
 * only); never a Netty Channel (replies go through {@link dev.switchboard.proxy.exec.Reply}).
 */
package dev.switchboard.proxy.exec;

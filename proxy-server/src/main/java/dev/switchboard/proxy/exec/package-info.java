/**
 * Statement execution for a session: transactions, pool modes, cursors, results encoded straight from JDBC. Sees
 * JDBC and {@code pool}; never a Netty Channel (replies go through {@link dev.switchboard.proxy.exec.Reply}).
 */
package dev.switchboard.proxy.exec;

/**
 * The Switchboard JDBC 4.3 driver: {@link dev.switchboard.jdbc.SwitchboardDriver}, {@link
 * dev.switchboard.jdbc.SwitchboardDataSource}, {@link dev.switchboard.jdbc.DriverProperty} and the JDBC objects
 * behind {@link java.sql.Connection}. Depends only on {@code dev.switchboard.protocol}, its own {@code internal}
 * package and the JDK; never on the server.
 */
package dev.switchboard.jdbc;

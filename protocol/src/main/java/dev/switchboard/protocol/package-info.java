/**
 * Switchboard wire protocol v1, shared by the server, the JDBC driver and the bench. JDK only: no Netty, no JDBC
 * driver. {@code protocol/SPEC.md} is the normative text; this code follows it.
 */
package dev.switchboard.protocol;

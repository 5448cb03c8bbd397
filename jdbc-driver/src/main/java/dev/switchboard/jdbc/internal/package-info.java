/**
 * The driver's plumbing, not API: the blocking wire client (socket, framing, codec), the request/answer patterns of
 * a session, login, and the SQLSTATE → exception mapping. Depends only on {@code dev.switchboard.protocol} and the
 * JDK; never on {@code dev.switchboard.jdbc}.
 */
package dev.switchboard.jdbc.internal;

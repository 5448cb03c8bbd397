/**
 * SCRAM-SHA-256 (RFC 5802, RFC 7677) for Switchboard's login handshake, shared by the proxy server
 * ({@link dev.switchboard.protocol.scram.ScramServer}) and the JDBC driver
 * ({@link dev.switchboard.protocol.scram.ScramClient}).
 *
 * <p>The server stores only {@link dev.switchboard.protocol.scram.ScramVerifier verifiers}, in PostgreSQL's text form,
 * so a verifier can be copied from {@code pg_authid}; passwords are prepared exactly as PostgreSQL prepares them
 * (SASLprep, falling back to the raw password). No channel binding ({@code SCRAM-SHA-256-PLUS}) and no
 * authorization identity. The classes build and check the text of the SCRAM messages only: carrying them in frames is
 * the codec's job.
 *
 * <p>JDK only. Must not depend on the codec, Netty, JDBC or any server package.
 */
package dev.switchboard.protocol.scram;

/**
 * {@code sbctl}, the operators' CLI over the proxy's admin HTTP API ({@code docs/admin-api.md}): the root command
 * {@link dev.switchboard.admin.Sbctl}, one class per subcommand, {@code AdminClient} (one method per endpoint, over
 * {@code java.net.http}), a small JSON reader/writer and the table/JSON output.
 *
 * <p>Depends on picocli, the JDK and the protocol module (only for SCRAM verifiers, made client-side so the server
 * never sees a password). Must not depend on the proxy server: it talks to it over HTTP only.
 */
package dev.switchboard.admin;

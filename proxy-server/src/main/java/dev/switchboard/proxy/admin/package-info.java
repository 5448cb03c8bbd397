/**
 * The admin HTTP API (docs/admin-api.md): health, Prometheus metrics, and under {@code /api/v1} pools, sessions,
 * users, databases, reload, stats and shutdown, for {@code sbctl} and operators.
 *
 * <p>{@link dev.switchboard.proxy.admin.AdminServer} runs Netty's HTTP codec on its own small event loop group; the
 * loop only parses and writes, and every request is answered on the blocking executor (virtual threads), since most
 * of them touch JDBC pools or the config file. {@link dev.switchboard.proxy.admin.AdminRouter} checks the bearer token
 * and dispatches to one class per resource.
 *
 * <p>Depends on {@code control}, {@code pool}, {@code exec} (the session list), {@code metrics} and {@code config};
 * nothing depends on it but the composition root. Never returns a secret (verifiers, backend passwords, the token).
 */
package dev.switchboard.proxy.admin;

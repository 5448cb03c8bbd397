/**
 * The proxy's configuration: immutable, self-validating records ({@link dev.switchboard.proxy.config.ServerConfig}
 * and its parts) and {@link dev.switchboard.proxy.config.ConfigLoader}, which reads {@code switchboard.yml}.
 *
 * <p>A bad value stops startup or a reload with a {@link dev.switchboard.proxy.config.ConfigException} that names
 * the key; nothing is repaired or guessed. Secrets ({@link dev.switchboard.proxy.config.Secret}, user verifiers)
 * never appear in {@code toString} or in error messages.
 *
 * <p>Depends on the JDK, SnakeYAML Engine and nothing else: not on other server packages, the protocol module,
 * Netty or JDBC. Every other server package may depend on this one.
 */
package dev.switchboard.proxy.config;

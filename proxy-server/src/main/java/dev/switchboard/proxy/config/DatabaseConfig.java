package dev.switchboard.proxy.config;

import java.util.Objects;
import java.util.Optional;

/**
 * One backend database as configured. {@code name} may be a template such as {@code tenant_{name}}; then
 * {@code jdbcUrl} (and {@code username}) may use {@code {name}} too, and {@link #instantiate} makes the concrete one.
 *
 * @param poolMode empty: the server's {@code server.poolMode}
 */
public record DatabaseConfig(String name, String jdbcUrl, String username, Secret password, PoolSettings pool,
                             Optional<PoolMode> poolMode, boolean keepWarm) {
    public DatabaseConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(poolMode, "poolMode");
        if (name.isBlank()) throw new ConfigException("databases: a database name must not be blank");
        if (!jdbcUrl.startsWith("jdbc:")) {
            throw new ConfigException("databases." + name + ".jdbcUrl must start with jdbc:");
        }
    }

    /** True for a template entry such as {@code tenant_{name}}. */
    public boolean isTemplate() {
        return name.contains("{name}");
    }

    /** The concrete database {@code database} made from this template ({@code {name}} replaced by the matched part). */
    public DatabaseConfig instantiate(String database, String matchedPart) {
        return new DatabaseConfig(database, jdbcUrl.replace("{name}", matchedPart),
                username.replace("{name}", matchedPart), password, pool, poolMode, keepWarm);
    }
}

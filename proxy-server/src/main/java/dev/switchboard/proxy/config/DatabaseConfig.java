package dev.switchboard.proxy.config;

import java.util.Objects;
import java.util.Optional;

/**
 * One backend database as configured. {@code name} may be a template such as {@code tenant_{name}}; then
 * {@code jdbcUrl} (and {@code username}) may use {@code {name}} too, and {@link #instantiate} makes the concrete one.
 *
 * <p>A template matches a database name that has the template's text around {@code {name}} and, in its place, at
 * least one of {@code A-Z a-z 0-9 _ -} ({@link #NAME_PART}). The part is pasted into the JDBC URL, and the name
 * comes from a client before it is authorized, so it may not carry URL syntax such as {@code ?}, {@code &} or
 * {@code /}: {@code tenant_x?socketFactory=…} matches nothing.
 *
 * @param poolMode empty: the server's {@code server.poolMode}
 * @param keepWarm the registry never evicts this database's pool; not allowed on a template, since every tenant's
 *                 pool would then stay open
 */
public record DatabaseConfig(String name, String jdbcUrl, String username, Secret password, PoolSettings pool,
                             Optional<PoolMode> poolMode, boolean keepWarm) {
    /** The placeholder of a template entry. */
    public static final String PLACEHOLDER = "{name}";
    /** The characters a template's {@code {name}} may stand for (one or more). */
    public static final String NAME_PART = "[A-Za-z0-9_-]+";

    public DatabaseConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(poolMode, "poolMode");
        if (name.isBlank()) throw new ConfigException("databases: a database name must not be blank");
        String key = "databases." + name;
        int at = name.indexOf(PLACEHOLDER);
        String rest = at < 0 ? name : name.substring(0, at) + name.substring(at + PLACEHOLDER.length());
        if (rest.contains("{") || rest.contains("}")) {
            throw new ConfigException(key + ": a database name may contain {name} once and no other braces");
        }
        if (!jdbcUrl.startsWith("jdbc:")) {
            throw new ConfigException(key + ".jdbcUrl must start with jdbc:");
        }
        boolean template = name.contains(PLACEHOLDER);
        if (!template && (jdbcUrl.contains(PLACEHOLDER) || username.contains(PLACEHOLDER))) {
            throw new ConfigException(key + ": {name} in jdbcUrl or username needs a template name such as "
                    + "tenant_{name}");
        }
        if (template && keepWarm) {
            throw new ConfigException(key + ".keepWarm is not allowed on a template: every tenant's pool would "
                    + "stay open");
        }
    }

    /** True for a template entry such as {@code tenant_{name}}. */
    public boolean isTemplate() {
        return name.contains(PLACEHOLDER);
    }

    /**
     * The part of {@code database} that this template's {@code {name}} stands for, e.g. {@code 042} for
     * {@code tenant_042} and {@code tenant_{name}}; empty if this entry is concrete or does not match.
     */
    public Optional<String> matchedPart(String database) {
        return matchTemplate(name, database);
    }

    /** The concrete database {@code database} made from this template ({@code {name}} replaced by the matched part). */
    public DatabaseConfig instantiate(String database, String matchedPart) {
        return new DatabaseConfig(database, jdbcUrl.replace("{name}", matchedPart),
                username.replace("{name}", matchedPart), password, pool, poolMode, keepWarm);
    }

    /** What {@code {name}} in {@code template} stands for in {@code database}; empty if it does not match. */
    static Optional<String> matchTemplate(String template, String database) {
        int at = template.indexOf(PLACEHOLDER);
        if (at < 0) return Optional.empty();
        String prefix = template.substring(0, at);
        String suffix = template.substring(at + PLACEHOLDER.length());
        if (database.length() <= prefix.length() + suffix.length()
                || !database.startsWith(prefix) || !database.endsWith(suffix)) {
            return Optional.empty();
        }
        String part = database.substring(prefix.length(), database.length() - suffix.length());
        return part.matches(NAME_PART) ? Optional.of(part) : Optional.empty();
    }
}

package dev.switchboard.proxy.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The whole configuration of one proxy, as loaded by {@link ConfigLoader} or assembled by a reload. Immutable;
 * safe to share between threads and to log ({@link Secret}s and verifiers print as {@code ******}).
 *
 * <p>Checked across sections: every entry of a user's {@code databases} and its {@code default}
 * ({@code {user}} replaced) must be a configured database, a configured template's own name, or a name some
 * template makes. Databases and users keep the order they were written in.
 *
 * @param pool      the top-level {@code pool} section; each database already holds its effective settings
 * @param databases by name; template entries ({@code tenant_{name}}) under the template's name
 * @param users     by name
 */
public record ServerConfig(ServerSettings server, AdminSettings admin, RegistrySettings registry, PoolSettings pool,
                           Map<String, DatabaseConfig> databases, Map<String, UserConfig> users,
                           Optional<CatalogSettings> catalog) {
    public ServerConfig {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(admin, "admin");
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(catalog, "catalog");
        databases = Collections.unmodifiableMap(new LinkedHashMap<>(databases));
        users = Collections.unmodifiableMap(new LinkedHashMap<>(users));
        databases.forEach((key, db) -> {
            if (!key.equals(db.name())) throw new ConfigException("databases." + key + ": entry is named " + db.name());
        });
        users.forEach((key, user) -> {
            if (!key.equals(user.name())) throw new ConfigException("users." + key + ": entry is named " + user.name());
        });
        if (server.port() != 0 && server.port() == admin.port() && server.host().equals(admin.host())) {
            throw new ConfigException("admin.listen must differ from server.listen, both are " + server.listen());
        }
        for (UserConfig user : users.values()) checkDatabasesOf(user, databases);
    }

    /**
     * The concrete database {@code name}: the entry of that name, else one made from the first template (in config
     * order) that matches it; empty if there is none, or if {@code name} is a template's own name. Whether a user
     * may use it is {@link UserConfig#mayUse}.
     */
    public Optional<DatabaseConfig> database(String name) {
        return resolve(databases, name);
    }

    private static Optional<DatabaseConfig> resolve(Map<String, DatabaseConfig> databases, String name) {
        DatabaseConfig exact = databases.get(name);
        if (exact != null) return exact.isTemplate() ? Optional.empty() : Optional.of(exact);
        for (DatabaseConfig db : databases.values()) {
            Optional<String> part = db.matchedPart(name);
            if (part.isPresent()) return Optional.of(db.instantiate(name, part.get()));
        }
        return Optional.empty();
    }

    static void checkDatabasesOf(UserConfig user, Map<String, DatabaseConfig> databases) {
        String key = "users." + user.name();
        List<String> entries = user.resolvedDatabases();
        for (int i = 0; i < entries.size(); i++) checkKnown(key + ".databases[" + i + "]", entries.get(i), databases);
        user.defaultDatabase().ifPresent(d ->
                checkKnown(key + ".default", d.replace(UserConfig.USER_PLACEHOLDER, user.name()), databases));
    }

    private static void checkKnown(String key, String database, Map<String, DatabaseConfig> databases) {
        if (databases.containsKey(database) || resolve(databases, database).isPresent()) return;
        String hint = Spelling.closest(database, databases.keySet())
                .map(s -> " (did you mean \"" + s + "\"?)")
                .orElse("");
        throw new ConfigException(key + ": no database or template matches \"" + database + "\"" + hint);
    }
}

package dev.switchboard.proxy.config;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Turns rows of the catalog tables ({@code docs/catalog.sql}) into config entries and merges them into a file config.
 * Precedence: an entry of the config file wins over a catalog row of the same name. A row that is not valid is
 * skipped with a message naming the table, the row and the problem; so is a catalog user whose databases do not
 * resolve. Backend passwords in the catalog are references ({@code ${env:…}}, {@code ${file:…}}) resolved like the
 * file's. Stateless.
 */
public final class CatalogEntries {
    /** One row of {@code switchboard_databases}; nullable columns are empty. */
    public record DatabaseRow(String name, String jdbcUrl, String username, String passwordRef,
                              Optional<String> poolMode, boolean keepWarm, Optional<Integer> maxPoolSize,
                              Optional<Integer> minIdle, Optional<Integer> connectionTimeoutMillis) {
    }

    /** One row of {@code switchboard_users}. */
    public record UserRow(String name, String verifier, List<String> databases, Optional<String> defaultDatabase,
                          Optional<Instant> validUntil, int maxClientConnections) {
    }

    private CatalogEntries() {
    }

    /**
     * {@code file} with the catalog's databases and users added (file entries win).
     *
     * @param skipped told about every row left out, in one line each
     */
    public static ServerConfig merge(ServerConfig file, List<DatabaseRow> databaseRows, List<UserRow> userRows,
                                     Function<String, String> env, Consumer<String> skipped) {
        var refs = new References(env, Path.of("."));
        var databases = new LinkedHashMap<>(file.databases());
        for (DatabaseRow row : databaseRows) {
            if (databases.containsKey(row.name())) continue;          // the file wins
            try {
                databases.put(row.name(), database(row, file.pool(), refs));
            } catch (ConfigException e) {
                skipped.accept("catalog switchboard_databases[" + row.name() + "] skipped: " + e.getMessage());
            }
        }
        var users = new LinkedHashMap<>(file.users());
        for (UserRow row : userRows) {
            if (users.containsKey(row.name())) continue;
            try {
                UserConfig user = new UserConfig(row.name(), row.verifier(), row.databases(), row.defaultDatabase(),
                        row.validUntil(), row.maxClientConnections());
                ServerConfig.checkDatabasesOf(user, databases);
                users.put(row.name(), user);
            } catch (ConfigException e) {
                skipped.accept("catalog switchboard_users[" + row.name() + "] skipped: " + e.getMessage());
            }
        }
        return new ServerConfig(file.server(), file.admin(), file.registry(), file.pool(), databases, users,
                file.catalog());
    }

    private static DatabaseConfig database(DatabaseRow row, PoolSettings defaults, References refs) {
        String key = "databases." + row.name();
        String password = row.passwordRef().isEmpty() ? "" : refs.resolve(key + ".password", row.passwordRef());
        if (!row.passwordRef().isEmpty() && !refs.hasReference(row.passwordRef())) {
            throw new ConfigException(key + ".password must be a ${env:…} or ${file:…} reference");
        }
        var pool = new PoolSettings(row.maxPoolSize().orElse(defaults.maxPoolSize()),
                row.minIdle().orElse(defaults.minIdle()),
                row.connectionTimeoutMillis().map(java.time.Duration::ofMillis).orElse(defaults.connectionTimeout()));
        Optional<PoolMode> mode = row.poolMode().map(m -> PoolMode.parse(key + ".poolMode", m));
        return new DatabaseConfig(row.name(), row.jdbcUrl(), row.username(), new Secret(password), pool, mode,
                row.keepWarm());
    }
}

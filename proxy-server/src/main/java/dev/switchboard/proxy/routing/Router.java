package dev.switchboard.proxy.routing;

import dev.switchboard.proxy.config.DatabaseConfig;
import dev.switchboard.proxy.config.PoolMode;
import dev.switchboard.proxy.config.ServerConfig;
import dev.switchboard.proxy.config.UserConfig;

import java.util.Optional;

/**
 * Decides which database a user's session goes to. A user reaches only the databases its entry lists (concrete
 * names, names made from a template, templates; {@code {user}} is its own name: {@link UserConfig#mayUse}), and a
 * name resolves to a configured database or to an instance of a template ({@link ServerConfig#database}).
 * Immutable and thread-safe; a reload builds a new one.
 */
public final class Router {
    private final ServerConfig config;
    private final PoolMode defaultMode;

    public Router(ServerConfig config) {
        this.config = config;
        this.defaultMode = config.server().poolMode();
    }

    /**
     * The concrete database {@code name} as this router's config has it now ({@link ServerConfig#database}); a
     * session re-reads it before each lease, so a reload that changes the database reaches open sessions too.
     */
    public Optional<DatabaseConfig> database(String name) {
        return config.database(name);
    }

    /**
     * The route for {@code user} to {@code requested} ("" = the user's default), or empty when the user may not use
     * that database or no such database exists. The two cases are not told apart, on purpose.
     */
    public Optional<Route> route(UserConfig user, String requested) {
        String database = requested.isEmpty() ? user.defaultDatabaseName().orElse("") : requested;
        if (database.isEmpty() || !user.mayUse(database)) return Optional.empty();
        return config.database(database).map(db -> new Route(database, db, db.poolMode().orElse(defaultMode)));
    }
}

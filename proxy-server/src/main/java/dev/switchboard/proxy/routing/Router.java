package dev.switchboard.proxy.routing;

import dev.switchboard.proxy.config.DatabaseConfig;
import dev.switchboard.proxy.config.PoolMode;
import dev.switchboard.proxy.config.ServerConfig;
import dev.switchboard.proxy.config.UserConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides which database a user's session goes to. A user reaches only the databases its entry lists: concrete
 * names, names made from a template ({@code tenant_042}), or templates, where {@code {user}} stands for the user's
 * own name. Immutable and thread-safe; a reload builds a new one.
 */
public final class Router {
    private final Map<String, DatabaseConfig> databases;
    private final List<Map.Entry<DatabaseTemplate, DatabaseConfig>> templates = new ArrayList<>();
    private final PoolMode defaultMode;

    public Router(ServerConfig config) {
        this.databases = config.databases();
        this.defaultMode = config.server().poolMode();
        for (DatabaseConfig db : databases.values()) {
            DatabaseTemplate.parse(db.name()).ifPresent(t -> templates.add(Map.entry(t, db)));
        }
    }

    /**
     * The route for {@code user} to {@code requested} ("" = the user's default), or empty when the user may not use
     * that database or no such database exists. The two cases are not told apart, on purpose.
     */
    public Optional<Route> route(UserConfig user, String requested) {
        String database = requested.isEmpty() ? defaultDatabase(user).orElse("") : requested;
        if (database.isEmpty() || !allowed(user, database)) return Optional.empty();
        return resolve(database).map(db -> new Route(database, db, db.poolMode().orElse(defaultMode)));
    }

    /** The user's default: its {@code default}, else its only listed database when that one is concrete. */
    static Optional<String> defaultDatabase(UserConfig user) {
        if (user.defaultDatabase().isPresent()) return user.defaultDatabase().map(d -> forUser(d, user));
        List<String> listed = user.databases();
        if (listed.size() == 1) {
            String only = forUser(listed.getFirst(), user);
            if (DatabaseTemplate.parse(only).isEmpty()) return Optional.of(only);
        }
        return Optional.empty();
    }

    private static boolean allowed(UserConfig user, String database) {
        for (String entry : user.databases()) {
            String name = forUser(entry, user);
            if (name.equals(database)) return true;
            if (DatabaseTemplate.parse(name).flatMap(t -> t.match(database)).isPresent()) return true;
        }
        return false;
    }

    private static String forUser(String entry, UserConfig user) {
        return entry.replace("{user}", user.name());
    }

    private Optional<DatabaseConfig> resolve(String database) {
        DatabaseConfig exact = databases.get(database);
        if (exact != null && !exact.isTemplate()) return Optional.of(exact);
        for (var t : templates) {
            Optional<String> part = t.getKey().match(database);
            if (part.isPresent()) return Optional.of(t.getValue().instantiate(database, part.get()));
        }
        return Optional.empty();
    }
}

package dev.switchboard.proxy.control;

import dev.switchboard.proxy.config.AdminSettings;
import dev.switchboard.proxy.config.DatabaseConfig;
import dev.switchboard.proxy.config.ServerConfig;
import dev.switchboard.proxy.config.ServerSettings;
import dev.switchboard.proxy.pool.BackendPool;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a reload changes. Names are in config order (the running config's for removals, the new one's otherwise).
 *
 * @param poolsReplaced   resident pools the reload retires (cause CONFIG): their database now names another backend,
 *                        credentials or pool settings, or is gone; the next lease builds a fresh pool
 * @param settingsChanged other settings that take effect at once ({@code server.poolMode} for new sessions,
 *                        {@code server.loginTimeout}, {@code admin.token}, the {@code pool} defaults)
 * @param restartRequired settings that changed in the file but only take effect on a restart (listen addresses,
 *                        frame and connection limits, {@code registry}, {@code catalog}); the running values stay
 */
public record ConfigDiff(List<String> databasesAdded, List<String> databasesRemoved, List<String> databasesChanged,
                         List<String> usersAdded, List<String> usersRemoved, List<String> usersChanged,
                         List<String> poolsReplaced, List<String> settingsChanged, List<String> restartRequired) {
    public ConfigDiff {
        databasesAdded = List.copyOf(databasesAdded);
        databasesRemoved = List.copyOf(databasesRemoved);
        databasesChanged = List.copyOf(databasesChanged);
        usersAdded = List.copyOf(usersAdded);
        usersRemoved = List.copyOf(usersRemoved);
        usersChanged = List.copyOf(usersChanged);
        poolsReplaced = List.copyOf(poolsReplaced);
        settingsChanged = List.copyOf(settingsChanged);
        restartRequired = List.copyOf(restartRequired);
    }

    /** True when applying would change nothing. */
    public boolean isEmpty() {
        return databasesAdded.isEmpty() && databasesRemoved.isEmpty() && databasesChanged.isEmpty()
                && usersAdded.isEmpty() && usersRemoved.isEmpty() && usersChanged.isEmpty() && poolsReplaced.isEmpty()
                && settingsChanged.isEmpty() && restartRequired.isEmpty();
    }

    /**
     * The config a reload to {@code file} runs on: the file's, except for the settings that need a restart, which
     * keep their running values. Throws {@link dev.switchboard.proxy.config.ConfigException} when that mix is not a
     * valid config (say, a token removed while the admin port listens beyond loopback).
     */
    static ServerConfig effective(ServerConfig running, ServerConfig file) {
        ServerSettings rs = running.server();
        ServerSettings fs = file.server();
        var server = new ServerSettings(rs.host(), rs.port(), fs.poolMode(), rs.maxFrameBytes(),
                rs.maxClientConnections(), fs.loginTimeout(), fs.logConnections(), rs.dedicatedThreads());
        var admin = new AdminSettings(running.admin().host(), running.admin().port(), file.admin().token());
        return new ServerConfig(server, admin, running.registry(), file.pool(), file.databases(), file.users(),
                running.catalog());
    }

    /** The diff from {@code running} to {@code file} (as read), given the pools resident now. */
    static ConfigDiff between(ServerConfig running, ServerConfig file, Collection<BackendPool> resident) {
        ServerConfig next = effective(running, file);
        var poolsReplaced = new ArrayList<String>();
        for (BackendPool pool : resident) {
            Optional<DatabaseConfig> now = next.database(pool.database());
            Optional<DatabaseConfig> before = running.database(pool.database());
            if (now.isEmpty() || before.isEmpty() || !sameBackend(before.get(), now.get())) {
                poolsReplaced.add(pool.database());
            }
        }
        return new ConfigDiff(added(running.databases(), next.databases()), added(next.databases(), running.databases()),
                changed(running.databases(), next.databases()), added(running.users(), next.users()),
                added(next.users(), running.users()), changed(running.users(), next.users()), poolsReplaced,
                settingsChanged(running, next), restartRequired(running, file));
    }

    /** What a pool is built from (as BackendPool.builtFrom): the pool mode is the session's business. */
    static boolean sameBackend(DatabaseConfig a, DatabaseConfig b) {
        return a.jdbcUrl().equals(b.jdbcUrl()) && a.username().equals(b.username())
                && a.password().equals(b.password()) && a.pool().equals(b.pool()) && a.keepWarm() == b.keepWarm();
    }

    private static <V> List<String> added(Map<String, V> from, Map<String, V> to) {
        return to.keySet().stream().filter(k -> !from.containsKey(k)).toList();
    }

    private static <V> List<String> changed(Map<String, V> from, Map<String, V> to) {
        return to.entrySet().stream()
                .filter(e -> from.containsKey(e.getKey()) && !from.get(e.getKey()).equals(e.getValue()))
                .map(Map.Entry::getKey)
                .toList();
    }

    private static List<String> settingsChanged(ServerConfig a, ServerConfig b) {
        var out = new ArrayList<String>();
        if (a.server().poolMode() != b.server().poolMode()) out.add("server.poolMode");
        if (!a.server().loginTimeout().equals(b.server().loginTimeout())) out.add("server.loginTimeout");
        if (!a.admin().token().equals(b.admin().token())) out.add("admin.token");
        if (!a.pool().equals(b.pool())) out.add("pool");
        return out;
    }

    private static List<String> restartRequired(ServerConfig a, ServerConfig b) {
        var out = new ArrayList<String>();
        if (!a.server().host().equals(b.server().host()) || a.server().port() != b.server().port()) {
            out.add("server.listen");
        }
        if (a.server().maxFrameBytes() != b.server().maxFrameBytes()) out.add("server.maxFrameBytes");
        if (a.server().maxClientConnections() != b.server().maxClientConnections()) {
            out.add("server.maxClientConnections");
        }
        if (a.server().dedicatedThreads() != b.server().dedicatedThreads()) out.add("server.dedicatedThreads");
        if (!a.admin().host().equals(b.admin().host()) || a.admin().port() != b.admin().port()) out.add("admin.listen");
        var ra = a.registry();
        var rb = b.registry();
        if (ra.maxPools() != rb.maxPools()) out.add("registry.maxPools");
        if (ra.maxBackendConnections() != rb.maxBackendConnections()) out.add("registry.maxBackendConnections");
        if (!ra.idlePoolTimeout().equals(rb.idlePoolTimeout())) out.add("registry.idlePoolTimeout");
        if (!ra.drainTimeout().equals(rb.drainTimeout())) out.add("registry.drainTimeout");
        if (!ra.breaker().equals(rb.breaker())) out.add("registry.breaker");
        if (!Objects.equals(a.catalog(), b.catalog())) out.add("catalog");
        return out;
    }
}

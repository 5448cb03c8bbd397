package dev.switchboard.proxy.routing;

import dev.switchboard.proxy.config.DatabaseConfig;
import dev.switchboard.proxy.config.PoolMode;

import java.util.Objects;

/** Where a session's SQL goes: a concrete database (templates already instantiated) and the pool mode it runs in. */
public record Route(String database, DatabaseConfig config, PoolMode poolMode) {
    public Route {
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(poolMode, "poolMode");
    }
}

package dev.switchboard.proxy.admin;

import dev.switchboard.proxy.Version;
import dev.switchboard.proxy.config.ServerConfig;
import dev.switchboard.proxy.control.LiveConfig;
import dev.switchboard.proxy.exec.Sessions;
import dev.switchboard.proxy.pool.BackendPool;
import dev.switchboard.proxy.pool.EvictionCause;
import dev.switchboard.proxy.pool.PoolRegistry;

/** {@code GET /api/v1/stats}: proxy-wide numbers in one object. */
final class StatsResource {
    private final LiveConfig live;
    private final PoolRegistry registry;
    private final Sessions sessions;
    private final Lifecycle lifecycle;

    StatsResource(LiveConfig live, PoolRegistry registry, Sessions sessions, Lifecycle lifecycle) {
        this.live = live;
        this.registry = registry;
        this.sessions = sessions;
        this.lifecycle = lifecycle;
    }

    void register(AdminRouter router) {
        router.route("GET", "/api/v1/stats", this::stats);
    }

    private AdminResponse stats(AdminRequest request) {
        ServerConfig config = live.config();
        var pools = registry.pools();
        return AdminResponse.ok(Json.object("version", Version.SERVER,
                "uptimeSeconds", lifecycle.uptime().toSeconds(),
                "clientConnections", lifecycle.clientConnections(),
                "sessions", sessions.size(),
                "poolsOpen", pools.size(),
                "maxPools", config.registry().maxPools(),
                "backendConnections", registry.backendConnections(),
                "maxBackendConnections", config.registry().maxBackendConnections(),
                "poolCreations", registry.creations(),
                "poolEvictions", Json.object("size", registry.evictions(EvictionCause.SIZE),
                        "idle", registry.evictions(EvictionCause.IDLE),
                        "explicit", registry.evictions(EvictionCause.EXPLICIT),
                        "config", registry.evictions(EvictionCause.CONFIG))));
    }
}

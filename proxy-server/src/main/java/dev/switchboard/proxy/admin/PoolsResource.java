package dev.switchboard.proxy.admin;

import dev.switchboard.proxy.config.DatabaseConfig;
import dev.switchboard.proxy.config.ServerConfig;
import dev.switchboard.proxy.control.LiveConfig;
import dev.switchboard.proxy.pool.BackendPool;
import dev.switchboard.proxy.pool.EvictionCause;
import dev.switchboard.proxy.pool.PoolRegistry;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;

/** {@code /api/v1/pools}: the resident pools; evict, pause and resume one database's. */
final class PoolsResource {
    private final LiveConfig live;
    private final PoolRegistry registry;

    PoolsResource(LiveConfig live, PoolRegistry registry) {
        this.live = live;
        this.registry = registry;
    }

    void register(AdminRouter router) {
        router.route("GET", "/api/v1/pools", this::list)
                .route("POST", "/api/v1/pools/{db}/evict", this::evict)
                .route("POST", "/api/v1/pools/{db}/pause", this::pause)
                .route("POST", "/api/v1/pools/{db}/resume", this::resume);
    }

    private AdminResponse list(AdminRequest request) {
        ServerConfig config = live.config();
        var pools = new ArrayList<Map<String, Object>>();
        var resident = new ArrayList<>(registry.pools());
        resident.sort(Comparator.comparing(BackendPool::database));
        for (BackendPool p : resident) {
            int total = p.totalConnections();
            int idle = p.idleConnections();
            String mode = config.database(p.database()).flatMap(DatabaseConfig::poolMode)
                    .orElse(config.server().poolMode()).name().toLowerCase(Locale.ROOT);
            String state = registry.isPaused(p.database()) && p.state() == BackendPool.State.OPEN
                    ? "paused" : p.state().name().toLowerCase(Locale.ROOT);
            pools.add(Json.object("database", p.database(), "mode", mode, "state", state,
                    "maxPoolSize", p.settings().maxPoolSize(), "active", Math.max(0, total - idle), "idle", idle,
                    "waiting", p.waitingBorrowers() + registry.waitingForResume(p.database()), "total", total,
                    "keepWarm", p.keepWarm(), "createdAt", p.createdAt().toString(),
                    "lastUsedAt", p.lastUsed().toString()));
        }
        return AdminResponse.ok(Json.object("pools", pools));
    }

    private AdminResponse evict(AdminRequest request) {
        String db = request.param("db");
        if (!registry.evict(db, EvictionCause.EXPLICIT)) {
            throw AdminException.notFound("database " + db + " has no pool");
        }
        return AdminResponse.ok(Json.object("database", db, "evicted", true));
    }

    private AdminResponse pause(AdminRequest request) {
        String db = configured(request.param("db"));
        registry.pause(db);
        return AdminResponse.ok(Json.object("database", db, "paused", true));
    }

    private AdminResponse resume(AdminRequest request) {
        String db = configured(request.param("db"));
        registry.resume(db);
        return AdminResponse.ok(Json.object("database", db, "paused", false));
    }

    /** A database a client could use (a configured one, or one a template makes); 404 otherwise. */
    private String configured(String db) {
        if (live.config().database(db).isEmpty()) throw AdminException.notFound("no database " + db);
        return db;
    }
}

package dev.switchboard.proxy.admin;

import dev.switchboard.proxy.config.DatabaseConfig;
import dev.switchboard.proxy.control.ConfigEditor;
import dev.switchboard.proxy.control.LiveConfig;
import dev.switchboard.proxy.control.TenantMover;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code /api/v1/databases}: list, add or replace, remove. Changes are written to the config file and applied like a
 * reload ({@link ConfigEditor}); a changed database's resident pool is replaced. Backend passwords are never
 * returned, and may only be given as {@code ${env:…}}/{@code ${file:…}} references (the loader refuses others).
 */
final class DatabasesResource {
    private final LiveConfig live;
    private final ConfigEditor editor;
    private final TenantMover mover;

    DatabasesResource(LiveConfig live, ConfigEditor editor, TenantMover mover) {
        this.live = live;
        this.editor = editor;
        this.mover = mover;
    }

    void register(AdminRouter router) {
        router.route("GET", "/api/v1/databases", this::list)
                .route("PUT", "/api/v1/databases/{name}", this::put)
                .route("DELETE", "/api/v1/databases/{name}", this::remove)
                .route("POST", "/api/v1/databases/{name}/move", this::move);
    }

    private AdminResponse list(AdminRequest request) {
        var out = new ArrayList<Map<String, Object>>();
        for (DatabaseConfig d : live.config().databases().values()) {
            out.add(Json.object("name", d.name(), "template", d.isTemplate(), "jdbcUrl", d.jdbcUrl(),
                    "username", d.username(),
                    "poolMode", d.poolMode().map(m -> m.name().toLowerCase(Locale.ROOT)).orElse(null),
                    "keepWarm", d.keepWarm(),
                    "pool", Json.object("maxPoolSize", d.pool().maxPoolSize(), "minIdle", d.pool().minIdle(),
                            "connectionTimeoutMillis", d.pool().connectionTimeout().toMillis())));
        }
        return AdminResponse.ok(Json.object("databases", out));
    }

    private AdminResponse put(AdminRequest request) {
        String name = request.param("name");
        Body body = request.json().allowOnly("jdbcUrl", "username", "password", "poolMode", "keepWarm", "pool");
        var entry = new LinkedHashMap<String, Object>();
        entry.put("jdbcUrl", body.requireString("jdbcUrl"));
        body.string("username").ifPresent(u -> entry.put("username", u));
        body.string("password").ifPresent(p -> entry.put("password", p));
        body.string("poolMode").ifPresent(m -> entry.put("poolMode", m));
        body.bool("keepWarm").ifPresent(k -> entry.put("keepWarm", k));
        body.object("pool").ifPresent(pool -> {
            pool.allowOnly("maxPoolSize", "minIdle", "connectionTimeoutMillis", "connectionTimeout");
            var settings = new LinkedHashMap<String, Object>();
            pool.integer("maxPoolSize").ifPresent(n -> settings.put("maxPoolSize", n));
            pool.integer("minIdle").ifPresent(n -> settings.put("minIdle", n));
            pool.longValue("connectionTimeoutMillis").ifPresent(ms -> settings.put("connectionTimeout", ms + "ms"));
            pool.string("connectionTimeout").ifPresent(d -> {
                if (settings.containsKey("connectionTimeout")) {
                    throw AdminException.badRequest("give pool.connectionTimeoutMillis or pool.connectionTimeout, "
                            + "not both");
                }
                settings.put("connectionTimeout", d);
            });
            entry.put("pool", settings);
        });
        ConfigEditor.Edit edit = AdminException.translating(() -> editor.putDatabase(name, entry));
        return AdminResponse.ok(Json.object("name", name, "created", edit.created()));
    }

    private AdminResponse remove(AdminRequest request) {
        String name = request.param("name");
        AdminException.translating(() -> editor.removeDatabase(name))
                .orElseThrow(() -> AdminException.notFound("no database " + name));
        return AdminResponse.ok(Json.object("name", name, "removed", true));
    }

    /** Verify the new target, pause, drain, switch, resume; 409 after a rollback ({@link TenantMover}). */
    private AdminResponse move(AdminRequest request) {
        String name = request.param("name");
        String jdbcUrl = request.json().allowOnly("jdbcUrl").requireString("jdbcUrl");
        try {
            DatabaseConfig moved = mover.move(name, jdbcUrl)
                    .orElseThrow(() -> AdminException.notFound("no database " + name));
            return AdminResponse.ok(Json.object("name", name, "moved", true, "jdbcUrl", moved.jdbcUrl()));
        } catch (TenantMover.MoveRefused e) {
            throw AdminException.conflict(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AdminException(500, "interrupted while moving " + name);
        }
    }
}

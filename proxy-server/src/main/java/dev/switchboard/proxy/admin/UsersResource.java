package dev.switchboard.proxy.admin;

import dev.switchboard.proxy.config.UserConfig;
import dev.switchboard.proxy.control.ConfigEditor;
import dev.switchboard.proxy.control.LiveConfig;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /api/v1/users}: list, add or replace, remove. Changes are written to the config file and applied like a
 * reload ({@link ConfigEditor}). Verifiers are never returned.
 */
final class UsersResource {
    private final LiveConfig live;
    private final ConfigEditor editor;

    UsersResource(LiveConfig live, ConfigEditor editor) {
        this.live = live;
        this.editor = editor;
    }

    void register(AdminRouter router) {
        router.route("GET", "/api/v1/users", this::list)
                .route("PUT", "/api/v1/users/{name}", this::put)
                .route("DELETE", "/api/v1/users/{name}", this::remove);
    }

    private AdminResponse list(AdminRequest request) {
        var out = new ArrayList<Map<String, Object>>();
        for (UserConfig u : live.config().users().values()) {
            out.add(Json.object("name", u.name(), "databases", u.databases(),
                    "default", u.defaultDatabase().orElse(null),
                    "validUntil", u.validUntil().map(Instant::toString).orElse(null),
                    "maxClientConnections", u.maxClientConnections()));
        }
        return AdminResponse.ok(Json.object("users", out));
    }

    private AdminResponse put(AdminRequest request) {
        String name = request.param("name");
        Body body = request.json().allowOnly("password", "databases", "default", "validUntil", "maxClientConnections");
        var entry = new LinkedHashMap<String, Object>();
        entry.put("password", body.requireString("password"));
        entry.put("databases", body.strings("databases")
                .orElseThrow(() -> AdminException.badRequest("databases is required")));
        body.string("default").ifPresent(d -> entry.put("default", d));
        body.string("validUntil").ifPresent(v -> entry.put("validUntil", v));
        body.integer("maxClientConnections").ifPresent(n -> entry.put("maxClientConnections", n));
        ConfigEditor.Edit edit = AdminException.translating(() -> editor.putUser(name, entry));
        return AdminResponse.ok(Json.object("name", name, "created", edit.created()));
    }

    private AdminResponse remove(AdminRequest request) {
        String name = request.param("name");
        AdminException.translating(() -> editor.removeUser(name))
                .orElseThrow(() -> AdminException.notFound("no user " + name));
        return AdminResponse.ok(Json.object("name", name, "removed", true));
    }
}

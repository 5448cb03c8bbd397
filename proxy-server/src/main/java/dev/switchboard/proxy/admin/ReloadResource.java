package dev.switchboard.proxy.admin;

import dev.switchboard.proxy.control.ConfigDiff;
import dev.switchboard.proxy.control.Reloader;

import java.util.Map;

/** {@code POST /api/v1/reload?dryRun=true|false}: re-read the config file; show the diff, or apply it. */
final class ReloadResource {
    private final Reloader reloader;

    ReloadResource(Reloader reloader) {
        this.reloader = reloader;
    }

    void register(AdminRouter router) {
        router.route("POST", "/api/v1/reload", this::reload);
    }

    private AdminResponse reload(AdminRequest request) {
        boolean dryRun = switch (request.queryParam("dryRun").orElse("false")) {
            case "true" -> true;
            case "false" -> false;
            default -> throw AdminException.badRequest("dryRun must be true or false");
        };
        Reloader.Outcome outcome = AdminException.translating(() -> reloader.reload(dryRun));
        return AdminResponse.ok(Json.object("applied", outcome.applied(), "changes", changes(outcome.changes())));
    }

    static Map<String, Object> changes(ConfigDiff d) {
        return Json.object("databasesAdded", d.databasesAdded(), "databasesRemoved", d.databasesRemoved(),
                "databasesChanged", d.databasesChanged(), "usersAdded", d.usersAdded(),
                "usersRemoved", d.usersRemoved(), "usersChanged", d.usersChanged(),
                "poolsReplaced", d.poolsReplaced(), "settingsChanged", d.settingsChanged(),
                "restartRequired", d.restartRequired());
    }
}

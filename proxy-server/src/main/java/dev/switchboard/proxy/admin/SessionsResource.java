package dev.switchboard.proxy.admin;

import dev.switchboard.proxy.exec.Session;
import dev.switchboard.proxy.exec.Sessions;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Map;

/** {@code /api/v1/sessions}: the logged-in client sessions; kill one. */
final class SessionsResource {
    private final Sessions sessions;

    SessionsResource(Sessions sessions) {
        this.sessions = sessions;
    }

    void register(AdminRouter router) {
        router.route("GET", "/api/v1/sessions", this::list)
                .route("DELETE", "/api/v1/sessions/{id}", this::kill);
    }

    private AdminResponse list(AdminRequest request) {
        Instant now = Instant.now();
        var out = new ArrayList<Map<String, Object>>();
        var all = new ArrayList<>(sessions.all());
        all.sort(Comparator.comparingLong(Session::id));
        for (Session s : all) {
            String state = switch (s.state()) {
                case IDLE -> "idle";
                case ACTIVE -> "active";
                case IN_TRANSACTION -> "in-transaction";
            };
            out.add(Json.object("id", s.id(), "user", s.principal().name(), "database", s.database(),
                    "client", s.client(), "state", state,
                    "ageSeconds", Duration.between(s.startedAt(), now).toSeconds(),
                    "runningMillis", s.running().map(Duration::toMillis).orElse(null)));
        }
        return AdminResponse.ok(Json.object("sessions", out));
    }

    private AdminResponse kill(AdminRequest request) {
        String text = request.param("id");
        long id;
        try {
            id = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw AdminException.notFound("no session " + text);
        }
        if (!sessions.kill(id)) throw AdminException.notFound("no session " + id);
        return AdminResponse.ok(Json.object("id", id, "killed", true));
    }
}

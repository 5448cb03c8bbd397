package dev.switchboard.proxy.admin;

import dev.switchboard.proxy.control.LiveConfig;

import java.time.Duration;

/**
 * {@code POST /api/v1/shutdown {"drainSeconds": 30}}: answers 202, then shuts down gracefully (readiness 503, stop
 * accepting, drain, exit). Without {@code drainSeconds}, {@code registry.drainTimeout}. A second call while draining
 * is 409.
 */
final class ShutdownResource {
    static final long MAX_DRAIN_SECONDS = 24 * 3600;

    private final LiveConfig live;
    private final Lifecycle lifecycle;

    ShutdownResource(LiveConfig live, Lifecycle lifecycle) {
        this.live = live;
        this.lifecycle = lifecycle;
    }

    void register(AdminRouter router) {
        router.route("POST", "/api/v1/shutdown", this::shutdown);
    }

    private AdminResponse shutdown(AdminRequest request) {
        Body body = request.json().allowOnly("drainSeconds");
        Duration drain = body.longValue("drainSeconds").map(s -> {
            if (s < 0 || s > MAX_DRAIN_SECONDS) {
                throw AdminException.badRequest("drainSeconds must be in [0, " + MAX_DRAIN_SECONDS + "]");
            }
            return Duration.ofSeconds(s);
        }).orElse(live.config().registry().drainTimeout());
        Runnable drainAndExit = lifecycle.beginShutdown(drain)
                .orElseThrow(() -> AdminException.conflict("already shutting down"));
        // The answer leaves first: the drain closes this port at its end.
        return AdminResponse.json(202, Json.object("draining", true)).andThen(drainAndExit);
    }
}

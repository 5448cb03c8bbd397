package dev.switchboard.proxy.admin;

/** {@code GET /health/live} and {@code /health/ready}: for load balancers and Kubernetes probes; no token. */
final class HealthResource {
    private final Lifecycle lifecycle;

    HealthResource(Lifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    void register(AdminRouter router) {
        router.route("GET", "/health/live", this::live)
                .route("GET", "/health/ready", this::ready);
    }

    private AdminResponse live(AdminRequest request) {
        return AdminResponse.ok(Json.object("status", "live"));
    }

    private AdminResponse ready(AdminRequest request) {
        return lifecycle.ready()
                ? AdminResponse.ok(Json.object("status", "ready"))
                : AdminResponse.json(503, Json.object("status", "draining"));
    }
}

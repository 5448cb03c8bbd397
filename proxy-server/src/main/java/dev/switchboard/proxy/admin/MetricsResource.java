package dev.switchboard.proxy.admin;

import dev.switchboard.proxy.metrics.Metrics;

/** {@code GET /metrics}: the Prometheus text format (0.0.4); no token. */
final class MetricsResource {
    private final Metrics metrics;

    MetricsResource(Metrics metrics) {
        this.metrics = metrics;
    }

    void register(AdminRouter router) {
        router.route("GET", "/metrics", request -> AdminResponse.text(AdminResponse.PROMETHEUS_TEXT,
                metrics.scrape()));
    }
}

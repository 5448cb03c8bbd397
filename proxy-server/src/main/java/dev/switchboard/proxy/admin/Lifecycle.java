package dev.switchboard.proxy.admin;

import java.time.Duration;
import java.util.Optional;

/** What the admin API asks of the proxy as a whole; the composition root answers. Thread-safe. */
public interface Lifecycle {
    /** Listening and not draining: {@code GET /health/ready}. */
    boolean ready();

    Duration uptime();

    /** Client connections open now, logged in or not. */
    int clientConnections();

    /**
     * Begins a graceful shutdown: readiness goes 503 at once, and the returned action (which returns at once too)
     * stops accepting, gives sessions up to {@code drain} to finish, closes everything, admin port included, and
     * exits. Empty when a shutdown is already under way. The API answers before it runs the action.
     */
    Optional<Runnable> beginShutdown(Duration drain);
}

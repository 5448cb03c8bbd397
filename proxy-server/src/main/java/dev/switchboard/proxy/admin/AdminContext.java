package dev.switchboard.proxy.admin;

import dev.switchboard.proxy.control.ConfigEditor;
import dev.switchboard.proxy.control.LiveConfig;
import dev.switchboard.proxy.control.Reloader;
import dev.switchboard.proxy.exec.Sessions;
import dev.switchboard.proxy.metrics.Metrics;
import dev.switchboard.proxy.pool.PoolRegistry;

import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * What the admin API acts on.
 *
 * @param blocking where requests are answered (virtual threads): never an event loop
 */
public record AdminContext(LiveConfig live, PoolRegistry registry, Sessions sessions, Reloader reloader,
                           ConfigEditor editor, Metrics metrics, Lifecycle lifecycle, Executor blocking) {
    public AdminContext {
        Objects.requireNonNull(live, "live");
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(sessions, "sessions");
        Objects.requireNonNull(reloader, "reloader");
        Objects.requireNonNull(editor, "editor");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(lifecycle, "lifecycle");
        Objects.requireNonNull(blocking, "blocking");
    }
}

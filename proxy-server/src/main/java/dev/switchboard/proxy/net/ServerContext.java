package dev.switchboard.proxy.net;

import dev.switchboard.proxy.config.ServerConfig;
import dev.switchboard.proxy.control.LiveConfig;
import dev.switchboard.proxy.exec.QueryKnowledge;
import dev.switchboard.proxy.exec.Sessions;
import dev.switchboard.proxy.metrics.Metrics;
import dev.switchboard.proxy.pool.PoolRegistry;

import java.util.concurrent.Executor;

/**
 * What the channel handlers share: the live config (with the deciders built from it; a reload swaps them), the
 * registry, the live sessions, the metrics, the executor for blocking JDBC work, and what sessions learn about
 * queries.
 */
public record ServerContext(LiveConfig live, PoolRegistry registry, Sessions sessions, Executor jdbc,
                            Metrics metrics, QueryKnowledge knowledge) {
    /** The config running now. */
    public ServerConfig config() {
        return live.config();
    }
}

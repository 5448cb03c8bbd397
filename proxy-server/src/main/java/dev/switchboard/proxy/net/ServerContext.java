package dev.switchboard.proxy.net;

import dev.switchboard.proxy.auth.Authenticator;
import dev.switchboard.proxy.config.ServerConfig;
import dev.switchboard.proxy.exec.Sessions;
import dev.switchboard.proxy.pool.PoolRegistry;
import dev.switchboard.proxy.routing.Router;

import java.util.concurrent.Executor;

/**
 * What the channel handlers share: the config they were built from, the deciders, the registry, the live sessions,
 * and the virtual-thread executor for blocking JDBC work.
 */
public record ServerContext(ServerConfig config, Authenticator authenticator, Router router, PoolRegistry registry,
                            Sessions sessions, Executor jdbc) {
}

package dev.switchboard.proxy;

import dev.switchboard.proxy.auth.Authenticator;
import dev.switchboard.proxy.config.ServerConfig;
import dev.switchboard.proxy.exec.Sessions;
import dev.switchboard.proxy.net.ProxyServer;
import dev.switchboard.proxy.net.ServerContext;
import dev.switchboard.proxy.pool.ConnectionBudget;
import dev.switchboard.proxy.pool.PoolFactory;
import dev.switchboard.proxy.pool.PoolRegistry;
import dev.switchboard.proxy.routing.Router;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A running proxy: the composition root that wires config, registry, deciders and the Netty front end. Tests start
 * one in-process; {@link Main} starts one for real. {@link #close()} drains and stops.
 */
public final class Switchboard implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Switchboard.class);

    private final ServerConfig config;
    private final ExecutorService jdbc;
    private final PoolFactory poolFactory;
    private final PoolRegistry registry;
    private final Sessions sessions;
    private final ProxyServer server;
    private volatile boolean closed;

    private Switchboard(ServerConfig config, ExecutorService jdbc, PoolFactory poolFactory, PoolRegistry registry,
                        Sessions sessions, ProxyServer server) {
        this.config = config;
        this.jdbc = jdbc;
        this.poolFactory = poolFactory;
        this.registry = registry;
        this.sessions = sessions;
        this.server = server;
    }

    public static Switchboard start(ServerConfig config) throws InterruptedException {
        ExecutorService jdbc = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("sb-jdbc-", 0).factory());
        var poolFactory = new PoolFactory(new ConnectionBudget(config.registry().maxBackendConnections()));
        var registry = new PoolRegistry(config.registry(), poolFactory, jdbc);
        var sessions = new Sessions();
        var context = new ServerContext(config, new Authenticator(config.users(), Clock.systemUTC()),
                new Router(config), registry, sessions, jdbc);
        try {
            ProxyServer server = ProxyServer.start(context);
            log.info("{} listening on {} ({} databases, {} users, poolMode={})", Version.SERVER, server.address(),
                    config.databases().size(), config.users().size(),
                    config.server().poolMode().name().toLowerCase(java.util.Locale.ROOT));
            return new Switchboard(config, jdbc, poolFactory, registry, sessions, server);
        } catch (InterruptedException | RuntimeException e) {
            registry.close();
            poolFactory.close();
            jdbc.shutdownNow();
            throw e;
        }
    }

    public InetSocketAddress address() {
        return server.address();
    }

    public int port() {
        return server.address().getPort();
    }

    public ServerConfig config() {
        return config;
    }

    public PoolRegistry registry() {
        return registry;
    }

    public Sessions sessions() {
        return sessions;
    }

    /**
     * Stops accepting, lets sessions finish for up to {@code drain} (registry.drainTimeout by default), then closes
     * what is left, the pools and the event loops. Idempotent.
     */
    public void shutdown(Duration drain) {
        if (closed) return;
        closed = true;
        server.stopAccepting();
        long deadline = System.nanoTime() + drain.toNanos();
        while (sessions.size() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (sessions.size() > 0) log.info("drain timeout: closing {} sessions still open", sessions.size());
        server.close();
        registry.close();
        poolFactory.close();
        jdbc.shutdownNow();
        log.info("stopped");
    }

    @Override
    public void close() {
        shutdown(Duration.ZERO);
    }
}
